package io.gatehouse.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.AdminApi;
import io.gatehouse.gateway.log.RequestLogWriter;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The CSV export of 100,000 rows streams: while the client holds the download half-read, the server's heap has
 * grown by far less than the export's size (about 30 MB of CSV, several times that as row objects).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LogExportStreamingTest {
    private static final int ROWS = 100_000;
    private static final long MAX_HEAP_GROWTH = 24L * 1024 * 1024;

    @Autowired
    RequestLogWriter writer;

    @LocalServerPort
    int consolePort;

    @Test
    void aHundredThousandRowsStreamWithBoundedMemory() throws Exception {
        AdminApi api = new AdminApi(consolePort);
        String tenant = api.createTenant("big");
        String other = api.createTenant("big-other");
        Instant t0 = Instant.now().minus(1, ChronoUnit.DAYS);
        String longPath = "/stream/" + "p".repeat(150);
        for (int i = 0; i < ROWS; i++) {
            writer.accept(LogSeeds.call(tenant, t0.plusMillis(i), "r", i % 10 == 0 ? 502 : 200, "cred-" + (i % 7),
                    longPath + i, String.format("stream-%08d", i)));
            if (i % 10_000 == 0) {
                writer.accept(LogSeeds.call(other, t0.plusMillis(i), "r", 200, null, "/other", "other-" + i));
                LogSeeds.drain(writer); // stay under the queue capacity
            }
        }
        LogSeeds.drain(writer);
        long baseline = usedHeapAfterGc();

        HttpResponse<InputStream> response = api.http().send(api.request("/tenants/" + tenant + "/logs.csv")
                        .header("Authorization", api.basicAuthorization()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long lines = 0;
        long bytes = 0;
        long midway = -1;
        String first = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines == 1) {
                    first = line;
                }
                lines++;
                bytes += line.length() + 2;
                if (lines == ROWS / 2) {
                    Thread.sleep(300); // the server is now blocked on a full socket, mid-export
                    midway = usedHeapAfterGc();
                }
                assertThat(line).doesNotContain("other-");
            }
        }

        System.out.printf("CSV export: %d lines, %d bytes; heap baseline %d MB, mid-export %d MB%n", lines, bytes,
                baseline >> 20, midway >> 20);
        assertThat(lines).isEqualTo(ROWS + 1);
        assertThat(first).contains(String.format("stream-%08d", ROWS - 1));
        assertThat(bytes).isGreaterThan(20L * 1024 * 1024);
        assertThat(midway - baseline).as("heap growth while streaming").isLessThan(MAX_HEAP_GROWTH);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
