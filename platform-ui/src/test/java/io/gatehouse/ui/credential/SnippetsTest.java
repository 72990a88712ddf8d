package io.gatehouse.ui.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.gateway.route.RetrySpec;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.ui.base.SnippetText;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetsTest {
    private static final String URL = "http://gw.example:8081/acme/echo";

    @Test
    void basicUsesTheUsernameAndPasswordEverywhere() {
        Snippets s = Snippets.of(CredentialType.BASIC, null, "bk_user", "pa-ss_word", URL);
        assertThat(s.curl()).isEqualTo("curl -u \"bk_user:pa-ss_word\" \"" + URL + "\"");
        assertThat(s.python()).contains("requests.get(\"" + URL + "\", auth=(\"bk_user\", \"pa-ss_word\"))");
        assertThat(s.java()).contains("\"bk_user:pa-ss_word\".getBytes(StandardCharsets.UTF_8)")
                .contains(".header(\"Authorization\", \"Basic \" + credentials)")
                .contains("HttpRequest.newBuilder(URI.create(\"" + URL + "\"))")
                .contains("import java.net.http.HttpClient;");
    }

    @Test
    void akskSignsWithSigV4ForServiceGateway() {
        Snippets s = Snippets.of(CredentialType.AKSK, null, "AKEXAMPLE", "secret-key", URL);
        assertThat(s.curl()).isEqualTo("curl --aws-sigv4 \"aws:amz:us-east-1:gateway\" --user \"AKEXAMPLE:secret-key\" \""
                + URL + "\"");
        assertThat(s.python())
                .contains("from botocore.auth import SigV4Auth")
                .contains("from botocore.awsrequest import AWSRequest")
                .contains("from botocore.credentials import Credentials")
                .contains("SigV4Auth(Credentials(\"AKEXAMPLE\", \"secret-key\"), \"gateway\", \"us-east-1\").add_auth(req)")
                .contains("requests.get(url, headers=dict(req.headers))")
                .contains("url = \"" + URL + "\"");
        assertThat(s.java()).contains("AwsV4HttpSigner.create()")
                .contains("AwsCredentialsIdentity.create(\"AKEXAMPLE\", \"secret-key\")")
                .contains("SERVICE_SIGNING_NAME, \"gateway\"");
    }

    @Test
    void hmacJwtSignsATokenNamingTheAccessKey() {
        Snippets s = Snippets.of(CredentialType.JWT, "HS384", "jk_key", "hmac-secret", URL);
        String encode = "jwt.encode({\"access_key\": \"jk_key\", \"exp\": int(time.time()) + 300}, \"hmac-secret\","
                + " algorithm=\"HS384\")";
        assertThat(s.python()).contains("token = " + encode)
                .contains("requests.get(\"" + URL + "\", headers={\"Authorization\": \"Bearer \" + token})");
        assertThat(s.curl()).contains("TOKEN=$(python3 -c 'import jwt, time; print(" + encode + ")')")
                .contains("curl -H \"Authorization: Bearer $TOKEN\" \"" + URL + "\"");
        assertThat(s.java()).contains("new JWSHeader(JWSAlgorithm.HS384)")
                .contains(".claim(\"access_key\", \"jk_key\")")
                .contains("jwt.sign(new MACSigner(\"hmac-secret\".getBytes(StandardCharsets.UTF_8)));");
    }

    @Test
    void publicKeyJwtHasNoSecretAndSetsTheKid() {
        Snippets rsa = Snippets.of(CredentialType.JWT, "RS256", "jk_idp", null, URL);
        assertThat(rsa.python()).contains("algorithm=\"RS256\", headers={\"kid\": \"jk_idp\"}").contains("private-key.pem");
        assertThat(rsa.java()).contains("new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(\"jk_idp\")")
                .contains("new RSASSASigner(privateKey)").contains("KeyFactory.getInstance(\"RSA\")");
        assertThat(rsa.curl()).contains("Bearer $TOKEN").doesNotContain("null");
        Snippets ec = Snippets.of(CredentialType.JWT, "ES256", "jk_idp", null, URL);
        assertThat(ec.java()).contains("new ECDSASigner(privateKey)").contains("KeyFactory.getInstance(\"EC\")")
                .contains("import com.nimbusds.jose.crypto.ECDSASigner;");
        assertThat(ec.python() + ec.java() + ec.curl()).doesNotContain("null");
    }

    @Test
    void quotingKeepsOddValuesIntact() {
        assertThat(SnippetText.sh("a\"b$c`d\\e")).isEqualTo("\"a\\\"b\\$c\\`d\\\\e\"");
        assertThat(SnippetText.sq("it's")).isEqualTo("'it'\\''s'");
        assertThat(SnippetText.py("say \"hi\" \\")).isEqualTo("\"say \\\"hi\\\" \\\\\"");
    }

    @Test
    void theExampleUrlPrefersARouteInScopeThatNeedsAndAcceptsTheKey() {
        List<RouteView> routes = List.of(route("open", "/open", true, List.of("BASIC", "AKSK", "JWT")),
                route("signed", "/signed", false, List.of("AKSK")),
                route("echo", "/echo", false, List.of("BASIC", "AKSK", "JWT")));
        String base = "http://localhost:8081";
        assertThat(ExampleUrl.of(base, "acme", CredentialType.BASIC, null, routes)).isEqualTo(base + "/acme/echo");
        assertThat(ExampleUrl.of(base, "acme", CredentialType.AKSK, null, routes)).isEqualTo(base + "/acme/signed");
        assertThat(ExampleUrl.of(base, "acme", CredentialType.BASIC, List.of("open"), routes))
                .isEqualTo(base + "/acme/open");
        assertThat(ExampleUrl.of(base, "acme", CredentialType.AKSK, List.of("echo", "signed"), routes))
                .isEqualTo(base + "/acme/echo");
        assertThat(ExampleUrl.of(base, "acme", CredentialType.JWT, null, List.of()))
                .isEqualTo(base + "/acme/your-route");
    }

    private static RouteView route(String name, String prefix, boolean open, List<String> auth) {
        return new RouteView(name, prefix, List.of(), "up", List.of(), true, open, auth, 30_000, RetrySpec.DEFAULT,
                false, null, null, null);
    }
}
