package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"req-12345678", "0123456789abcdef0123456789abcdef", "a.b_c:d-e-f-g",
            "550e8400-e29b-41d4-a716-446655440000"})
    void aWellFormedIncomingIdIsKept(String id) {
        assertThat(RequestIds.keepOrCreate(id)).isEqualTo(id);
    }

    @Test
    void anIdOfExactly128CharactersIsKept() {
        String id = "a".repeat(128);

        assertThat(RequestIds.keepOrCreate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"short", "has space inside", "abc\r\nX-Injected: yes", "abcdefgh\n", "<script>alert(1)</script>",
            "ümlautümlaut", "abc/def/ghi"})
    void aMissingOrMalformedIdIsReplaced(String incoming) {
        String id = RequestIds.keepOrCreate(incoming);

        assertThat(id).isNotEqualTo(incoming).matches("^[0-9a-f]{32}$");
    }

    @Test
    void anOverlongIdIsReplaced() {
        String id = RequestIds.keepOrCreate("a".repeat(129));

        assertThat(id).matches("^[0-9a-f]{32}$");
    }

    @Test
    void generatedIdsDiffer() {
        assertThat(RequestIds.keepOrCreate(null)).isNotEqualTo(RequestIds.keepOrCreate(null));
    }
}
