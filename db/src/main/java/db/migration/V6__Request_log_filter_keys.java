package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The request log's route and credential filters get integer keys: {@code route_key} and {@code credential_key} are
 * Java's {@code String.hashCode()} of the stored {@code route} and {@code credential_id} (null for null), and the two
 * filter indexes lead with the key instead of the text, {@code (tenant_id, route_key, occurred_at DESC, id DESC)}.
 * <p>
 * Why: every request writes a row into seven B-trees; comparing the text columns on each step down the two text
 * indexes was the largest part of the writer's CPU (H2's {@code compareTypeSafe}). With integer keys the writer
 * drained 24-29k rows/s against 17-19k before, on the same machine (bench/request-log, phase=drain). A query
 * filters on both the key and the text, so two values with one hash code never mix.
 * <p>
 * A Java migration because the key is a Java hash: rows written before it get their keys here, in one pass per
 * column through a small value-to-key table (portable SQL for H2 and PostgreSQL).
 */
public class V6__Request_log_filter_keys extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE request_log ADD COLUMN route_key INTEGER");
            statement.execute("ALTER TABLE request_log ADD COLUMN credential_key INTEGER");
        }
        backfill(connection, "route", "route_key");
        backfill(connection, "credential_id", "credential_key");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX ix_request_log_tenant_route_key_time"
                    + " ON request_log (tenant_id, route_key, occurred_at DESC, id DESC)");
            statement.execute("CREATE INDEX ix_request_log_tenant_credential_key_time"
                    + " ON request_log (tenant_id, credential_key, occurred_at DESC, id DESC)");
            statement.execute("DROP INDEX ix_request_log_tenant_route_time");
            statement.execute("DROP INDEX ix_request_log_tenant_credential_time");
        }
    }

    private static void backfill(Connection connection, String column, String keyColumn) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DISTINCT " + column + " FROM request_log WHERE "
                     + column + " IS NOT NULL")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        if (values.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE request_log_key_backfill (key_text VARCHAR(100) PRIMARY KEY,"
                    + " key_value INTEGER NOT NULL)");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO request_log_key_backfill (key_text, key_value) VALUES (?, ?)")) {
            for (String value : values) {
                insert.setString(1, value);
                insert.setInt(2, value.hashCode());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("UPDATE request_log SET " + keyColumn + " = (SELECT b.key_value FROM"
                    + " request_log_key_backfill b WHERE b.key_text = request_log." + column + ") WHERE " + column
                    + " IS NOT NULL");
            statement.execute("DROP TABLE request_log_key_backfill");
        }
    }
}
