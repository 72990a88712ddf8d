package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.CompiledRoute;
import io.gatehouse.gateway.route.RouteMatch;
import io.gatehouse.gateway.route.RouteTableHolder;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** Resolves the route for each request and forwards it; never blocks the event loop, never queries the database. */
final class ProxyHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {
    static final String REQUEST_ID = "X-Request-Id";

    private final RouteTableHolder routes;
    private final UpstreamClients clients;

    ProxyHandler(RouteTableHolder routes, UpstreamClients clients) {
        this.routes = routes;
        this.clients = clients;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        String requestId = RequestIds.keepOrCreate(request.requestHeaders().get(REQUEST_ID));
        response.header(REQUEST_ID, requestId);
        GatewayPath path = GatewayPath.parse(request.uri());
        if (path == null) {
            return ErrorResponder.send(response, GatewayError.noTenantInPath(), requestId, null, 0);
        }
        RouteMatch match = routes.current().match(path.tenant(), path.path(), request.method().name());
        if (match instanceof RouteMatch.NotFound) {
            return ErrorResponder.send(response, GatewayError.routeNotFound(path.tenant(), path.path()), requestId, null, 0);
        }
        if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            response.header("Allow", String.join(", ", notAllowed.allowed()));
            return ErrorResponder.send(response, GatewayError.methodNotAllowed(request.method().name(),
                    notAllowed.route().name(), notAllowed.allowed()), requestId, notAllowed.route().name(), 0);
        }
        RouteMatch.Found found = (RouteMatch.Found) match;
        CompiledRoute route = found.route();
        if (!route.publicAccess()) {
            return ErrorResponder.send(response, GatewayError.credentialRequired(route.name()), requestId, route.name(), 0);
        }
        return forward(request, response, route, path, found.rest(), requestId);
    }

    private Mono<Void> forward(HttpServerRequest request, HttpServerResponse response, CompiledRoute route,
                               GatewayPath path, String rest, String requestId) {
        UpstreamTarget target = route.provider().pick(ThreadLocalRandom.current().nextDouble());
        String forwardedPath = route.stripPrefix() ? rest : path.path();
        String uri = target.origin() + PathJoin.join(target.basePath(), forwardedPath, path.rawQuery());
        HttpHeaders headers = upstreamHeaders(request, route, requestId);
        HttpClient client = clients.forProvider(route.provider());
        HttpClient.RequestSender sender = client.headers(h -> h.set(headers)).request(request.method()).uri(uri);
        HttpClient.ResponseReceiver<?> receiver = hasBody(request)
                ? sender.send((upstreamRequest, out) -> out.send(request.receive().retain()))
                : sender;
        AtomicBoolean headReceived = new AtomicBoolean();
        // The route deadline bounds the wait for the response head; a response already streaming is not cut off.
        Mono<Long> deadline = Mono.delay(Duration.ofMillis(route.timeoutMs()))
                .flatMap(tick -> headReceived.get() ? Mono.<Long>never() : Mono.just(tick));
        return receiver.response((upstream, body) -> {
                    headReceived.set(true);
                    response.status(upstream.status());
                    response.headers(HeaderHygiene.forCaller(upstream.responseHeaders()));
                    response.header(REQUEST_ID, requestId);
                    return response.send(body.retain());
                })
                .then()
                .timeout(deadline)
                .onErrorResume(error -> {
                    if (response.hasSentHeaders()) {
                        return Mono.error(error);
                    }
                    GatewayError explained = UpstreamFailures.explain(error, target,
                            route.provider().connectTimeoutMs(), route.provider().responseTimeoutMs(), route.timeoutMs());
                    return ErrorResponder.send(response, explained, requestId, route.name(), 1);
                });
    }

    private static HttpHeaders upstreamHeaders(HttpServerRequest request, CompiledRoute route, String requestId) {
        HttpHeaders headers = HeaderHygiene.forUpstream(request.requestHeaders());
        route.provider().injectedHeaders().forEach(headers::set);
        String clientIp = clientIp(request);
        String priorFor = request.requestHeaders().get("X-Forwarded-For");
        headers.set("X-Forwarded-For", priorFor == null || priorFor.isBlank() ? clientIp : priorFor + ", " + clientIp);
        headers.set("X-Forwarded-Proto", request.scheme());
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        headers.set(REQUEST_ID, requestId);
        return headers;
    }

    private static String clientIp(HttpServerRequest request) {
        InetSocketAddress remote = request.remoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        return remote.getAddress().getHostAddress();
    }

    private static boolean hasBody(HttpServerRequest request) {
        HttpHeaders headers = request.requestHeaders();
        if (headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, "chunked", true)) {
            return true;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        return length != null && !length.equals("0");
    }
}
