package io.gatehouse.ui.security;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/** A sign-in refused, without a password check, because of too many recent failures. */
final class SignInThrottledException extends LockedException {
    private final long retryAfterSeconds;

    SignInThrottledException(Duration retryAfter) {
        super("too many failed sign-ins");
        long millis = retryAfter.toMillis();
        this.retryAfterSeconds = Math.max(1, (millis + 999) / 1000);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    String message() {
        return "Too many failed sign-ins \u2014 try again in " + retryAfterSeconds + " seconds";
    }
}
