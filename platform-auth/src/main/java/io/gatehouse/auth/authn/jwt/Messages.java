package io.gatehouse.auth.authn.jwt;

import java.time.Duration;

/** Formatting helpers for refusal reasons: anything echoed from a token is sanitised and bounded first. */
final class Messages {
    static final int MAX_ECHO = 64;

    private Messages() {
    }

    /** Printable ASCII only (others become '?'), at most {@value #MAX_ECHO} characters, then "...". */
    static String sanitize(String untrusted) {
        if (untrusted == null) {
            return "null";
        }
        int n = Math.min(untrusted.length(), MAX_ECHO);
        StringBuilder out = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = untrusted.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        if (untrusted.length() > MAX_ECHO) {
            out.append("...");
        }
        return out.toString();
    }

    /** "45 seconds", "5 minutes", "3 hours", "2 days" - rounded down, human scale. */
    static String humanDuration(Duration d) {
        long s = Math.abs(d.getSeconds());
        if (s < 120) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = s / 60;
        if (m < 120) {
            return m + " minutes";
        }
        long h = m / 60;
        if (h < 48) {
            return h + " hours";
        }
        return (h / 24) + " days";
    }
}
