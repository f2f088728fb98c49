package org.bandura.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers over one transaction's connection: plain SQL in, records out. */
public final class Sql {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final Runnable statements;

    /** @param statements runs once per statement sent (a round trip), for {@link Database#statementsRun()} */
    Sql(Connection connection, Runnable statements) {
        this.connection = connection;
        this.statements = statements;
    }

    public Connection connection() {
        return connection;
    }

    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args)) {
            return statement.executeUpdate();
        }
    }

    /** Runs an INSERT and returns the generated {@code id}. */
    public long insert(String sql, Object... args) throws SQLException {
        return insertIfAny(sql, args).orElseThrow(() -> new SQLException("no generated key for: " + sql));
    }

    /** Runs an INSERT that may insert nothing ({@code INSERT … SELECT … WHERE}); the generated {@code id} if any. */
    public Optional<Long> insertIfAny(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            statements.run();
            bind(statement, args);
            if (statement.executeUpdate() == 0) {
                return Optional.empty();
            }
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? Optional.of(keys.getLong("id")) : Optional.empty();
            }
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
        }
    }

    public long count(String sql, Object... args) throws SQLException {
        return one(sql, row -> row.getLong(1), args).orElse(0L);
    }

    /** An empty batch of writes on this transaction; see {@link Writes}. */
    public Writes writes() {
        return new Writes();
    }

    /**
     * Writes that need no answer, sent to the database together: one prepared statement holding all of them,
     * separated by semicolons, so one round trip however many there are (H2 runs them as a command list; the
     * PostgreSQL driver sends each statement's parse, bind and execute, then one sync). They run in the order added,
     * taking their row locks in that order, and a failure in any fails the transaction as a single statement would.
     * Counted as one statement in {@link Database#statementsRun()}. Only statements that return no rows belong here:
     * a read that must see these writes comes after {@link #send()}.
     */
    public final class Writes {

        private final StringBuilder text = new StringBuilder();
        private final List<Object> args = new ArrayList<>();
        private int count;

        private Writes() {
        }

        public Writes add(String statement, Object... statementArgs) {
            if (count > 0) {
                text.append(";\n");
            }
            text.append(statement);
            args.addAll(java.util.Arrays.asList(statementArgs)); // may hold nulls
            count++;
            return this;
        }

        public boolean isEmpty() {
            return count == 0;
        }

        /** Runs the writes added since the last send, in one round trip; nothing when there are none. */
        public void send() throws SQLException {
            if (count == 0) {
                return;
            }
            try (PreparedStatement statement = prepare(text.toString(), args.toArray())) {
                statement.executeUpdate();
            }
            text.setLength(0);
            args.clear();
            count = 0;
        }
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statements.run();
        try {
            bind(statement, args);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Instant instant) {
                statement.setObject(i + 1, time(instant));
            } else {
                statement.setObject(i + 1, arg);
            }
        }
    }
}
