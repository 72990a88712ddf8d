/**
 * The console's frame and shared form plumbing: the signed-in layout with navigation, dialogs that show service
 * validation problems on the matching fields, confirmations and notifications, and the time filter and browser time
 * zone the list pages (logs, audit trail) share.
 */
package io.gatehouse.ui.base;
