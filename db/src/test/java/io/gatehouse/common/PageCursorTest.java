package io.gatehouse.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void aCursorRoundTripsAndAnyEditedByteIsRefused() {
        PageCursor cursor = new PageCursor(1_764_140_000_123_456L, 42);
        String token = cursor.encode("log");

        assertThat(PageCursor.decode(token, "log")).isEqualTo(cursor);
        assertThat(cursor.instant()).isEqualTo(Instant.parse("2025-11-26T06:53:20.123456Z"));
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String edited = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(PageCursor.decode(edited, "log")).as("edited at %d", i).isNull();
        }
        assertThat(PageCursor.decode(token.substring(1), "log")).isNull();
        assertThat(PageCursor.decode(token + "AA", "log")).isNull();
        assertThat(PageCursor.decode("%%%", "log")).isNull();
    }

    @Test
    void aCursorOfOneListIsRefusedByAnother() {
        String logCursor = new PageCursor(1_764_140_000_123_456L, 42).encode("log");

        assertThat(PageCursor.decode(logCursor, "audit")).isNull();
    }

    @Test
    void aCursorAfterARowKeepsItsMicrosecondsAndId() {
        Instant time = Instant.parse("2026-11-26T07:00:00.123456Z");

        PageCursor cursor = PageCursor.after(time, 7);

        assertThat(cursor.instant()).isEqualTo(time);
        assertThat(PageCursor.decode(cursor.encode("audit"), "audit")).isEqualTo(cursor);
    }

    @Test
    void theNextCursorPointsAfterTheLastRowOfAFullPageAndIsNullOtherwise() {
        Instant t = Instant.parse("2026-11-26T07:00:00Z");
        List<Long> ids = List.of(9L, 8L, 7L);

        String next = PageCursor.next(ids, 2, id -> t, id -> id, "audit");

        assertThat(PageCursor.decode(next, "audit")).isEqualTo(PageCursor.after(t, 8));
        assertThat(PageCursor.next(ids, 3, id -> t, id -> id, "audit")).isNull();
        assertThat(PageCursor.decode(next, "audit").afterArgs()).containsExactly(PageCursor.column(t),
                PageCursor.column(t), 8L);
    }
}
