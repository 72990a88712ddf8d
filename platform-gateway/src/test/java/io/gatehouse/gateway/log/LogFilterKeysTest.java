package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Route and credential filters go through integer keys (hash codes) in their indexes; texts that share a hash code
 * ("Aa" and "BB" do) must still never mix.
 */
class LogFilterKeysTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private JdbcTemplate jdbc;
    private long acme;

    @BeforeEach
    void seed() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        TestDatabase db = new TestDatabase();
        db.tenant("acme");
        jdbc = new JdbcTemplate(db);
        acme = jdbc.queryForObject("SELECT id FROM tenant WHERE slug = 'acme'", Long.class);
        List<CallRecord> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String text = i % 2 == 0 ? "Aa" : "BB";
            rows.add(new CallRecord("r-" + i, T0.plusSeconds(i), "acme", text, "cred-" + text, "BASIC", "GET",
                    "/" + text, null, 200, null, 1, 1, "127.0.0.1", 0, 0, List.of()));
        }
        jdbc.batchUpdate(LogRows.INSERT, rows, rows.size(), LogRows::bind);
    }

    @Test
    void aRouteFilterFindsOnlyThatRouteEvenWhenAnotherShareItsHashCode() {
        LogPage page = RequestLogService.page(jdbc, acme, LogFilter.parse("Aa", null, null, null, null, null, null,
                null));

        assertThat(page.items()).extracting(LogEntry::route).containsExactly("Aa", "Aa", "Aa");
        assertThat(page.items()).extracting(LogEntry::requestId).containsExactly("r-4", "r-2", "r-0");
    }

    @Test
    void aCredentialFilterFindsOnlyThatCredentialEvenWhenAnotherShareItsHashCode() {
        assertThat("cred-Aa".hashCode()).isEqualTo("cred-BB".hashCode());

        LogPage page = RequestLogService.page(jdbc, acme, LogFilter.parse(null, null, "cred-BB", null, null, null,
                null, null));

        assertThat(page.items()).extracting(LogEntry::credentialId).containsExactly("cred-BB", "cred-BB", "cred-BB");
    }

    @Test
    void theWriterStoresEachKeyAsTheHashCodeOfTheStoredText() {
        assertThat(jdbc.queryForList("SELECT DISTINCT route_key FROM request_log", Integer.class))
                .containsExactly("Aa".hashCode());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE credential_key = ?", Long.class,
                "cred-Aa".hashCode())).isEqualTo(6);
    }
}
