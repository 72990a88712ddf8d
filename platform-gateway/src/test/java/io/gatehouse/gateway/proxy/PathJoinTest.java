package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathJoinTest {

    @ParameterizedTest(name = "base \"{0}\" + rest \"{1}\" = \"{2}\"")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "''     | ''       | /",
            "''     | /        | /",
            "''     | /x       | /x",
            "/      | ''       | /",
            "/      | /x       | /x",
            "/v1    | ''       | /v1",
            "/v1    | /x       | /v1/x",
            "/v1/   | /x       | /v1/x",
            "/v1/   | ''       | /v1",
            "/v1    | /x/      | /v1/x/",
            "/v1    | x        | /v1/x",
            "/a/b   | /c/d     | /a/b/c/d",
    })
    void joinsWithExactlyOneSlash(String base, String rest, String expected) {
        assertThat(PathJoin.join(base, rest, null)).isEqualTo(expected).doesNotContain("//");
    }

    @Test
    void encodedCharactersAreKeptAsIs() {
        assertThat(PathJoin.join("/v1", "/a%2Fb/c%20d", null)).isEqualTo("/v1/a%2Fb/c%20d");
        assertThat(PathJoin.join("/base%20dir", "/%E2%82%AC", null)).isEqualTo("/base%20dir/%E2%82%AC");
    }

    @Test
    void theRawQueryIsAppendedUnchanged() {
        assertThat(PathJoin.join("/v1", "/x", "a=1&b=%2F&c=x+y")).isEqualTo("/v1/x?a=1&b=%2F&c=x+y");
        assertThat(PathJoin.join("", "", "q=1")).isEqualTo("/?q=1");
    }

    @Test
    void anEmptyQueryKeepsItsQuestionMark() {
        assertThat(PathJoin.join("", "/x", "")).isEqualTo("/x?");
    }
}
