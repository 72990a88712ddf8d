package io.gatehouse.ui.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** RFC 9457 bodies for 401, 403 and 429 (throttled sign-in, with Retry-After) on the admin API, so scripts get the same error shape everywhere. */
final class ProblemAuthenticationResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInThrottledException throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            write(response, 429, "Too Many Requests", throttled.message());
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"gatehouse-admin\", charset=\"UTF-8\"");
        write(response, 401, "Unauthorized", "sign in with HTTP Basic using a console user (curl -u admin:PASSWORD ...)"
                + " or a personal API token (Authorization: Bearer gat_...)");
    }

    /** A bearer token that is malformed, unknown, expired or revoked, or whose user is disabled. */
    void invalidToken(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"gatehouse-admin\", error=\"invalid_token\"");
        write(response, 401, "Unauthorized",
                "the API token is not valid: unknown, expired or revoked, or its user is disabled; create a new one");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, 403, "Forbidden", "your console role does not allow this call");
    }

    private static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"errors\":[]}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
