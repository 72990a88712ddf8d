package io.gatehouse.auth.audit;

import io.gatehouse.common.CsvCells;
import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The audit CSV export (RFC 4180, CRLF line ends): one header line, then one line per entry with the fields of the
 * audit API; text cells are formula-guarded and quoted by {@link CsvCells}.
 */
final class AuditCsv {
    static final String HEADER = "id,occurredAt,actor,actorIp,action,tenant,objectType,objectId,detail";

    private AuditCsv() {
    }

    /** Writes the current row of an {@link AuditQueries#COLUMNS} result set. */
    static void row(ResultSet rs, Writer out) throws SQLException, IOException {
        out.write(Long.toString(rs.getLong(1)));
        out.write(',');
        out.write(rs.getObject(2, OffsetDateTime.class).toInstant().toString());
        for (int column = 3; column <= 9; column++) {
            out.write(',');
            out.write(CsvCells.cell(rs.getString(column)));
        }
        out.write(CsvCells.LINE_END);
    }
}
