package io.gatehouse.auth.user;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** How strong a console password must be, with a message a person can act on. */
public final class PasswordRules {
    public static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    public static final int MAX_BYTES = 72;
    public static final String HINT = "at least " + MIN_LENGTH + " characters, not your user name; "
            + "a few unrelated words work well";

    private static final Set<String> COMMON = Set.of("password1234", "123456789012", "qwertyuiopas",
            "passwordpassword", "administrator", "letmein12345", "welcome12345", "changeme1234", "gatehouse123",
            "iloveyou1234", "qwerty123456", "abc123456789", "password123!", "admin1234567", "p@ssw0rd1234");

    private PasswordRules() {
    }

    /** The problem with this password, or null when it is strong enough. */
    public static String problem(String username, String password) {
        if (password == null || password.isBlank()) {
            return "enter a password (" + HINT + ")";
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "too short: use " + HINT;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "too long: at most " + MAX_BYTES + " bytes (bcrypt ignores the rest)";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return "must not contain your user name";
        }
        if (password.chars().distinct().count() < 5) {
            return "too repetitive: use more different characters";
        }
        if (COMMON.contains(lower) || isSequence(lower)) {
            return "too common: it is among the first passwords an attacker tries";
        }
        return null;
    }

    private static boolean isSequence(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) - s.charAt(i - 1) != 1) {
                return false;
            }
        }
        return true;
    }
}
