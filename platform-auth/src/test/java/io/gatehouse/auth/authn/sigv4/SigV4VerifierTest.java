package io.gatehouse.auth.authn.sigv4;

import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.AK;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.SK;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.aksk;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.credential;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.lookup;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.signManually;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.signed;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.unsigned;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.withBody;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.withHeader;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.withTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.GatewayRequest;
import io.gatehouse.auth.authn.Hashes;
import io.gatehouse.auth.authn.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    private static final String URL = "http://gw.example.com:8081/acme/echo/items?b=2&a=1";
    private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    private final SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
    private final ActiveCredential credential = aksk(AK, SK);
    private final CredentialLookup lookup = lookup(credential);

    private AuthResult verify(GatewayRequest request) {
        return verifier.verify(request, lookup, NOW);
    }

    private static GatewayRequest post() {
        return signed("POST", URL, Map.of("Content-Type", "application/json"), BODY, SK, "gateway", NOW);
    }

    private static GatewayRequest get() {
        return signed("GET", URL, Map.of(), null, SK, "gateway", NOW);
    }

    private static String reason(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Refused.class);
        return ((AuthResult.Refused) result).reason();
    }

    @Nested
    class GenuineRequests {

        @Test
        void aSignedPostWithABodyVerifiesAsItsCredential() {
            assertThat(verify(post())).isEqualTo(new AuthResult.Verified(credential));
        }

        @Test
        void aSignedGetWithoutABodyVerifies() {
            assertThat(verify(get())).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void aNullBodyIsTreatedAsEmpty() {
            GatewayRequest r = signed("PUT", URL, Map.of(), new byte[0], SK, "gateway", NOW);
            assertThat(verify(withBody(r, null))).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void queryParameterOrderIsIrrelevant() {
            GatewayRequest r = signed("GET", "http://gw.example.com/acme/echo?a=1&b=2&c", Map.of(), null, SK,
                    "gateway", NOW);
            assertThat(verify(withTarget(r, "/acme/echo", "c&b=2&a=1"))).isInstanceOf(AuthResult.Verified.class);
            assertThat(verify(withTarget(r, "/acme/echo", "c=&a=1&b=2"))).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void anEncodedPathSignedBySigV4SignerVerifies() {
            GatewayRequest r = signed("GET", "http://gw.example.com/acme/a%20b/c%2Fd/%E2%82%AC?q=x%20y&r=%2B",
                    Map.of(), null, SK, "gateway", NOW);
            assertThat(r.rawPath()).isEqualTo("/acme/a%20b/c%2Fd/%E2%82%AC");
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void aPathSignedDoubleEncodedLikeBotocoreAlsoVerifies() {
            GatewayRequest r = unsigned("GET", "/acme/a%20b/c%2Fd", null, NOW, null);
            r = signManually(r, List.of("host", "x-amz-date"), "/acme/a%2520b/c%252Fd", "", dateOf(NOW), "gateway",
                    SK);
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void aQuerySignedExactlyAsSentLikeCurl788AlsoVerifies() {
            GatewayRequest r = unsigned("GET", "/acme/echo", "b=2&a=%7e", NOW, null);
            r = signManually(r, List.of("host", "x-amz-date"), "/acme/echo", "b=2&a=%7e", dateOf(NOW), "gateway", SK);
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void aPathWithDotSegmentsVerifiesOnlyExactlyAsSigned() {
            GatewayRequest r = signed("GET", "http://gw.example.com/acme/a/../b", Map.of(), null, SK, "gateway", NOW);
            assertThat(r.rawPath()).isEqualTo("/acme/a/../b");
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
            assertThat(reason(verify(withTarget(r, "/acme/b", null)))).isEqualTo(SigV4Verifier.MISMATCH);
        }

        @Test
        void aSignatureForTheNormalisedPathDoesNotVerifyTheDotSegmentPath() {
            GatewayRequest r = signed("GET", "http://gw.example.com/acme/b", Map.of(), null, SK, "gateway", NOW);
            assertThat(reason(verify(withTarget(r, "/acme/a/../b", null)))).isEqualTo(SigV4Verifier.MISMATCH);
        }

        @Test
        void anEmptyPathIsSignedAsSlash() {
            GatewayRequest r = signed("GET", "http://gw.example.com", Map.of(), null, SK, "gateway", NOW);
            assertThat(verify(withTarget(r, "", null))).isInstanceOf(AuthResult.Verified.class);
            assertThat(verify(withTarget(r, "/", null))).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void headerValuesAreTrimmedCollapsedAndRepeatedValuesJoined() {
            GatewayRequest r = unsigned("GET", "/acme/echo", null, NOW, null);
            Map<String, List<String>> h = new LinkedHashMap<>(r.headers());
            h.put("x-multi", List.of("  one   two ", "three"));
            r = new GatewayRequest("GET", "/acme/echo", null, h, null);
            r = signManually(r, List.of("host", "x-amz-date", "x-multi"), "/acme/echo", "", dateOf(NOW), "gateway",
                    SK);
            h = new LinkedHashMap<>(r.headers());
            h.put("x-multi", List.of("one two", "   three  "));
            assertThat(verify(new GatewayRequest("GET", "/acme/echo", null, h, null)))
                    .isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void theAuthorizationPartsMayComeInAnyOrderWithOrWithoutSpaces() {
            GatewayRequest r = get();
            String auth = r.header("authorization");
            String cred = auth.substring(auth.indexOf("Credential="), auth.indexOf(','));
            String signedHeaders = auth.substring(auth.indexOf("SignedHeaders="), auth.lastIndexOf(','));
            String sig = auth.substring(auth.indexOf("Signature="));
            for (String variant : List.of("AWS4-HMAC-SHA256 " + cred + "," + signedHeaders + "," + sig,
                    "AWS4-HMAC-SHA256 " + sig + ", " + cred + " ,  " + signedHeaders,
                    "AWS4-HMAC-SHA256   " + signedHeaders + ",\t" + sig + "," + cred,
                    "AWS4-HMAC-SHA256 " + cred + ", " + signedHeaders + ", " + sig.toUpperCase().replace("SIGNATURE",
                            "Signature"))) {
                assertThat(verifier.verify(withHeader(r, "authorization", variant), lookup, NOW)).as(variant)
                        .isInstanceOf(AuthResult.Verified.class);
            }
        }

        @Test
        void aClockSkewOfExactlyTheAllowanceIsAccepted() {
            assertThat(verifier.verify(get(), lookup, NOW.plusSeconds(300))).isInstanceOf(AuthResult.Verified.class);
            assertThat(verifier.verify(get(), lookup, NOW.minusSeconds(300))).isInstanceOf(AuthResult.Verified.class);
        }
    }

    @Nested
    class Tampering {

        @Test
        void aWrongSecretIsRefusedWithoutRevealingTheExpectedSignature() {
            GatewayRequest forged = signed("GET", URL, Map.of(), null, "not-the-secret", "gateway", NOW);
            String genuineSignature = get().header("authorization").replaceAll(".*Signature=", "");
            String reason = reason(verify(forged));
            assertThat(reason).isEqualTo(SigV4Verifier.MISMATCH)
                    .doesNotContain(SK).doesNotContain(genuineSignature).doesNotContain("AWS4-HMAC-SHA256\n");
        }

        @Test
        void aBodyChangedAfterSigningIsRefusedByItsContentHash() {
            GatewayRequest r = withBody(post(), "{\"hello\":\"mallory\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(reason(verify(r))).contains("x-amz-content-sha256 does not match the body");
        }

        @Test
        void aBodyAndContentHashBothChangedAfterSigningDoNotMatchTheSignature() {
            byte[] other = "{\"hello\":\"mallory\"}".getBytes(StandardCharsets.UTF_8);
            GatewayRequest r = withHeader(withBody(post(), other), "x-amz-content-sha256", Hashes.sha256Hex(other));
            assertThat(reason(verify(r))).isEqualTo(SigV4Verifier.MISMATCH);
        }

        @Test
        void aBodyChangedWithoutAnyContentHashHeaderDoesNotMatchTheSignature() {
            GatewayRequest r = unsigned("POST", "/acme/echo", null, NOW, BODY);
            r = signManually(r, List.of("host", "x-amz-date"), "/acme/echo", "", dateOf(NOW), "gateway", SK);
            assertThat(verifier.verify(r, lookup, NOW)).isInstanceOf(AuthResult.Verified.class);
            GatewayRequest changed = withBody(r, "tampered".getBytes(StandardCharsets.UTF_8));
            assertThat(reason(new SigV4Verifier(Duration.ofSeconds(300), "gateway").verify(changed, lookup, NOW)))
                    .isEqualTo(SigV4Verifier.MISMATCH);
        }

        @Test
        void aContentHashThatDoesNotMatchTheBodyIsRefused() {
            GatewayRequest r = withHeader(post(), "x-amz-content-sha256", Hashes.sha256Hex(new byte[0]));
            assertThat(reason(verify(r))).contains("x-amz-content-sha256 does not match the body");
        }

        @Test
        void anUnsignedPayloadIsRefused() {
            GatewayRequest r = withHeader(post(), "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
            assertThat(reason(verify(r))).contains("UNSIGNED-PAYLOAD is not accepted");
        }

        @Test
        void aStreamingPayloadIsRefused() {
            GatewayRequest r = withHeader(post(), "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
            assertThat(reason(verify(r))).contains("streaming (aws-chunked) payload signing is not supported");
        }

        @Test
        void aSignedHeaderChangedAfterSigningIsRefused() {
            GatewayRequest r = withHeader(post(), "content-type", "text/plain");
            assertThat(reason(verify(r))).isEqualTo(SigV4Verifier.MISMATCH);
        }

        @Test
        void aChangedQueryIsRefused() {
            GatewayRequest r = get();
            assertThat(reason(verify(withTarget(r, r.rawPath(), "a=1&b=3")))).isEqualTo(SigV4Verifier.MISMATCH);
            assertThat(reason(verify(withTarget(r, r.rawPath(), "a=1&b=2&c=3")))).isEqualTo(SigV4Verifier.MISMATCH);
        }

        @Test
        void aChangedMethodIsRefused() {
            GatewayRequest r = get();
            GatewayRequest asDelete = new GatewayRequest("DELETE", r.rawPath(), r.rawQuery(), r.headers(), r.body());
            assertThat(reason(verify(asDelete))).isEqualTo(SigV4Verifier.MISMATCH);
        }
    }

    @Nested
    class SignedHeadersAndDates {

        @Test
        void aMissingAmzDateIsRefused() {
            assertThat(reason(verify(withHeader(get(), "x-amz-date", null)))).startsWith("missing x-amz-date header");
        }

        @Test
        void aMalformedAmzDateIsRefused() {
            assertThat(reason(verify(withHeader(get(), "x-amz-date", "2026-03-14T09:26:53Z"))))
                    .startsWith("malformed x-amz-date");
            assertThat(reason(verify(withHeader(get(), "x-amz-date", "20260230T092653Z"))))
                    .startsWith("malformed x-amz-date");
        }

        @Test
        void anUnsignedHostIsRefused() {
            GatewayRequest r = signManually(unsigned("GET", "/acme/echo", null, NOW, null), List.of("x-amz-date"),
                    "/acme/echo", "", dateOf(NOW), "gateway", SK);
            assertThat(reason(verify(r))).startsWith("SignedHeaders must include host and x-amz-date");
        }

        @Test
        void anUnsignedAmzDateIsRefused() {
            GatewayRequest r = signManually(unsigned("GET", "/acme/echo", null, NOW, null), List.of("host"),
                    "/acme/echo", "", dateOf(NOW), "gateway", SK);
            assertThat(reason(verify(r))).startsWith("SignedHeaders must include host and x-amz-date");
        }

        @Test
        void aSignedHeaderMissingFromTheRequestIsRefused() {
            GatewayRequest r = signed("GET", URL, Map.of("X-Tenant-Trace", "t-1"), null, SK, "gateway", NOW);
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
            assertThat(reason(verify(withHeader(r, "x-tenant-trace", null))))
                    .startsWith("signed header 'x-tenant-trace' is not in the request");
        }

        @Test
        void aRequestTwentyMinutesAheadIsRefusedInMinutes() {
            GatewayRequest r = signed("GET", URL, Map.of(), null, SK, "gateway", NOW.plus(Duration.ofMinutes(20)));
            assertThat(reason(verify(r))).isEqualTo(
                    "request time is 20 minutes ahead of server time; sync the client clock (allowed skew 300 s)");
        }

        @Test
        void aRequestTwentyMinutesBehindIsRefusedInMinutes() {
            GatewayRequest r = signed("GET", URL, Map.of(), null, SK, "gateway", NOW.minus(Duration.ofMinutes(20)));
            assertThat(reason(verify(r))).isEqualTo(
                    "request time is 20 minutes behind server time; sync the client clock (allowed skew 300 s)");
        }

        @Test
        void aRequestOneSecondPastTheAllowanceIsRefusedInSeconds() {
            assertThat(reason(verifier.verify(get(), lookup, NOW.plusSeconds(301))))
                    .isEqualTo("request time is 5 minutes 1 second behind server time; sync the client clock"
                            + " (allowed skew 300 s)");
        }

        @Test
        void aScopeDateOtherThanTheAmzDateDayIsRefused() {
            GatewayRequest r = signManually(unsigned("GET", "/acme/echo", null, NOW, null),
                    List.of("host", "x-amz-date"), "/acme/echo", "", "20260313", "gateway", SK);
            assertThat(reason(verify(r)))
                    .isEqualTo("credential scope date 20260313 does not match the x-amz-date day 20260314:"
                            + " sign with the same date in both");
        }

        @Test
        void aWrongServiceIsRefused() {
            GatewayRequest r = signed("GET", URL, Map.of(), null, SK, "execute-api", NOW);
            assertThat(reason(verify(r))).isEqualTo("credential scope names service 'execute-api' but this gateway"
                    + " requires 'gateway': sign with service name 'gateway'");
        }

        @Test
        void anyRegionIsAccepted() {
            GatewayRequest r = get();
            String other = r.header("authorization").replace("us-east-1", "eu-central-1");
            GatewayRequest forRegion = withHeader(r, "authorization", other);
            // a different region changes the key, so re-sign for it
            Map<String, String> headers = SigV4Signer.sign("GET", URL, Map.of(), null, AK, SK, "eu-central-1",
                    "gateway", NOW);
            forRegion = withHeader(forRegion, "authorization", headers.get("Authorization"));
            assertThat(verify(forRegion)).isInstanceOf(AuthResult.Verified.class);
        }
    }

    @Nested
    class Credentials {

        @Test
        void anUnknownAccessKeyIsRefused() {
            AuthResult result = verifier.verify(get(), key -> java.util.Optional.empty(), NOW);
            assertThat(reason(result)).startsWith("unknown access key " + AK);
        }

        @Test
        void aRevokedCredentialIsRefused() {
            ActiveCredential revoked = credential(CredentialType.AKSK, AK, null, true, credential.secrets());
            assertThat(reason(verifier.verify(get(), lookup(revoked), NOW))).contains("was revoked");
        }

        @Test
        void anExpiredCredentialIsRefused() {
            ActiveCredential expired = credential(CredentialType.AKSK, AK, NOW.minusSeconds(1), false,
                    credential.secrets());
            assertThat(reason(verifier.verify(get(), lookup(expired), NOW))).contains("expired at");
        }

        @Test
        void aBasicCredentialFoundByTheSameKeyIsRefused() {
            ActiveCredential basic = credential(CredentialType.BASIC, AK, null, false,
                    List.of(new SecretVersion(Hashes.sha256(SK), null)));
            assertThat(reason(verifier.verify(get(), lookup(basic), NOW)))
                    .isEqualTo("unknown credential for AKSK - check the key id");
        }

        @Test
        void thePreviousSecretIsAcceptedDuringTheGracePeriodAndRefusedAfterIt() {
            Instant graceEnds = NOW.plus(Duration.ofHours(1));
            List<SecretVersion> versions = new ArrayList<>();
            versions.add(new SecretVersion("new-secret".getBytes(StandardCharsets.UTF_8), null));
            versions.add(new SecretVersion(SK.getBytes(StandardCharsets.UTF_8), graceEnds));
            CredentialLookup rotated = lookup(credential(CredentialType.AKSK, AK, null, false, versions));

            assertThat(verifier.verify(get(), rotated, NOW)).isInstanceOf(AuthResult.Verified.class);
            assertThat(verifier.verify(signed("GET", URL, Map.of(), null, "new-secret", "gateway", NOW), rotated,
                    NOW)).isInstanceOf(AuthResult.Verified.class);

            Instant after = graceEnds.plusSeconds(10);
            GatewayRequest withOld = signed("GET", URL, Map.of(), null, SK, "gateway", after);
            assertThat(reason(verifier.verify(withOld, rotated, after))).isEqualTo(SigV4Verifier.MISMATCH);
            GatewayRequest withNew = signed("GET", URL, Map.of(), null, "new-secret", "gateway", after);
            assertThat(verifier.verify(withNew, rotated, after)).isInstanceOf(AuthResult.Verified.class);
        }
    }

    @Nested
    class Replay {

        @Test
        void aReplayedPostIsRefused() {
            GatewayRequest r = post();
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
            assertThat(reason(verify(r))).isEqualTo("replayed signature: sign each request anew");
        }

        @Test
        void aReplayedPatchIsRefused() {
            GatewayRequest r = signed("PATCH", URL, Map.of(), BODY, SK, "gateway", NOW);
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
            assertThat(reason(verify(r))).startsWith("replayed signature");
        }

        @Test
        void aRepeatedGetIsAllowed() {
            GatewayRequest r = get();
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
            assertThat(verify(r)).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void onlyVerifiedSignaturesAreRemembered() {
            GatewayRequest genuine = post();
            GatewayRequest tampered = withHeader(genuine, "content-type", "text/plain");
            assertThat(reason(verify(tampered))).isEqualTo(SigV4Verifier.MISMATCH);
            assertThat(verify(genuine)).isInstanceOf(AuthResult.Verified.class);
        }

        @Test
        void twoPostsSignedSeparatelyBothVerify() {
            assertThat(verify(post())).isInstanceOf(AuthResult.Verified.class);
            GatewayRequest second = signed("POST", URL, Map.of("Content-Type", "application/json"), BODY, SK,
                    "gateway", NOW.plusSeconds(1));
            assertThat(verify(second)).isInstanceOf(AuthResult.Verified.class);
        }
    }

    private static String dateOf(Instant instant) {
        return AmzDate.format(instant).substring(0, 8);
    }
}
