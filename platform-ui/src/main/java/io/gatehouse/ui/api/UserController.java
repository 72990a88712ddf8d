package io.gatehouse.ui.api;

import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.CreatedUser;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.UserChange;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.auth.user.UserView;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Console users: platform admins manage all; tenant admins the users of their tenants (see {@link UserManagement}). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {
    private final UserManagement users;

    UserController(UserManagement users) {
        this.users = users;
    }

    record CreateUser(String username, String password, ConsoleRole role, List<String> tenants) {
        @Override
        public String toString() {
            return "CreateUser[" + username + "]";
        }
    }

    record PatchUser(ConsoleRole role, List<String> tenants, Boolean enabled) {
    }

    /** The new user; {@code password} only when the server generated it (shown once). */
    record Created(String username, ConsoleRole role, List<String> tenants, boolean enabled, OffsetDateTime createdAt,
                   OffsetDateTime updatedAt, String password) {
        static Created of(CreatedUser c) {
            UserView u = c.user();
            return new Created(u.username(), u.role(), u.tenants(), u.enabled(), u.createdAt(), u.updatedAt(),
                    c.generatedPassword());
        }

        @Override
        public String toString() {
            return "Created[" + username + "]";
        }
    }

    record PasswordReset(String username, String password) {
        @Override
        public String toString() {
            return "PasswordReset[" + username + "]";
        }
    }

    @PostMapping
    ResponseEntity<Created> create(@RequestBody CreateUser body) {
        CreatedUser created = users.create(new NewUser(body.username(), body.password(), body.role(), body.tenants()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.user().username()))
                .body(Created.of(created));
    }

    @GetMapping
    List<UserView> list() {
        return users.list();
    }

    @GetMapping("/{username}")
    UserView get(@PathVariable String username) {
        return users.get(username);
    }

    @PatchMapping("/{username}")
    UserView update(@PathVariable String username, @RequestBody PatchUser body) {
        return users.update(username, new UserChange(body.role(), body.tenants(), body.enabled()));
    }

    @PostMapping("/{username}/password-reset")
    PasswordReset resetPassword(@PathVariable String username) {
        return new PasswordReset(username, users.resetPassword(username));
    }

    @DeleteMapping("/{username}")
    ResponseEntity<Void> delete(@PathVariable String username) {
        users.delete(username);
        return ResponseEntity.noContent().build();
    }
}
