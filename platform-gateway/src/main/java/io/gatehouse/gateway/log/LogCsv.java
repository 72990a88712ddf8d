package io.gatehouse.gateway.log;

import io.gatehouse.common.CsvCells;
import java.io.IOException;
import java.io.Writer;

/**
 * The CSV export format (RFC 4180, CRLF line ends): one header line, one line per row in the order of contract
 * section 5; {@code attempts} is the JSON array of attempts. Text cells are guarded by {@link CsvCells}.
 */
public final class LogCsv {
    public static final String HEADER = "id,requestId,timestamp,tenant,route,credentialId,credentialType,method,path,"
            + "query,status,errorCode,latencyMs,upstreamLatencyMs,clientIp,bytesIn,bytesOut,attempts";

    private LogCsv() {
    }

    /** Writes one stored call as a CSV line. */
    static void row(StoredRow r, Writer out) throws IOException {
        out.write(Long.toString(r.id()));
        out.write(',');
        text(out, r.requestId);
        out.write(',');
        out.write(StoredRow.instant(r.micros).toString());
        for (String cell : new String[] {r.tenant, r.route, r.credentialId, r.credentialType, r.method, r.path,
                r.query}) {
            out.write(',');
            text(out, cell);
        }
        out.write(',');
        out.write(Integer.toString(r.status));
        out.write(',');
        text(out, r.errorCode);
        out.write(',');
        out.write(Long.toString(r.latencyMs));
        out.write(',');
        out.write(Long.toString(r.upstreamLatencyMs));
        out.write(',');
        text(out, r.clientIp);
        out.write(',');
        out.write(Long.toString(r.bytesIn));
        out.write(',');
        out.write(Long.toString(r.bytesOut));
        out.write(',');
        text(out, AttemptsJson.write(r.attempts(), StoredRow.MAX_ATTEMPTS_STORED));
        out.write(CsvCells.LINE_END);
    }

    private static void text(Writer out, String value) throws IOException {
        out.write(CsvCells.cell(value));
    }
}
