package io.gatehouse.ui.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** Back to the sign-in page after a failed form sign-in; a throttled one says how many seconds to wait. */
final class SignInFailureRedirect implements AuthenticationFailureHandler {
    private final DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        String url = e instanceof SignInThrottledException throttled
                ? "/login?error&retry=" + throttled.retryAfterSeconds()
                : "/login?error";
        redirect.sendRedirect(request, response, url);
    }
}
