package io.gatehouse.gateway.proxy;

import io.gatehouse.auth.authn.AuthDecision;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.GatewayAuthenticator;
import io.gatehouse.auth.authn.GatewayRequest;
import io.gatehouse.gateway.log.CallRecordSink;
import io.gatehouse.gateway.route.CompiledRoute;
import io.gatehouse.gateway.route.RouteMatch;
import io.gatehouse.gateway.route.RouteTableHolder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the route for each request, authenticates the caller on protected routes, and hands over to the
 * forwarder. Never blocks the event loop, never queries the database.
 */
final class ProxyHandler implements GatewayHandler {
    private static final List<AsciiString> SIGV4_HEADERS = List.of(HttpHeaderNames.AUTHORIZATION,
            AsciiString.cached("x-amz-date"), AsciiString.cached("x-amz-content-sha256"));
    private static final List<AsciiString> AUTHORIZATION = List.of(HttpHeaderNames.AUTHORIZATION);

    private final RouteTableHolder routes;
    private final UpstreamForwarder forwarder;
    private final GatewayAuthenticator authenticator;
    private final long maxSignedBodyBytes;
    private final ConsoleTestKey consoleTest;
    private final CallRecordSink sinks;

    ProxyHandler(RouteTableHolder routes, UpstreamForwarder forwarder, GatewayAuthenticator authenticator,
                 long maxSignedBodyBytes, ConsoleTestKey consoleTest, CallRecordSink sinks) {
        this.routes = routes;
        this.consoleTest = consoleTest;
        this.sinks = sinks;
        this.forwarder = forwarder;
        this.authenticator = authenticator;
        this.maxSignedBodyBytes = maxSignedBodyBytes;
    }

    @Override
    public void handle(CallerRequest request, CallerResponse response) {
        String requestId = RequestIds.keepOrCreate(request.requestHeaders().get(HeaderNames.X_REQUEST_ID));
        response.header(HeaderNames.X_REQUEST_ID, requestId);
        CallTrace trace = new CallTrace(requestId, request.method().name(), request.clientIp());
        response.whenEnded(() -> {
            if (response.listenerErrorCode() != null) {
                trace.errorCode = response.listenerErrorCode();
            }
            sinks.accept(trace.toRecord(response.status().code()));
        });
        route(request, response, trace);
    }

    private void route(CallerRequest request, CallerResponse response, CallTrace trace) {
        GatewayPath path = GatewayPath.parse(request.uri());
        if (path == null) {
            trace.path = rawPath(request.uri());
            ErrorResponder.send(response, GatewayError.noTenantInPath(), trace);
            return;
        }
        trace.tenant = path.tenant();
        trace.path = path.path();
        trace.query = path.rawQuery();
        if (GatewayPath.hasDotSegment(path.path())) {
            ErrorResponder.send(response, GatewayError.dotSegmentInPath(), trace);
            return;
        }
        RouteMatch match = routes.current().match(path.tenant(), path.path(), request.method().name());
        if (match instanceof RouteMatch.NotFound) {
            ErrorResponder.send(response, GatewayError.routeNotFound(path.tenant(), path.path()), trace);
            return;
        }
        if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            trace.route = notAllowed.route().name();
            response.header("Allow", String.join(", ", notAllowed.allowed()));
            ErrorResponder.send(response, GatewayError.methodNotAllowed(request.method().name(),
                    notAllowed.route().name(), notAllowed.allowed()), trace);
            return;
        }
        RouteMatch.Found found = (RouteMatch.Found) match;
        CompiledRoute route = found.route();
        trace.route = route.name();
        Exchange exchange = new Exchange(request, response, route, path, found.rest(), trace);
        if (route.publicAccess()) {
            forwarder.forward(exchange, null, UpstreamForwarder.CallerHeaders.PUBLIC);
            return;
        }
        if (consoleTest.presentedBy(request)) {
            trace.credentialType = ConsoleTestKey.CREDENTIAL_TYPE;
            forwarder.forward(exchange, null, ConsoleTestKey.CALLER);
            return;
        }
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (GatewayAuthenticator.needsBody(authorization) && acceptedSchemes(route).contains(CredentialType.AKSK)) {
            authenticateSigned(exchange);
            return;
        }
        authenticateAndForward(exchange, null);
    }

    private void authenticateSigned(Exchange exchange) {
        String declared = exchange.request().requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > maxSignedBodyBytes) {
            ErrorResponder.send(exchange.response(), GatewayError.payloadTooLarge(maxSignedBodyBytes),
                    exchange.trace());
            return;
        }
        SignedBodyReader.read(exchange.request().receive(), maxSignedBodyBytes, new SignedBodyReader.Receiver() {
            @Override
            public void body(byte[] body) {
                authenticateAndForward(exchange, body);
            }

            @Override
            public void failed(Throwable error) {
                if (error instanceof SignedBodyReader.BodyTooLargeException) {
                    ErrorResponder.send(exchange.response(), GatewayError.payloadTooLarge(maxSignedBodyBytes),
                            exchange.trace());
                } else {
                    exchange.response().fail(error);
                }
            }
        });
    }

    private void authenticateAndForward(Exchange exchange, byte[] body) {
        CompiledRoute route = exchange.route();
        Set<CredentialType> accepted = acceptedSchemes(route);
        GatewayRequest view = new GatewayRequest(exchange.request().method().name(), rawPath(exchange.request().uri()),
                exchange.path().rawQuery(), headersForAuthentication(exchange.request().requestHeaders()), body);
        AuthDecision decision = authenticator.authenticate(view, route.tenant(), route.name(), accepted,
                route.requireExp());
        if (decision instanceof AuthDecision.Denied denied) {
            GatewayError error = denied.status() == 403 ? GatewayError.forbidden(denied.message())
                    : GatewayError.unauthorized(denied.message());
            if (denied.status() == 401) {
                exchange.response().header("WWW-Authenticate", GatewayAuthenticator.challenges(accepted));
            }
            ErrorResponder.send(exchange.response(), error, exchange.trace());
            return;
        }
        AuthDecision.Allowed allowed = (AuthDecision.Allowed) decision;
        exchange.trace().credentialId = allowed.credential().id();
        exchange.trace().credentialType = allowed.scheme().name();
        List<AsciiString> removed = allowed.scheme() == CredentialType.AKSK ? SIGV4_HEADERS : AUTHORIZATION;
        forwarder.forward(exchange, body, new UpstreamForwarder.CallerHeaders(removed, allowed.credential().id()));
    }

    static Set<CredentialType> acceptedSchemes(CompiledRoute route) {
        Set<CredentialType> accepted = EnumSet.noneOf(CredentialType.class);
        for (String scheme : route.auth()) {
            accepted.add(CredentialType.valueOf(scheme));
        }
        return accepted;
    }

    /**
     * The headers the authenticator reads: all of them, lower-cased, for a SigV4 signature (it signs a list of them);
     * only {@code Authorization} for Basic and Bearer, so most calls skip copying the rest.
     */
    private static Map<String, List<String>> headersForAuthentication(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (GatewayAuthenticator.needsBody(authorization)) {
            return lowerCaseHeaders(headers);
        }
        return authorization == null ? Map.of() : Map.of("authorization", headers.getAll(HttpHeaderNames.AUTHORIZATION));
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpHeaders headers) {
        Map<String, List<String>> out = new HashMap<>();
        for (Map.Entry<String, String> header : headers) {
            out.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(header.getValue());
        }
        return out;
    }

    private static String rawPath(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A request matched to a route, on its way to the forwarder. */
    record Exchange(CallerRequest request, CallerResponse response, CompiledRoute route, GatewayPath path,
                    String rest, CallTrace trace) {
    }
}
