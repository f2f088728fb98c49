package org.bandura.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gateway to the database: a HikariCP pool, Flyway migrations run when it opens, and transactions that
 * take lambdas. A transaction that loses a race (serialization failure, deadlock, a unique key another process
 * inserted first) is retried whole, so callers write straight-line code.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int MAX_ATTEMPTS = 12;

    @FunctionalInterface
    public interface Work<T> {
        T run(Sql sql) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final DatabaseSettings settings;
    private final LongAdder statements = new LongAdder();

    private Database(HikariDataSource dataSource, DatabaseSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pooledUrl(settings));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        if (settings.schema() != null && !settings.isPostgres()) {
            config.setSchema(settings.schema());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(settings.connectionTimeout().toMillis(), 5_000)));
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setPoolName("bandura-db");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            // Flyway gets connections of its own: it changes the search path while it works, and pooled
            // connections must keep the schema the pool gave them.
            Flyway.configure()
                    .dataSource(durableUrl(settings), settings.user(), settings.password())
                    .schemas(settings.schema() == null ? new String[0] : new String[] {settings.schema()})
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        log.info("Database ready at {}", settings.redactedUrl());
        return new Database(dataSource, settings);
    }

    /**
     * H2 buffers commits for a moment by default (WRITE_DELAY), so a killed process loses what it had already
     * confirmed. Bandura confirms only after a commit, so commits must reach the file at once; one transaction per
     * command keeps that affordable.
     */
    static String durableUrl(DatabaseSettings settings) {
        String url = settings.url();
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (settings.isH2() && !upper.contains("WRITE_DELAY")) {
            url += ";WRITE_DELAY=0";
        }
        if (settings.isH2() && !upper.startsWith("JDBC:H2:MEM:") && !upper.contains("MAX_COMPACT_TIME")) {
            url += ";MAX_COMPACT_TIME=" + H2_COMPACT_AT_CLOSE_MILLIS;
        }
        return url;
    }

    /**
     * Every commit writes a new chunk of the pages it touched, and with {@code WRITE_DELAY=0} H2 runs no background
     * compaction, so the file grows by some kilobytes per command while the bot runs. A clean shutdown compacts it
     * back to the size of the data, given the time: H2's default of 200 ms gives back almost nothing; 334 MB after
     * 10,000 votes became 6.8 MB with this setting (docs/benchmarks.md).
     */
    static final int H2_COMPACT_AT_CLOSE_MILLIS = 30_000;

    /**
     * On PostgreSQL the schema goes into the URL: the driver then sets it for the whole session. Setting it on a
     * pooled connection would run inside the first transaction, and a rollback would quietly undo it.
     */
    static String pooledUrl(DatabaseSettings settings) {
        String url = durableUrl(settings);
        if (settings.schema() != null && settings.isPostgres()) {
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + settings.schema();
        }
        return url;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Statements run through {@link Sql} since start, each one round trip to the database; a transaction adds its
     * commit. Tests hold the vote path to its budget with it.
     */
    public long statementsRun() {
        return statements.sum();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    T result = work.run(new Sql(connection, statements));
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            } catch (SQLException e) {
                if (isUnreachable(e)) {
                    throw new StorageUnavailableException(e);
                }
                if (attempt < MAX_ATTEMPTS && isRetryable(e)) {
                    backOff(attempt);
                    continue;
                }
                throw new IllegalStateException("database error: " + e.getMessage(), e);
            }
        }
    }

    /** True when the database answers a trivial query within the connection timeout. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.equals("23505")
                        || state.equals("HYT00") || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isUnreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t instanceof SQLException sql && "57P01".equals(sql.getSQLState())) {
                return true; // PostgreSQL: terminating connection due to administrator command
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 + attempt * 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it.
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
