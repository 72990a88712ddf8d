package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.CompiledRoute;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** Sends one request to one of the route's targets and streams the answer back; explains failures. */
final class UpstreamForwarder {
    static final String REQUEST_ID = "X-Request-Id";
    static final String CREDENTIAL_HEADER = "X-Gatehouse-Credential";

    private final UpstreamClients clients;

    UpstreamForwarder(UpstreamClients clients) {
        this.clients = clients;
    }

    /**
     * @param bufferedBody the whole body when the gateway already read it (signed requests); null to stream it
     * @param caller       what to tell the upstream about the authenticated caller (removed headers, credential id)
     */
    Mono<Void> forward(HttpServerRequest request, HttpServerResponse response, CompiledRoute route, GatewayPath path,
                       String rest, String requestId, byte[] bufferedBody, CallerHeaders caller) {
        UpstreamTarget target = route.provider().pick(ThreadLocalRandom.current().nextDouble());
        String forwardedPath = route.stripPrefix() ? rest : path.path();
        String uri = target.origin() + PathJoin.join(target.basePath(), forwardedPath, path.rawQuery());
        HttpHeaders headers = upstreamHeaders(request, route, requestId, caller);
        HttpClient client = clients.forProvider(route.provider());
        HttpClient.RequestSender sender = client.headers(h -> h.set(headers)).request(request.method()).uri(uri);
        HttpClient.ResponseReceiver<?> receiver;
        if (bufferedBody != null) {
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            headers.set(HttpHeaderNames.CONTENT_LENGTH, bufferedBody.length);
            receiver = bufferedBody.length == 0 ? sender : sender.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bufferedBody)));
        } else if (hasBody(request)) {
            receiver = sender.send((upstreamRequest, out) -> out.send(request.receive().retain()));
        } else {
            receiver = sender;
        }
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

    private static HttpHeaders upstreamHeaders(HttpServerRequest request, CompiledRoute route, String requestId,
                                               CallerHeaders caller) {
        HttpHeaders headers = HeaderHygiene.forUpstream(request.requestHeaders());
        caller.removed().forEach(headers::remove);
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
        if (caller.credentialId() != null) {
            headers.set(CREDENTIAL_HEADER, caller.credentialId());
        }
        return headers;
    }

    static String clientIp(HttpServerRequest request) {
        InetSocketAddress remote = request.remoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        return remote.getAddress().getHostAddress();
    }

    static boolean hasBody(HttpServerRequest request) {
        HttpHeaders headers = request.requestHeaders();
        if (headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, "chunked", true)) {
            return true;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        return length != null && !length.equals("0");
    }

    /** Headers to drop before forwarding (the caller's gateway credential) and the credential id to announce. */
    record CallerHeaders(List<String> removed, String credentialId) {
        static final CallerHeaders PUBLIC = new CallerHeaders(List.of(), null);
    }
}
