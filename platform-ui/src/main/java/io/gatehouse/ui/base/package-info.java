/**
 * The console's frame and shared form plumbing: the signed-in layout with navigation and tenant switcher, dialogs
 * that show service validation problems on the matching fields, confirmations and notifications, the time filter and
 * browser time zone the list pages (logs, audit trail) share, and the pieces every page that shows a secret once uses
 * (a dialog with copy buttons and ready-to-run snippets, the console's own URL).
 */
package io.gatehouse.ui.base;
