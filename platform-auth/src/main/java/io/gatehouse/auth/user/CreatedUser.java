package io.gatehouse.auth.user;

/** A new user, and the generated password when one was generated (shown once, never stored in clear). */
public record CreatedUser(UserView user, String generatedPassword) {
    @Override
    public String toString() {
        return "CreatedUser[" + user + (generatedPassword == null ? "" : ", password=<redacted>") + "]";
    }
}
