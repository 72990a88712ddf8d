package io.gatehouse.ui.base;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Points in time as list pages show them: to the minute, in UTC. */
public final class Times {
    private static final DateTimeFormatter MINUTE_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Times() {
    }

    /** Empty for null. */
    public static String utc(OffsetDateTime time) {
        return time == null ? "" : MINUTE_UTC.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** "never" for null, e.g. a key that does not expire or was not used yet. */
    public static String orNever(OffsetDateTime time) {
        return time == null ? "never" : utc(time);
    }
}
