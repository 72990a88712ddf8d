package io.gatehouse.gateway.log;

import io.gatehouse.common.CsvCells;
import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The CSV export format (RFC 4180, CRLF line ends): one header line, one line per row in the order of contract
 * section 5; {@code attempts} is the JSON array of attempts. Text cells are guarded by {@link CsvCells}.
 */
public final class LogCsv {
    public static final String HEADER = "id,requestId,timestamp,tenant,route,credentialId,credentialType,method,path,"
            + "query,status,errorCode,latencyMs,upstreamLatencyMs,clientIp,bytesIn,bytesOut,attempts";

    private LogCsv() {
    }

    /** Writes the current row of a {@link LogQueries#COLUMNS} result set without building an entry. */
    static void row(ResultSet rs, Writer out) throws SQLException, IOException {
        out.write(Long.toString(rs.getLong(1)));
        out.write(',');
        text(out, rs.getString(2));
        out.write(',');
        out.write(rs.getObject(3, OffsetDateTime.class).toInstant().toString());
        for (int column = 4; column <= 10; column++) {
            out.write(',');
            text(out, rs.getString(column));
        }
        out.write(',');
        out.write(Integer.toString(rs.getInt(11)));
        out.write(',');
        text(out, rs.getString(12));
        out.write(',');
        out.write(Long.toString(rs.getLong(13)));
        out.write(',');
        out.write(Long.toString(rs.getLong(14)));
        out.write(',');
        text(out, rs.getString(15));
        out.write(',');
        out.write(Long.toString(rs.getLong(16)));
        out.write(',');
        out.write(Long.toString(rs.getLong(17)));
        out.write(',');
        text(out, rs.getString(18));
        out.write(CsvCells.LINE_END);
    }

    private static void text(Writer out, String value) throws IOException {
        out.write(CsvCells.cell(value));
    }
}
