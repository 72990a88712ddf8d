package io.gatehouse.auth.authn.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** The {@code x-amz-date} timestamp (ISO 8601 basic, UTC: {@code yyyyMMdd'T'HHmmss'Z'}) and the clock-skew check. */
final class AmzDate {
    private static final Pattern SHAPE = Pattern.compile("[0-9]{8}T[0-9]{6}Z");
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);

    private AmzDate() {
    }

    static String format(Instant instant) {
        return FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant parse(String value) throws Refusal {
        if (value == null) {
            throw new Refusal("missing x-amz-date header: SigV4 requests must carry and sign x-amz-date"
                    + " (yyyyMMdd'T'HHmmss'Z', UTC)");
        }
        String v = value.strip();
        if (!SHAPE.matcher(v).matches()) {
            throw new Refusal("malformed x-amz-date '" + AuthorizationHeader.printable(v)
                    + "': expected yyyyMMdd'T'HHmmss'Z' in UTC, e.g. 20150830T123600Z");
        }
        try {
            return LocalDateTime.parse(v, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Refusal("malformed x-amz-date '" + v + "': not a valid date and time");
        }
    }

    /** Refuses a request time further than {@code allowed} from {@code now}, saying how far off in words. */
    static void checkSkew(Instant requestTime, Instant now, Duration allowed) throws Refusal {
        Duration offset = Duration.between(now, requestTime);
        if (offset.abs().compareTo(allowed) > 0) {
            String direction = offset.isNegative() ? " behind" : " ahead of";
            throw new Refusal("request time is " + inWords(offset.abs()) + direction
                    + " server time; sync the client clock (allowed skew " + allowed.toSeconds() + " s)");
        }
    }

    /** E.g. "45 seconds", "5 minutes 1 second", "20 minutes", "3 hours", "12 days". */
    static String inWords(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return plural(seconds, "second");
        }
        if (seconds < 120 * 60) {
            long rest = seconds % 60;
            return plural(seconds / 60, "minute") + (rest == 0 ? "" : " " + plural(rest, "second"));
        }
        if (seconds < 48 * 3600) {
            return plural(Math.round(seconds / 3600.0), "hour");
        }
        return plural(Math.round(seconds / 86400.0), "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
