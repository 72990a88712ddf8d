/** Start-up configuration of the deployable: data directory resolution before anything reads it. */
package io.gatehouse.ui.config;
