package io.gatehouse.ui.api;

import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.ApiTokenView;
import io.gatehouse.auth.user.IssuedToken;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.auth.user.UserView;
import io.gatehouse.common.ForbiddenException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own account: who am I, change my password, my API tokens. Password and token changes need
 * the password (HTTP Basic): a token cannot mint more tokens or take over its account.
 */
@RestController
@RequestMapping("/api/v1/me")
class MeController {
    private final UserManagement users;
    private final ApiTokenService tokens;

    MeController(UserManagement users, ApiTokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[<redacted>]";
        }
    }

    record CreateToken(String name, Integer expiresInDays) {
    }

    /** A new token: {@code token} is shown in this answer only. */
    record CreatedToken(String id, String name, String prefix, String state, OffsetDateTime createdAt,
                        OffsetDateTime expiresAt, String token) {
        static CreatedToken of(IssuedToken issued) {
            ApiTokenView v = issued.view();
            return new CreatedToken(v.id(), v.name(), v.prefix(), v.state(), v.createdAt(), v.expiresAt(),
                    issued.token());
        }

        @Override
        public String toString() {
            return "CreatedToken[" + id + "]";
        }
    }

    @GetMapping
    UserView me(Authentication auth) {
        return users.get(auth.getName());
    }

    @PutMapping("/password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange body, Authentication auth) {
        requirePassword(auth);
        users.changeOwnPassword(body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/tokens")
    List<ApiTokenView> tokens() {
        return tokens.mine();
    }

    @PostMapping("/tokens")
    ResponseEntity<CreatedToken> createToken(@RequestBody CreateToken body, Authentication auth) {
        requirePassword(auth);
        IssuedToken issued = tokens.create(body.name(), body.expiresInDays());
        return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + issued.view().id())).body(CreatedToken.of(issued));
    }

    @DeleteMapping("/tokens/{id}")
    ApiTokenView revoke(@PathVariable String id) {
        return tokens.revoke(id);
    }

    private static void requirePassword(Authentication auth) {
        if (auth.getAuthorities().stream().anyMatch(a -> ApiTokenService.TOKEN_AUTHORITY.equals(a.getAuthority()))) {
            throw new ForbiddenException("sign in with your password (HTTP Basic) to change passwords or create tokens");
        }
    }
}
