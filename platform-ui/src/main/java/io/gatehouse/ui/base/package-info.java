/**
 * The console's frame and shared form plumbing: the signed-in layout with navigation, dialogs that show service
 * validation problems on the matching fields, confirmations and notifications.
 */
package io.gatehouse.ui.base;
