package io.gatehouse.ui.credential;

import static io.gatehouse.ui.base.SnippetText.JAVA_HTTP_IMPORTS;
import static io.gatehouse.ui.base.SnippetText.JAVA_SEND;
import static io.gatehouse.ui.base.SnippetText.py;
import static io.gatehouse.ui.base.SnippetText.sh;
import static io.gatehouse.ui.base.SnippetText.sq;

import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.ui.base.SnippetText;

/**
 * Ready-to-run calls of one route with a freshly issued key, in three languages. Pure: the same key and URL always
 * give the same text. {@code secret} is null for public-key JWT credentials, whose callers sign with a private key
 * the gateway never sees.
 */
record Snippets(String curl, String python, String java) {
    static final String REGION = "us-east-1";
    static final String SERVICE = "gateway";

    static Snippets of(CredentialType type, String algorithm, String keyId, String secret, String url) {
        return switch (type) {
            case BASIC -> basic(keyId, secret, url);
            case AKSK -> aksk(keyId, secret, url);
            case JWT -> secret == null ? jwtPublicKey(algorithm, keyId, url) : jwtHmac(algorithm, keyId, secret, url);
        };
    }

    private static Snippets basic(String user, String password, String url) {
        String curl = "curl -u " + sh(user + ":" + password) + " " + sh(url);
        String python = """
                import requests

                response = requests.get(%s, auth=(%s, %s))
                print(response.status_code, response.text)
                """.formatted(py(url), py(user), py(password));
        String java = JAVA_HTTP_IMPORTS + """
                import java.util.Base64;

                String credentials = Base64.getEncoder()
                        .encodeToString(%s.getBytes(StandardCharsets.UTF_8));
                HttpRequest request = HttpRequest.newBuilder(URI.create(%s))
                        .header("Authorization", "Basic " + credentials)
                        .build();
                """.formatted(SnippetText.java(user + ":" + password), SnippetText.java(url)) + JAVA_SEND;
        return new Snippets(curl, python, java);
    }

    private static Snippets aksk(String accessKey, String secretKey, String url) {
        String curl = "curl --aws-sigv4 " + sh("aws:amz:" + REGION + ":" + SERVICE) + " --user "
                + sh(accessKey + ":" + secretKey) + " " + sh(url);
        String python = """
                import requests
                from botocore.auth import SigV4Auth
                from botocore.awsrequest import AWSRequest
                from botocore.credentials import Credentials

                url = %s
                # For a body: AWSRequest(method="POST", url=url, data=body), then requests.post(url, data=body, ...)
                req = AWSRequest(method="GET", url=url)
                SigV4Auth(Credentials(%s, %s), %s, %s).add_auth(req)
                response = requests.get(url, headers=dict(req.headers))
                print(response.status_code, response.text)
                """.formatted(py(url), py(accessKey), py(secretKey), py(SERVICE), py(REGION));
        String java = "// Any SigV4 signer works: service \"" + SERVICE + "\", any region. This one is the AWS SDK v2\n"
                + "// module software.amazon.awssdk:http-auth-aws.\n" + JAVA_HTTP_IMPORTS + """
                import software.amazon.awssdk.http.SdkHttpMethod;
                import software.amazon.awssdk.http.SdkHttpRequest;
                import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
                import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
                import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

                URI uri = URI.create(%s);
                SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                        .identity(AwsCredentialsIdentity.create(%s, %s))
                        .request(SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, %s)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, %s));
                HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
                // java.net.http sets Host itself (to the same value that was signed)
                signed.request().headers().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Host")) {
                        builder.header(name, values.get(0));
                    }
                });
                HttpRequest request = builder.build();
                """.formatted(SnippetText.java(url), SnippetText.java(accessKey), SnippetText.java(secretKey),
                SnippetText.java(SERVICE), SnippetText.java(REGION)) + JAVA_SEND;
        return new Snippets(curl, python, java);
    }

    private static Snippets jwtHmac(String algorithm, String accessKey, String secret, String url) {
        String alg = algorithm == null ? "HS256" : algorithm;
        String encode = "jwt.encode({\"access_key\": " + py(accessKey) + ", \"exp\": int(time.time()) + 300}, "
                + py(secret) + ", algorithm=" + py(alg) + ")";
        String curl = "# a token valid for 5 minutes, made with PyJWT (pip install pyjwt)\n"
                + "TOKEN=$(python3 -c " + sq("import jwt, time; print(" + encode + ")") + ")\n"
                + "curl -H \"Authorization: Bearer $TOKEN\" " + sh(url);
        String python = """
                import time

                import jwt  # PyJWT
                import requests

                token = %s
                response = requests.get(%s, headers={"Authorization": "Bearer " + token})
                print(response.status_code, response.text)
                """.formatted(encode, py(url));
        String java = "// com.nimbusds:nimbus-jose-jwt\n" + JAVA_HTTP_IMPORTS + """
                import java.util.Date;
                import com.nimbusds.jose.JWSAlgorithm;
                import com.nimbusds.jose.JWSHeader;
                import com.nimbusds.jose.crypto.MACSigner;
                import com.nimbusds.jwt.JWTClaimsSet;
                import com.nimbusds.jwt.SignedJWT;

                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.%s), new JWTClaimsSet.Builder()
                        .claim("access_key", %s)
                        .expirationTime(new Date(System.currentTimeMillis() + 300_000))
                        .build());
                jwt.sign(new MACSigner(%s.getBytes(StandardCharsets.UTF_8)));
                HttpRequest request = HttpRequest.newBuilder(URI.create(%s))
                        .header("Authorization", "Bearer " + jwt.serialize())
                        .build();
                """.formatted(alg, SnippetText.java(accessKey), SnippetText.java(secret), SnippetText.java(url))
                + JAVA_SEND;
        return new Snippets(curl, python, java);
    }

    private static Snippets jwtPublicKey(String algorithm, String keyId, String url) {
        String alg = algorithm == null ? "RS256" : algorithm;
        boolean ec = alg.startsWith("ES");
        String encode = "jwt.encode({\"exp\": int(time.time()) + 300}, open(\"private-key.pem\").read(), algorithm="
                + py(alg) + ", headers={\"kid\": " + py(keyId) + "})";
        String curl = "# sign with the private key that matches the registered public key (pip install \"pyjwt[crypto]\")\n"
                + "TOKEN=$(python3 -c " + sq("import jwt, time; print(" + encode + ")") + ")\n"
                + "curl -H \"Authorization: Bearer $TOKEN\" " + sh(url);
        String python = """
                import time

                import jwt  # pip install "pyjwt[crypto]"
                import requests

                # private-key.pem: the private half of the public key registered for this credential
                token = %s
                response = requests.get(%s, headers={"Authorization": "Bearer " + token})
                print(response.status_code, response.text)
                """.formatted(encode, py(url));
        String java = "// com.nimbusds:nimbus-jose-jwt; private-key.pem in PKCS#8 (-----BEGIN PRIVATE KEY-----)\n"
                + JAVA_HTTP_IMPORTS + """
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.security.KeyFactory;
                import java.security.spec.PKCS8EncodedKeySpec;
                import java.util.Base64;
                import java.util.Date;
                import com.nimbusds.jose.JWSAlgorithm;
                import com.nimbusds.jose.JWSHeader;
                import com.nimbusds.jose.crypto.%s;
                import com.nimbusds.jwt.JWTClaimsSet;
                import com.nimbusds.jwt.SignedJWT;

                String pem = Files.readString(Path.of("private-key.pem"));
                byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
                var privateKey = %sKeyFactory.getInstance(%s).generatePrivate(new PKCS8EncodedKeySpec(der));
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.%s).keyID(%s).build(),
                        new JWTClaimsSet.Builder().expirationTime(new Date(System.currentTimeMillis() + 300_000)).build());
                jwt.sign(new %s(privateKey));
                HttpRequest request = HttpRequest.newBuilder(URI.create(%s))
                        .header("Authorization", "Bearer " + jwt.serialize())
                        .build();
                """.formatted(ec ? "ECDSASigner" : "RSASSASigner", ec ? "(java.security.interfaces.ECPrivateKey) " : "",
                        SnippetText.java(ec ? "EC" : "RSA"), alg, SnippetText.java(keyId),
                        ec ? "ECDSASigner" : "RSASSASigner", SnippetText.java(url))
                + JAVA_SEND;
        return new Snippets(curl, python, java);
    }
}
