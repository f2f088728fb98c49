package org.bandura.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bandura.core.persistence.DatabaseSettings;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests: a private in-memory H2, or a private schema in the PostgreSQL server at
 * 127.0.0.1:5432 (database {@code test}, trust auth; override with {@code BANDURA_TEST_POSTGRES_URL} and
 * {@code BANDURA_TEST_POSTGRES_USER}).
 *
 * <p>Without a PostgreSQL server the PostgreSQL tests are skipped with one line saying so, unless
 * {@code BANDURA_TEST_POSTGRES=required} (as in CI), where a missing server fails them.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL = envOr("BANDURA_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = envOr("BANDURA_TEST_POSTGRES_USER", "postgres");

    private static final AtomicBoolean SKIP_ANNOUNCED = new AtomicBoolean();
    private static volatile Boolean postgresReachable;

    private TestDatabases() {
    }

    public static DatabaseSettings h2() {
        return DatabaseSettings.of("jdbc:h2:mem:bandura-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** A new, empty schema on the PostgreSQL server; skips (or fails, when required) without a server. */
    public static DatabaseSettings postgres() {
        requirePostgres();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        return new DatabaseSettings(POSTGRES_URL, POSTGRES_USER, null, schema, 10, Duration.ofSeconds(5));
    }

    public static void dropSchema(String schema) {
        if (schema != null && schema.matches("t_[0-9a-f]{16}")) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    public static void requirePostgres() {
        if (postgresReachable == null) {
            try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null)) {
                postgresReachable = true;
            } catch (SQLException e) {
                postgresReachable = false;
            }
        }
        if (postgresReachable) {
            return;
        }
        String required = System.getenv().getOrDefault("BANDURA_TEST_POSTGRES", "").toLowerCase(Locale.ROOT);
        if (required.equals("required")) {
            throw new IllegalStateException("BANDURA_TEST_POSTGRES=required, but PostgreSQL at " + POSTGRES_URL
                    + " (user " + POSTGRES_USER + ") can't be reached. Start it: pg_ctlcluster "
                    + "--skip-systemctl-redirect $(ls /etc/postgresql) main start");
        }
        if (SKIP_ANNOUNCED.compareAndSet(false, true)) {
            System.out.println("[bandura] PostgreSQL suite skipped: no server at " + POSTGRES_URL
                    + ". Start PostgreSQL (or set BANDURA_TEST_POSTGRES_URL) to run it.");
        }
        Assumptions.abort("PostgreSQL not reachable at " + POSTGRES_URL);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
