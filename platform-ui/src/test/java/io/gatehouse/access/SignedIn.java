package io.gatehouse.access;

import io.gatehouse.auth.user.ConsoleRole;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs service calls as a signed-in console user, the way a console or API request does: the user's name and role
 * authority in the security context, cleared afterwards (so the next call is the system again).
 */
final class SignedIn {
    private SignedIn() {
    }

    static <T> T as(String username, ConsoleRole role, Callable<T> call) throws Exception {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority(role.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return call.call();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static <T> T as(TwoTenants.User user, Callable<T> call) throws Exception {
        return as(user.name(), user.role(), call);
    }
}
