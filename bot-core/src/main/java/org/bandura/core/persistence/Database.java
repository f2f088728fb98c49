package org.bandura.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final Duration PROBE_WAIT = Duration.ofSeconds(1);

    @FunctionalInterface
    public interface Work<T> {
        T run(Sql sql) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final DatabaseSettings settings;
    private final Reachability reachability;
    private Future<Boolean> runningProbe;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bandura-db-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder statements = new LongAdder();
    private final ThreadLocal<long[]> statementsOnThread = ThreadLocal.withInitial(() -> new long[1]);

    private final H2FileKeeper h2FileKeeper;

    private Database(HikariDataSource dataSource, DatabaseSettings settings, Clock clock, H2FileKeeper h2FileKeeper) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.reachability = new Reachability(clock, settings);
        this.h2FileKeeper = h2FileKeeper;
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(DatabaseSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /** @param clock decides when, after a failed connection, a connection is tried again */
    public static Database open(DatabaseSettings settings, Clock clock) {
        requireWritableH2Directory(settings);
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
        H2FileKeeper keeper = null;
        if (settings.isH2()) {
            try (Connection connection = dataSource.getConnection()) {
                keeper = H2FileKeeper.attach(connection).orElse(null);
            } catch (SQLException e) {
                dataSource.close();
                throw new IllegalStateException("database error: " + e.getMessage(), e);
            }
        }
        log.info("Database ready at {}", settings.redactedUrl());
        return new Database(dataSource, settings, clock, keeper);
    }

    /**
     * H2 can't create its files when their directory can't be written, and then prints its own stack traces to
     * standard error before failing with a bare path. Checking first gives one line that says what to do.
     */
    static void requireWritableH2Directory(DatabaseSettings settings) {
        Optional<Path> file = h2File(settings.url());
        if (file.isEmpty()) {
            return;
        }
        Path directory = file.get().toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("the directory " + directory + " for the H2 database can't be created ("
                    + Reachability.rootMessage(e) + "). Point database.url at a directory Bandura may write, e.g. "
                    + "jdbc:h2:file:./data/bandura.");
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalStateException("the directory " + directory + " for the H2 database is not writable. "
                    + "Give the user running Bandura write access, or point database.url elsewhere.");
        }
    }

    /** The file path of an embedded H2 URL ({@code jdbc:h2:file:./data/bandura}, {@code jdbc:h2:~/x}); empty otherwise. */
    static Optional<Path> h2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String location = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        } else if (!location.startsWith(".") && !location.startsWith("/") && !location.startsWith("~")) {
            return Optional.empty(); // mem:, tcp:, ssl: … have no local directory to check
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        return location.isBlank() ? Optional.empty() : Optional.of(Path.of(location));
    }

    /**
     * H2 buffers commits for a moment by default (WRITE_DELAY), so a killed process loses what it had already
     * confirmed. Bandura confirms only after a commit, so commits must reach the file at once; one transaction per
     * command keeps that affordable. H2's own shutdown hook would close the database under the commands still
     * running when the process is stopped, so Bandura closes it itself after they finished (DB_CLOSE_ON_EXIT).
     * <p>
     * Space reuse stays on (H2's default), so commits fill the holes freed chunks leave and the file follows the
     * data; {@link H2FileKeeper} makes that kill-safe (H2 2.5.252 alone can lose the last confirmed commits written
     * into a hole), compacts the file while the bot runs and syncs it to the disk within half a second of a commit,
     * which is what lets freed space be reused after seconds rather than H2's default 45 s (RETENTION_TIME). A
     * clean shutdown compacts it for up to {@link #H2_COMPACT_AT_CLOSE_MILLIS}. Each connection keeps
     * {@link #H2_PARSED_STATEMENTS_KEPT} parsed statements.
     */
    static String durableUrl(DatabaseSettings settings) {
        String url = settings.url();
        String upper = url.toUpperCase(Locale.ROOT);
        if (settings.isH2()) {
            if (!upper.contains("WRITE_DELAY")) {
                url += ";WRITE_DELAY=0";
            }
            if (!upper.contains("DB_CLOSE_ON_EXIT")) {
                url += ";DB_CLOSE_ON_EXIT=FALSE";
            }
            if (!upper.startsWith("JDBC:H2:MEM:") && !upper.contains("MAX_COMPACT_TIME")) {
                url += ";MAX_COMPACT_TIME=" + H2_COMPACT_AT_CLOSE_MILLIS;
            }
            if (!upper.contains("QUERY_CACHE_SIZE")) {
                url += ";QUERY_CACHE_SIZE=" + H2_PARSED_STATEMENTS_KEPT;
            }
            if (h2File(url).isPresent() && !upper.contains("RETENTION_TIME")) {
                url += ";RETENTION_TIME=" + H2FileKeeper.RETENTION_MILLIS; // safe with the keeper's syncs
            }
        }
        return url;
    }

    /**
     * Every commit writes a new chunk of the pages it touched; a clean shutdown compacts the file back to the size
     * of the data, given the time: H2's default of 200 ms gives back almost nothing; 334 MB after 10,000 votes
     * became 6.8 MB with this setting (docs/benchmarks.md).
     */
    static final int H2_COMPACT_AT_CLOSE_MILLIS = 30_000;

    /**
     * Parsed statements H2 keeps per connection (its QUERY_CACHE_SIZE, default 8): an {@code /ask} alone runs about
     * twenty different statements, so with eight each command parsed most of its SQL again.
     */
    static final int H2_PARSED_STATEMENTS_KEPT = 64;

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

    /**
     * Like {@link #statementsRun()}, counting only the calling thread's statements: what one command sent, whatever
     * background work (the search follower, jobs) runs meanwhile.
     */
    public long statementsRunOnThisThread() {
        return statementsOnThread.get()[0];
    }

    private void countStatement() {
        statements.increment();
        statementsOnThread.get()[0]++;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     *
     * @throws StorageUnavailableException when the database can't be reached, at once while a recent failure is
     *                                     fresher than {@code database.retry-after}
     */
    public <T> T inTransaction(Work<T> work) {
        if (reachability.knownDown()) {
            throw new StorageUnavailableException("storage was unreachable moments ago; not trying again yet");
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    T result = work.run(new Sql(connection, this::countStatement));
                    if (h2FileKeeper != null) {
                        h2FileKeeper.commit(connection);
                    } else {
                        connection.commit();
                    }
                    reachability.succeeded();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            } catch (SQLException e) {
                if (isUnreachable(e)) {
                    reachability.failed(e);
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

    /**
     * True when the database answers a trivial query. Cheap enough for every health check: false at once while a
     * recent failure is fresh, and never waits more than {@link #PROBE_WAIT} (a probe that takes longer goes on in
     * the background and records what it finds).
     */
    public boolean isReachable() {
        if (reachability.knownDown()) {
            return false;
        }
        try {
            return currentProbe().get(Math.min(PROBE_WAIT.toMillis(), settings.connectionTimeout().toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The probe still running, if any, so that health checks arriving during a slow one don't queue more. */
    private synchronized Future<Boolean> currentProbe() {
        if (runningProbe == null || runningProbe.isDone()) {
            runningProbe = prober.submit(this::probe);
        }
        return runningProbe;
    }

    private boolean probe() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            if (valid) {
                reachability.succeeded();
            }
            return valid;
        } catch (SQLException e) {
            if (isUnreachable(e)) {
                reachability.failed(e);
            }
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

    /**
     * True when {@code e} says the database can't be reached (refused, cut, timed out, shutting down): an expected
     * failure during an outage, as opposed to a bug.
     */
    public static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
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
        prober.shutdownNow();
        if (h2FileKeeper != null) {
            h2FileKeeper.close();
            shutDownH2();
        }
        dataSource.close();
    }

    /**
     * Closes the H2 database on this thread, compacting the file for up to {@link #H2_COMPACT_AT_CLOSE_MILLIS}.
     * Left to the pool, the last connection's close would run that compaction on HikariCP's closing thread, which
     * the pool abandons after 10 s (and a process that exits then stops it half way). Never fails the shutdown.
     */
    private void shutDownH2() {
        // A connection of its own, not the pool's: the pool would roll a pooled one back after SHUTDOWN closed the
        // database, and H2 would write that failure into a bandura.trace.db beside the data at every clean stop.
        try (Connection connection = java.sql.DriverManager.getConnection(durableUrl(settings), settings.user(),
                settings.password());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            if (e.getErrorCode() != 90121) { // DATABASE_CALLED_AT_SHUTDOWN: closing what SHUTDOWN closed
                log.warn("Could not compact the H2 file at shutdown ({}); it is intact, only larger", e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Could not compact the H2 file at shutdown ({}); it is intact, only larger", e.getMessage());
        }
    }

    /** The keeper of an embedded H2 file (kill-safe commits, compaction while running); null otherwise. */
    H2FileKeeper h2FileKeeper() {
        return h2FileKeeper;
    }

    /** For benchmarks: the H2 file's size, live data and maintenance counters, or empty when this is not H2 file. */
    public Optional<String> h2FileReport() {
        return Optional.ofNullable(h2FileKeeper).map(keeper -> keeper.stats().toString());
    }
}
