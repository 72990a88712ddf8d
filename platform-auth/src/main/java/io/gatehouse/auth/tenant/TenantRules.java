package io.gatehouse.auth.tenant;

import io.gatehouse.common.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Input rules for tenants, shared by the admin API and the console so both say the same thing. */
public final class TenantRules {
    public static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    public static final int NAME_MAX = 200;

    private TenantRules() {
    }

    public static String slugProblem(String slug) {
        if (slug == null || slug.isBlank()) {
            return "slug is required";
        }
        if (!SLUG.matcher(slug).matches()) {
            return "use 2-63 lower-case letters, digits or '-', starting with a letter or digit (e.g. acme-prod)";
        }
        return null;
    }

    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "name is required";
        }
        if (name.length() > NAME_MAX) {
            return "name must be at most " + NAME_MAX + " characters";
        }
        return null;
    }

    static List<FieldProblem> check(String slug, String name) {
        List<FieldProblem> problems = new ArrayList<>();
        String slugProblem = slugProblem(slug);
        if (slugProblem != null) {
            problems.add(new FieldProblem("slug", slugProblem));
        }
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            problems.add(new FieldProblem("name", nameProblem));
        }
        return problems;
    }
}
