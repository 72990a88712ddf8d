package io.gatehouse.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.GatewayRequest;
import io.gatehouse.auth.authn.Hashes;
import io.gatehouse.auth.authn.SecretVersion;
import io.gatehouse.auth.authn.basic.BasicVerifier;
import io.gatehouse.auth.authn.jwt.JwtVerifier;
import io.gatehouse.auth.authn.sigv4.SigV4Signer;
import io.gatehouse.auth.authn.sigv4.SigV4Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Time to verify one warm request per scheme, with a directory of 10,000 credentials. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class VerifierBenchmark {
    private static final String PASSWORD = "p4ssw0rd-p4ssw0rd-p4ssw0rd-p4ssw0rd-abcdefg";
    private static final String SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    private static final String JWT_SECRET = "s".repeat(86);

    private final BasicVerifier basic = new BasicVerifier();
    private final JwtVerifier jwt = new JwtVerifier();
    private SigV4Verifier sigv4;
    private CredentialLookup lookup;
    private String basicHeader;
    private String bearerToken;
    private GatewayRequest signedGet;
    private Instant now;

    @Setup
    public void setUp() throws Exception {
        now = Instant.now();
        Map<String, ActiveCredential> directory = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            directory.put("filler" + i, credential("filler" + i, CredentialType.BASIC, Hashes.sha256("x" + i), null));
        }
        directory.put("bk_bench", credential("bk_bench", CredentialType.BASIC, Hashes.sha256(PASSWORD), null));
        directory.put("AKBENCH", credential("AKBENCH", CredentialType.AKSK, SECRET_KEY.getBytes(StandardCharsets.UTF_8), null));
        directory.put("jk_bench", credential("jk_bench", CredentialType.JWT, JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HS256"));
        Map<String, ActiveCredential> frozen = Map.copyOf(directory);
        lookup = key -> Optional.ofNullable(frozen.get(key));

        basicHeader = "Basic " + Base64.getEncoder().encodeToString(("bk_bench:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().claim("access_key", "jk_bench")
                        .expirationTime(Date.from(now.plusSeconds(3600))).build());
        token.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        bearerToken = token.serialize();

        sigv4 = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
        String url = "http://127.0.0.1:8081/acme/echo/items?limit=10&page=2";
        Map<String, String> signed = SigV4Signer.sign("GET", url, Map.of(), new byte[0], "AKBENCH", SECRET_KEY,
                "us-east-1", "gateway", now);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of("127.0.0.1:8081"));
        headers.put("user-agent", List.of("bench/1.0"));
        headers.put("accept", List.of("*/*"));
        signed.forEach((name, value) -> headers.put(name.toLowerCase(), List.of(value)));
        signedGet = new GatewayRequest("GET", "/acme/echo/items", "limit=10&page=2", headers, new byte[0]);
        requireVerified(basic.verify(basicHeader, lookup, now), "basic");
        requireVerified(jwt.verify(bearerToken, lookup, now, false), "jwt");
        requireVerified(sigv4.verify(signedGet, lookup, now), "sigv4");
    }

    @Benchmark
    public AuthResult basic() {
        return basic.verify(basicHeader, lookup, now);
    }

    @Benchmark
    public AuthResult jwtHs256() {
        return jwt.verify(bearerToken, lookup, now, false);
    }

    @Benchmark
    public AuthResult sigV4Get() {
        return sigv4.verify(signedGet, lookup, now);
    }

    private static ActiveCredential credential(String key, CredentialType type, byte[] material, String algorithm) {
        return new ActiveCredential("cred_" + key, "acme", type, key, key, null, null, false,
                List.of(new SecretVersion(material, null)), algorithm, null);
    }

    private static void requireVerified(AuthResult result, String what) {
        if (!(result instanceof AuthResult.Verified)) {
            throw new IllegalStateException(what + " did not verify in the benchmark set-up: " + result);
        }
    }
}
