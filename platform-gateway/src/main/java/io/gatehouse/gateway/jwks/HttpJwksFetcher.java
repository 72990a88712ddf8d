package io.gatehouse.gateway.jwks;

import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a JWKS over http(s) with {@link java.net.http.HttpClient}: no redirects, no proxy, connect and response
 * timeouts (5 s each by default, and the whole exchange bounded by their sum), at most 512 KiB of body, status 200
 * only.
 *
 * <p>SSRF: before connecting, the host is resolved and refused when any of its addresses is blocked by the
 * {@link UpstreamAddressPolicy} (loopback, private, link-local, metadata unless allow-listed). The HTTP client then
 * resolves the name again to connect, so a DNS answer that changes between the check and the connect (DNS
 * rebinding) is not caught. That check-then-connect race is accepted here: the response is never shown to anyone,
 * only parsed as a key set, and redirects (the easy way inward) are not followed.
 */
final class HttpJwksFetcher implements JwksFetcher {
    static final int MAX_BYTES = 512 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final UpstreamAddressPolicy policy;
    private final HttpClient client;
    private final Duration readTimeout;
    private final Duration overall;
    private final int maxBytes;

    HttpJwksFetcher(UpstreamAddressPolicy policy, Executor clientExecutor) {
        this(policy, clientExecutor, CONNECT_TIMEOUT, READ_TIMEOUT, MAX_BYTES);
    }

    HttpJwksFetcher(UpstreamAddressPolicy policy, Executor clientExecutor, Duration connectTimeout,
                    Duration readTimeout, int maxBytes) {
        this.policy = policy;
        this.readTimeout = readTimeout;
        this.overall = connectTimeout.plus(readTimeout);
        this.maxBytes = maxBytes;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(connectTimeout);
        if (clientExecutor != null) {
            builder.executor(clientExecutor);
        }
        this.client = builder.build();
    }

    @Override
    public byte[] fetch(String url) throws IOException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new JwksFetchException("not a valid URL: " + e.getReason());
        }
        Optional<String> blocked = JwksAddresses.problem(uri, policy, true);
        if (blocked.isPresent()) {
            throw new JwksFetchException("refused to fetch: " + blocked.get());
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", "application/jwk-set+json, application/json")
                .header("User-Agent", "Gatehouse-JWKS")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, this::capped);
        try {
            return exchange.get(overall.toMillis(), TimeUnit.MILLISECONDS).body();
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new JwksFetchException("no complete response within " + overall.toSeconds() + " s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new JwksFetchException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof JwksFetchException jfe) {
                throw jfe;
            }
            if (cause instanceof HttpTimeoutException) {
                throw new JwksFetchException("timed out (" + cause.getMessage() + ")", cause);
            }
            throw new JwksFetchException(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        }
    }

    /** Body handler: 200 only (3xx is reported, never followed), and no more than {@code maxBytes}. */
    private HttpResponse.BodySubscriber<byte[]> capped(HttpResponse.ResponseInfo info) {
        String problem = null;
        int status = info.statusCode();
        if (status >= 300 && status < 400) {
            problem = "HTTP " + status + " redirect" + info.headers().firstValue("location").map(l -> " to " + l)
                    .orElse("") + " - redirects are not followed; register the final JWKS URL";
        } else if (status != 200) {
            problem = "HTTP " + status + " (expected 200)";
        } else {
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > maxBytes) {
                problem = "response is " + declared + " bytes; a JWKS may be at most " + maxBytes;
            }
        }
        return new CappedBody(maxBytes, problem);
    }

    /** Collects at most {@code max} bytes; cancels the exchange and fails as soon as there are more. */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int max;
        private final String problem;
        private Flow.Subscription subscription;

        CappedBody(int max, String problem) {
            this.max = max;
            this.problem = problem;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (problem != null) {
                s.cancel();
                result.completeExceptionally(new JwksFetchException(problem));
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (out.size() + item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new JwksFetchException("response is larger than " + max
                            + " bytes - not a plausible JWKS"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
