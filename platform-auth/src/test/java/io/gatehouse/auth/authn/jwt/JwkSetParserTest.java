package io.gatehouse.auth.authn.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwkSetParserTest {
    static KeyPair rsa;
    static KeyPair ec;

    @BeforeAll
    static void keys() {
        rsa = JwtTestSupport.rsaKeyPair(2048);
        ec = JwtTestSupport.ecKeyPair("secp256r1");
    }

    static IssuerKeySet parse(String json) {
        return JwkSetParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static String set(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    @Test
    void rsa_and_ec_p256_signing_keys_are_kept_by_kid_with_their_alg() {
        IssuerKeySet keys = parse(set(
                new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("r").algorithm(JWSAlgorithm.RS256).build()
                        .toJSONString(),
                new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).keyID("e").keyUse(KeyUse.SIGNATURE)
                        .build().toJSONString()));

        assertThat(keys.byKid().keySet()).containsExactlyInAnyOrder("r", "e");
        assertThat(keys.find("r")).hasValueSatisfying(k -> {
            assertThat(k.key()).isInstanceOf(RSAPublicKey.class).isEqualTo(rsa.getPublic());
            assertThat(k.alg()).isEqualTo("RS256");
        });
        assertThat(keys.find("e").orElseThrow().key()).isInstanceOf(ECPublicKey.class).isEqualTo(ec.getPublic());
        assertThat(keys.find("e").orElseThrow().alg()).isNull();
        assertThat(keys.find(null)).isEmpty(); // two keys: a kid-less token cannot pick one
        assertThat(keys.ignored()).isZero();
    }

    @Test
    void encryption_keys_verify_less_key_ops_symmetric_keys_other_curves_and_weak_keys_are_ignored() throws Exception {
        KeyPair p384 = JwtTestSupport.ecKeyPair("secp384r1");
        KeyPair weak = JwtTestSupport.rsaKeyPair(1024);
        IssuerKeySet keys = parse(set(
                new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("enc").keyUse(KeyUse.ENCRYPTION).build()
                        .toJSONString(),
                new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("wrap").keyOperations(
                        Set.of(KeyOperation.WRAP_KEY)).build().toJSONString(),
                new OctetSequenceKey.Builder(new byte[32]).keyID("oct").build().toJSONString(),
                new ECKey.Builder(Curve.P_384, (ECPublicKey) p384.getPublic()).keyID("p384").build().toJSONString(),
                new RSAKey.Builder((RSAPublicKey) weak.getPublic()).keyID("weak").build().toJSONString(),
                "{\"kty\":\"RSA\",\"kid\":\"broken\",\"n\":\"AQAB\"}",
                "\"not an object\"",
                "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
                new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("ok").keyOperations(
                        Set.of(KeyOperation.VERIFY)).build().toJSONString()));

        assertThat(keys.byKid().keySet()).containsExactly("ok");
        assertThat(keys.ignored()).isEqualTo(8);
        assertThat(keys.find(null)).isPresent(); // the only usable key
    }

    @Test
    void private_parameters_are_dropped() {
        IssuerKeySet keys = parse(set(new RSAKey.Builder((RSAPublicKey) rsa.getPublic())
                .privateKey((RSAPrivateKey) rsa.getPrivate()).keyID("p").build().toJSONString(),
                new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).privateKey((ECPrivateKey) ec.getPrivate())
                        .keyID("q").build().toJSONString()));

        assertThat(keys.find("p").orElseThrow().key()).isInstanceOf(RSAPublicKey.class);
        assertThat(keys.find("q").orElseThrow().key()).isInstanceOf(ECPublicKey.class);
        assertThat(keys.all()).allSatisfy(k -> assertThat(k.key()).isNotInstanceOf(java.security.PrivateKey.class));
    }

    @Test
    void the_first_key_with_a_kid_wins() {
        KeyPair second = JwtTestSupport.rsaKeyPair(2048);
        IssuerKeySet keys = parse(set(
                new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("same").build().toJSONString(),
                new RSAKey.Builder((RSAPublicKey) second.getPublic()).keyID("same").build().toJSONString()));

        assertThat(keys.find("same").orElseThrow().key()).isEqualTo(rsa.getPublic());
        assertThat(keys.ignored()).isEqualTo(1);
    }

    @Test
    void documents_that_are_not_a_jwk_set_are_refused() {
        for (String bad : new String[] {"", "[]", "{}", "{\"keys\":{}}", "not json", "{\"keys\":\"x\"}"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JWK set");
        }
        assertThat(parse("{\"keys\":[]}").all()).isEmpty();
    }
}
