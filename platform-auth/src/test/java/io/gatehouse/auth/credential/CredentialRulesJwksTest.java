package io.gatehouse.auth.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.common.FieldProblem;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue-time rules for JWT keys with a JWKS URL (the address check itself is the gateway's, see GatewayJwksKeys). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CredentialRulesJwksTest {
    static final String URL = "https://idp.example.com/.well-known/jwks.json";
    static final String PEM = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
    static final OffsetDateTime NOW = OffsetDateTime.of(2025, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    static IssueRequest jwt(String algorithm, String pem, String jwksUrl) {
        return new IssueRequest("JWT", "idp", algorithm, pem, jwksUrl, null, null);
    }

    static List<String> fields(IssueRequest request, CredentialType type) {
        return CredentialRules.check(request, type, NOW).stream().map(FieldProblem::field).toList();
    }

    @Test
    void rs256_and_es256_with_a_jwks_url_are_accepted_and_pin_their_algorithm() {
        for (String alg : new String[] {"RS256", "ES256", "rs256"}) {
            IssueRequest request = jwt(alg, null, "  " + URL + " ");
            assertThat(fields(request, CredentialType.JWT)).as(alg).isEmpty();
            assertThat(CredentialRules.jwtAlgorithm(request)).isEqualTo(alg.toUpperCase());
            assertThat(CredentialRules.jwksUrl(request)).isEqualTo(URL);
        }
        assertThat(fields(jwt("RS256", null, "http://idp.internal:8080/keys?tenant=a"), CredentialType.JWT)).isEmpty();
    }

    @Test
    void a_jwks_url_needs_an_explicit_public_key_algorithm() {
        assertThat(fields(jwt(null, null, URL), CredentialType.JWT)).containsExactly("algorithm");
        assertThat(CredentialRules.jwtAlgorithm(jwt(null, null, URL))).isNull();
        assertThat(fields(jwt("HS256", null, URL), CredentialType.JWT)).containsExactly("jwksUrl");
        assertThat(fields(jwt("PS256", null, URL), CredentialType.JWT)).containsExactly("algorithm");
    }

    @Test
    void a_jwks_url_and_a_public_key_exclude_each_other() {
        assertThat(fields(jwt("RS256", PEM, URL), CredentialType.JWT)).containsExactly("jwksUrl");
        assertThat(fields(jwt("RS256", null, null), CredentialType.JWT)).containsExactly("publicKeyPem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ftp://idp.example.com/jwks", "file:///etc/jwks.json", "/relative/jwks.json",
            "https://user:pw@idp.example.com/jwks", "https://idp.example.com/jwks#frag", "https:///jwks",
            "https://idp example.com/jwks", "https://idp.example.com/\u0000", "not a url"})
    void malformed_jwks_urls_are_refused_on_field_jwks_url(String url) {
        assertThat(fields(jwt("RS256", null, url), CredentialType.JWT)).containsExactly("jwksUrl");
    }

    @Test
    void overlong_jwks_urls_are_refused() {
        assertThat(fields(jwt("RS256", null, "https://idp.example.com/" + "a".repeat(2000)), CredentialType.JWT))
                .containsExactly("jwksUrl");
    }

    @Test
    void other_key_types_take_no_jwks_url() {
        assertThat(fields(new IssueRequest("BASIC", "ci", null, null, URL, null, null), CredentialType.BASIC))
                .containsExactly("algorithm");
    }
}
