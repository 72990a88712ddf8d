/** Health of the process as a whole: {@code /actuator/health} is UP only when the gateway listener accepts traffic too. */
package io.gatehouse.ui.health;
