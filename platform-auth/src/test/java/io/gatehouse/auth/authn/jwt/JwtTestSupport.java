package io.gatehouse.auth.authn.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Credentials, lookups and hand-made tokens for the JWT tests. */
final class JwtTestSupport {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String SECRET = "s3cr3t-4e1f9c2a7b6d8e0f1a2b3c4d5e6f7a8b9c";
    static final String SECRET_64 = "k".repeat(32) + "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    private JwtTestSupport() {
    }

    static ActiveCredential hmacCredential(String accessKey, String algorithm, SecretVersion... secrets) {
        return credential(accessKey, CredentialType.JWT, algorithm, null, false, null, secrets);
    }

    static ActiveCredential hmacCredential(String accessKey, String algorithm, String secret) {
        return hmacCredential(accessKey, algorithm, current(secret));
    }

    static ActiveCredential publicKeyCredential(String accessKey, String algorithm, PublicKey key) {
        return credential(accessKey, CredentialType.JWT, algorithm, key, false, null);
    }

    static ActiveCredential credential(String accessKey, CredentialType type, String algorithm, PublicKey key,
                                       boolean revoked, Instant expiresAt, SecretVersion... secrets) {
        return new ActiveCredential("cred-" + accessKey, "acme", type, "app", accessKey, null, expiresAt, revoked,
                List.of(secrets), algorithm, key);
    }

    static SecretVersion current(String secret) {
        return new SecretVersion(secret.getBytes(StandardCharsets.UTF_8), null);
    }

    /** A lookup over fixed credentials that remembers every id it was asked for. */
    static final class RecordingLookup implements CredentialLookup {
        final Map<String, ActiveCredential> byKey = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        RecordingLookup(ActiveCredential... credentials) {
            for (ActiveCredential c : credentials) {
                byKey.put(c.accessKey(), c);
            }
        }

        @Override
        public Optional<ActiveCredential> byAccessKey(String accessKey) {
            asked.add(accessKey);
            return Optional.ofNullable(byKey.get(accessKey));
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC-signed token from literal JSON, the way PyJWT/jsonwebtoken build one. */
    static String hmacToken(String alg, byte[] key, String headerJson, String claimsJson) {
        String signingInput = b64(headerJson) + "." + b64(claimsJson);
        return signingInput + "." + b64(mac(alg, key, signingInput));
    }

    static String hmacToken(String alg, String secret, String headerJson, String claimsJson) {
        return hmacToken(alg, secret.getBytes(StandardCharsets.UTF_8), headerJson, claimsJson);
    }

    static byte[] mac(String alg, byte[] key, String signingInput) {
        String jca = "Hmac" + alg.replace("HS", "SHA");
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String alg) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
    }

    static String headerWithKid(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
    }

    /** A JSON string literal, control and non-ASCII characters escaped. */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static long epoch(Instant instant) {
        return instant.getEpochSecond();
    }

    static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    static AuthResult.Verified assertVerified(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Verified.class);
        return (AuthResult.Verified) result;
    }

    /** Refused, the reason contains {@code expected}, and it never repeats the token or a secret. */
    static String assertRefused(AuthResult result, String expected, String token) {
        assertThat(result).isInstanceOf(AuthResult.Refused.class);
        String reason = ((AuthResult.Refused) result).reason();
        assertThat(reason).isNotBlank().containsIgnoringCase(expected)
                .doesNotContain(SECRET).doesNotContain(SECRET_64);
        if (token != null && token.length() > 20) {
            assertThat(reason).doesNotContain(token);
            int lastDot = token.lastIndexOf('.');
            if (lastDot >= 0 && token.length() - lastDot > 12) {
                assertThat(reason).doesNotContain(token.substring(lastDot + 1));
            }
        }
        return reason;
    }
}
