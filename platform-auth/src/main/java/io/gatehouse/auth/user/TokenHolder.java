package io.gatehouse.auth.user;

/** Whom a valid API token signs in: the user's name and current role. */
public record TokenHolder(String username, ConsoleRole role) {
}
