package io.gatehouse.ui.security;

import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.TokenHolder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in admin API requests that carry {@code Authorization: Bearer gat_…} as the token's user, with the user's
 * current role and an extra {@link ApiTokenService#TOKEN_AUTHORITY}. A bad token is a 401 at once, never a fall-back
 * to anonymous. Requests without a bearer token pass on to HTTP Basic.
 */
final class ApiTokenFilter extends OncePerRequestFilter {
    private static final String PREFIX = "Bearer ";

    private final ApiTokenService tokens;
    private final ProblemAuthenticationResponses problems;
    private final SecurityContextHolderStrategy contexts;

    /**
     * @param contexts the strategy the rest of the filter chain reads; not the global one, which the last started
     *                 application context owns (Vaadin replaces it), and which differs when several share a JVM
     */
    ApiTokenFilter(ApiTokenService tokens, ProblemAuthenticationResponses problems,
                   SecurityContextHolderStrategy contexts) {
        this.tokens = tokens;
        this.problems = problems;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<TokenHolder> holder = tokens.authenticate(header.substring(PREFIX.length()).strip());
        if (holder.isEmpty()) {
            problems.invalidToken(response);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(holder.get().username(), null,
                List.of(new SimpleGrantedAuthority(holder.get().role().authority()),
                        new SimpleGrantedAuthority(ApiTokenService.TOKEN_AUTHORITY))));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
