package io.gatehouse.gateway.log;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh, migrated in-memory H2 database behind a switch: {@link #down()} makes every new connection fail like an
 * unreachable server, {@link #pause()} makes {@code getConnection} hang until {@link #up()}.
 */
final class TestDatabase implements DataSource {
    private final JdbcDataSource h2 = new JdbcDataSource();
    private volatile String mode = "up";
    private volatile CountDownLatch paused = new CountDownLatch(0);

    TestDatabase() {
        h2.setURL("jdbc:h2:mem:log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
    }

    void down() {
        mode = "down";
    }

    void pause() {
        paused = new CountDownLatch(1);
        mode = "paused";
    }

    void up() {
        mode = "up";
        paused.countDown();
    }

    void tenant(String slug) {
        execute("INSERT INTO tenant (slug, name, created_at, updated_at) VALUES ('" + slug + "', '" + slug
                + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    /** How many calls the blocks matching {@code where} (on the block table's columns) hold. */
    long count(String where) {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COALESCE(SUM(row_count), 0) FROM request_log_block"
                     + (where.isEmpty() ? "" : " WHERE " + where))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the calls as the writer does, in one transaction. */
    void insert(List<CallRecord> calls) {
        try (Connection c = h2.getConnection()) {
            c.setAutoCommit(false);
            LogBlocks.insert(c, calls);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static CallRecord record(String tenant, int i) {
        return new CallRecord("req-" + i, Instant.now(), tenant, "echo", "cred-1", "BASIC", "GET", "/echo/" + i,
                "a=1", 200, null, 3, 2, "127.0.0.1", 0, 10,
                List.of(new Attempt("echo", "http://127.0.0.1:9", Instant.now(), 2, 200, null, "answered")));
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (mode.equals("paused")) {
            try {
                paused.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mode.equals("down")) {
            throw new SQLTransientConnectionException("test database is down", "08001");
        }
        return h2.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
