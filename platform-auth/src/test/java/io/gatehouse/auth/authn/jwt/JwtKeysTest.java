package io.gatehouse.auth.authn.jwt;

import static io.gatehouse.auth.authn.jwt.JwtTestSupport.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwtKeysTest {
    static KeyPair rsa2048;
    static KeyPair p256;

    @BeforeAll
    static void keys() {
        rsa2048 = JwtTestSupport.rsaKeyPair(2048);
        p256 = JwtTestSupport.ecKeyPair("secp256r1");
    }

    /** Throws IllegalArgumentException whose message contains {@code expected} and none of the PEM's body. */
    static AbstractThrowableAssert<?, ? extends Throwable> refused(String pemText, String algorithm, String expected) {
        var thrown = assertThatThrownBy(() -> JwtKeys.parsePublicKeyPem(pemText, algorithm))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
        if (pemText != null) {
            for (String line : pemText.split("\n")) {
                if (line.length() > 16 && !line.startsWith("-----")) {
                    thrown.message().doesNotContain(line.substring(0, 16));
                }
            }
        }
        return thrown;
    }

    @Test
    void an_rsa_2048_public_key_pem_is_accepted_for_rs256() {
        PublicKey key = JwtKeys.parsePublicKeyPem(pem(rsa2048.getPublic()), "RS256");

        assertThat(key).isInstanceOf(RSAPublicKey.class).isEqualTo(rsa2048.getPublic());
    }

    @Test
    void a_pem_with_crlf_line_endings_and_surrounding_text_is_accepted() {
        String pem = "key for idp:\r\n" + pem(rsa2048.getPublic()).replace("\n", "\r\n") + "\r\n\r\n";

        assertThat(JwtKeys.parsePublicKeyPem(pem, "RS256")).isEqualTo(rsa2048.getPublic());
    }

    @Test
    void a_pem_on_a_single_line_is_accepted() {
        String oneLine = "-----BEGIN PUBLIC KEY-----"
                + Base64.getEncoder().encodeToString(p256.getPublic().getEncoded()) + "-----END PUBLIC KEY-----";

        assertThat(JwtKeys.parsePublicKeyPem(oneLine, "ES256")).isEqualTo(p256.getPublic());
    }

    @Test
    void an_rsa_1024_key_is_refused_for_rs256_saying_how_big_it_must_be() {
        refused(pem(JwtTestSupport.rsaKeyPair(1024).getPublic()), "RS256", "1024 bits")
                .hasMessageContaining("at least 2048");
    }

    @Test
    void an_ec_p256_public_key_pem_is_accepted_for_es256() {
        PublicKey key = JwtKeys.parsePublicKeyPem(pem(p256.getPublic()), "ES256");

        assertThat(key).isInstanceOf(ECPublicKey.class).isEqualTo(p256.getPublic());
    }

    @Test
    void an_ec_key_on_another_curve_is_refused_for_es256() {
        refused(pem(JwtTestSupport.ecKeyPair("secp384r1").getPublic()), "ES256", "P-384")
                .hasMessageContaining("requires P-256");
    }

    @Test
    void an_rsa_key_is_refused_for_es256() {
        refused(pem(rsa2048.getPublic()), "ES256", "type RSA").hasMessageContaining("use RS256");
    }

    @Test
    void an_ec_key_is_refused_for_rs256() {
        refused(pem(p256.getPublic()), "RS256", "type EC").hasMessageContaining("use ES256");
    }

    @Test
    void an_ed25519_key_is_refused_for_es256() throws Exception {
        KeyPair ed = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        refused(pem(ed.getPublic()), "ES256", "type Ed25519");
    }

    @Test
    void garbage_is_refused() {
        refused("hello", "RS256", "not a PEM public key");
        refused("-----BEGIN PUBLIC KEY-----\n!!!notbase64!!!\n-----END PUBLIC KEY-----", "RS256", "not valid base64");
        refused("-----BEGIN PUBLIC KEY-----\nAAAABBBBCCCCDDDD\n-----END PUBLIC KEY-----", "RS256",
                "does not contain a valid X.509 public key");
        refused("-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----", "ES256", "empty");
        refused("-----BEGIN PUBLIC KEY-----\nAAAA", "ES256", "END PUBLIC KEY");
        refused("", "RS256", "required");
        refused(null, "RS256", "required");
        refused("x".repeat(100_000), "RS256", "too long");
    }

    @Test
    void a_corrupted_key_body_is_refused_without_echoing_it() {
        String good = pem(rsa2048.getPublic());
        String corrupted = good.replaceFirst("\n(.{10})", "\nZZZZZZZZZZ");

        assertThatThrownBy(() -> JwtKeys.parsePublicKeyPem(corrupted, "RS256"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_private_key_is_refused_with_a_hint_and_is_never_echoed() {
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa2048.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        refused(privatePem, "RS256", "private key").hasMessageContaining("-pubout");
    }

    @Test
    void a_pkcs1_rsa_public_key_and_a_certificate_get_conversion_hints() {
        refused("-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----", "RS256", "PKCS#1");
        refused("-----BEGIN CERTIFICATE-----\nMIIBCgKCAQEA\n-----END CERTIFICATE-----", "RS256", "certificate");
    }

    @Test
    void two_keys_in_one_pem_are_refused() {
        refused(pem(rsa2048.getPublic()) + pem(rsa2048.getPublic()), "RS256", "more than one");
    }

    @Test
    void hmac_and_unknown_algorithms_do_not_take_a_public_key() {
        refused(pem(rsa2048.getPublic()), "HS256", "generated secret");
        refused(pem(rsa2048.getPublic()), "PS256", "does not take a public key");
        refused(pem(rsa2048.getPublic()), null, "does not take a public key");
    }

    @Test
    void the_algorithm_sets_are_the_five_supported_algorithms() {
        assertThat(JwtKeys.HMAC_ALGORITHMS).containsExactlyInAnyOrder("HS256", "HS384", "HS512");
        assertThat(JwtKeys.PUBLIC_KEY_ALGORITHMS).containsExactlyInAnyOrder("RS256", "ES256");
    }
}
