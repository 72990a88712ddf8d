package io.gatehouse.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the rows of a query as they are read, for exports: one read-only transaction, a forward-only database
 * cursor fetching {@value #FETCH_SIZE} rows at a time (PostgreSQL needs the transaction for that; H2 needs lazy query
 * execution), so memory stays flat however many rows match.
 */
public final class StreamedRows {
    public static final int FETCH_SIZE = 500;

    /** Writes the current row of the result set. */
    @FunctionalInterface
    public interface RowWriter {
        void write(ResultSet row, Writer out) throws SQLException, IOException;
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public StreamedRows(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Runs {@code sql} with {@code args}, writes every row to {@code out} and flushes; returns the number of rows. */
    public long write(String sql, Object[] args, RowWriter row, Writer out) throws IOException {
        try {
            Long rows = readOnly.execute(status -> jdbc.execute((ConnectionCallback<Long>) c -> stream(c, sql, args, row,
                    out)));
            return rows == null ? 0 : rows;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long stream(Connection c, String sql, Object[] args, RowWriter row, Writer out) throws SQLException {
        boolean h2 = c.getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).contains("H2");
        if (h2) {
            lazy(c, true); // H2 otherwise materialises the whole result before the first row
        }
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            long rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.write(rs, out);
                    rows++;
                }
            }
            out.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (h2) {
                lazy(c, false);
            }
        }
    }

    private static void lazy(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
        }
    }
}
