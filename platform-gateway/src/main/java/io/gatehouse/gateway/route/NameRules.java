package io.gatehouse.gateway.route;

import java.util.regex.Pattern;

/** Names of providers and routes: short, URL-safe, stable identifiers used in the admin API paths. */
public final class NameRules {
    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$");

    private NameRules() {
    }

    /** Null when fine; otherwise what to fix. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "name is required";
        }
        if (!NAME.matcher(name).matches()) {
            return "use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit";
        }
        return null;
    }
}
