package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayPathTest {

    @Test
    void splitsTenantRestAndQuery() {
        assertThat(GatewayPath.parse("/acme/echo/x?a=1&b=2")).isEqualTo(new GatewayPath("acme", "/echo/x", "a=1&b=2"));
    }

    @Test
    void aTenantAloneHasAnEmptyPath() {
        assertThat(GatewayPath.parse("/acme")).isEqualTo(new GatewayPath("acme", "", null));
        assertThat(GatewayPath.parse("/acme?x=1")).isEqualTo(new GatewayPath("acme", "", "x=1"));
    }

    @Test
    void aTenantWithTrailingSlashHasTheRootPath() {
        assertThat(GatewayPath.parse("/acme/")).isEqualTo(new GatewayPath("acme", "/", null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"/", "//x", "//", "/?a=1", "*", "http://example.com/acme/echo", "acme/echo"})
    void uriWithoutATenantSegmentGivesNull(String uri) {
        assertThat(GatewayPath.parse(uri)).isNull();
    }

    @Test
    void encodedCharactersAreNotDecoded() {
        GatewayPath path = GatewayPath.parse("/acme/echo/a%2Fb/c%20d?x=%26y%3D");

        assertThat(path.tenant()).isEqualTo("acme");
        assertThat(path.path()).isEqualTo("/echo/a%2Fb/c%20d");
        assertThat(path.rawQuery()).isEqualTo("x=%26y%3D");
    }

    @Test
    void onlyTheFirstQuestionMarkStartsTheQuery() {
        assertThat(GatewayPath.parse("/acme/x?a=?b")).isEqualTo(new GatewayPath("acme", "/x", "a=?b"));
    }

    @Test
    void anEmptyQueryIsKeptAsEmpty() {
        assertThat(GatewayPath.parse("/acme/x?")).isEqualTo(new GatewayPath("acme", "/x", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/.", "/a/../b", "/a/./b", "/a/..", "/%2e%2e/x", "/%2E%2e/x", "/.%2E/x", "/%2e/x",
            "/a/..;jsessionid=1/b", "/a/.;x", "/..;", "/a//../b", "../x", "..", "."})
    void findsDotSegmentsPlainEncodedOrWithParameters(String rawPath) {
        assertThat(GatewayPath.hasDotSegment(rawPath)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/a/b", "/.../x", "/...", "/a..b", "/..a/x", "/.a", "/%2e%2e%2e", "/%2ex", "/%2",
            "/%2f..", "/a;../b", "/x/.well-known", "//", "/a/b/", "/%25%32%65"})
    void leavesOtherPathsAlone(String rawPath) {
        assertThat(GatewayPath.hasDotSegment(rawPath)).isFalse();
    }
}
