package io.gatehouse.gateway.log;

/** A status filter: one exact status ({@code 502}) or a class ({@code 5xx}, where {@code exact} is 0). */
public record StatusFilter(int statusClass, int exact) {
    public StatusFilter {
        if (statusClass < 1 || statusClass > 5 || (exact != 0 && exact / 100 != statusClass)) {
            throw new IllegalArgumentException("invalid status filter");
        }
    }

    /** {@code 502} or {@code 5xx} (any case); null when the text is neither. */
    public static StatusFilter parse(String text) {
        String s = text.strip();
        if (s.matches("[1-5][0-9][0-9]")) {
            int status = Integer.parseInt(s);
            return new StatusFilter(status / 100, status);
        }
        if (s.matches("[1-5][xX][xX]")) {
            return new StatusFilter(s.charAt(0) - '0', 0);
        }
        return null;
    }

    @Override
    public String toString() {
        return exact != 0 ? Integer.toString(exact) : statusClass + "xx";
    }
}
