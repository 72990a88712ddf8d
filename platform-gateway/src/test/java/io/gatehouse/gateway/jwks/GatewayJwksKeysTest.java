package io.gatehouse.gateway.jwks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The Spring component: URL validation at issue time, and background pre-fetch through the real fetcher. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GatewayJwksKeysTest {
    GatewayJwksKeys keys;
    HttpServer server;

    @AfterEach
    void stop() {
        if (keys != null) {
            keys.destroy();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    GatewayJwksKeys keys(String allowlist) {
        keys = new GatewayJwksKeys(new UpstreamAddressPolicy(UpstreamAddressPolicy.parseAllowlist(allowlist)),
                Duration.ofSeconds(30), Duration.ofMinutes(10));
        return keys;
    }

    @Test
    void inward_pointing_and_malformed_urls_are_refused_at_issue_time() {
        GatewayJwksKeys jwks = keys("127.0.0.0/8");

        assertThat(jwks.urlProblem("http://169.254.169.254/latest/meta-data/jwks"))
                .hasValueSatisfying(p -> assertThat(p).contains("cloud metadata"));
        assertThat(jwks.urlProblem("https://10.1.2.3/jwks")).hasValueSatisfying(p -> assertThat(p).contains("private"));
        assertThat(jwks.urlProblem("https://[fd00:ec2::254]/jwks")).hasValueSatisfying(p -> assertThat(p).contains("metadata"));
        assertThat(jwks.urlProblem("https://2130706433/jwks")).hasValueSatisfying(p -> assertThat(p).contains("canonical"));
        assertThat(jwks.urlProblem("https://0x7f.1/jwks")).isPresent();
        assertThat(jwks.urlProblem("https://user:pw@idp.example.com/jwks"))
                .hasValueSatisfying(p -> assertThat(p).contains("credentials in the jwksUrl"));
        assertThat(jwks.urlProblem("file:///etc/passwd")).hasValueSatisfying(p -> assertThat(p).contains("https://"));
        assertThat(jwks.urlProblem("https:///jwks")).isPresent();
        assertThat(jwks.urlProblem("https://idp.example.com/jwks#x")).isPresent();
        assertThat(jwks.urlProblem("https://idp .example.com/jwks")).isPresent();
        assertThat(jwks.urlProblem("http://127.0.0.1:8080/jwks")).isEmpty(); // allow-listed
        assertThat(jwks.urlProblem("https://idp.gatehouse-test.invalid/jwks")).isEmpty(); // may resolve later
    }

    @Test
    void without_an_allowlist_loopback_is_refused_with_the_operator_hint() {
        assertThat(keys("").urlProblem("http://127.0.0.1:8080/jwks"))
                .hasValueSatisfying(p -> assertThat(p).contains("loopback").contains("PLATFORM_UPSTREAM_ALLOWLIST"));
    }

    @Test
    void a_url_put_in_use_is_fetched_in_the_background_and_served_from_memory() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey publicKey = (RSAPublicKey) generator.generateKeyPair().getPublic();
        byte[] doc = ("{\"keys\":[" + new RSAKey.Builder(publicKey).keyID("k1").keyUse(KeyUse.SIGNATURE).build()
                .toJSONString() + "]}").getBytes(StandardCharsets.UTF_8);
        AtomicInteger hits = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, doc.length);
            exchange.getResponseBody().write(doc);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        GatewayJwksKeys jwks = keys("127.0.0.0/8");

        jwks.inUse(Set.of(url));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (jwks.cachedKey(url, "k1").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(jwks.cachedKey(url, "k1")).hasValueSatisfying(k -> assertThat(k.key()).isEqualTo(publicKey));
        for (int i = 0; i < 50; i++) {
            jwks.requestRefresh(url); // rate-limited: no more fetches for 30 s
        }
        Thread.sleep(200);
        assertThat(hits).hasValue(1);
        assertThat(jwks.lastError(url)).isEmpty();
    }
}
