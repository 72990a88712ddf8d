package io.gatehouse.gateway.explain;

/**
 * One step of a live target check.
 *
 * @param name   "URL", "DNS", "Address policy", "TCP connect", "TLS handshake" or "HTTP"
 * @param ok     whether the step passed; the check stops after the first failed step
 * @param detail what was found (addresses, protocol and certificate, status line) or why it failed
 * @param ms     how long the step took
 */
public record DiagnosisStep(String name, boolean ok, String detail, long ms) {
}
