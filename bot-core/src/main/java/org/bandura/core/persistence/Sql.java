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
    private Boolean multipleResults;
    /** Set once a batch carried the commit: the transaction is over, so nothing more may run on it. */
    private boolean committed;

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
        requireOpen();
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
     * Statements sent to the database together, in the order added: one round trip to PostgreSQL however many there
     * are. Mostly writes that need no answer ({@link #add}); a few may be a read or a write whose answer the command
     * needs ({@link #addQuery}, {@link #addCounted}): each statement sees what the ones before it did, and its answer
     * is there once the batch is sent. The last batch of a transaction may carry the commit ({@link #sendAndCommit}).
     * <p>
     * On the wire: one prepared statement holding all of them, separated by semicolons, all parameters bound. The
     * PostgreSQL driver (42.7) sends each statement's Parse/Bind/Execute and one Sync, and returns every statement's
     * result in order. H2 runs such a text as a command list but answers only its first statement, so there the batch
     * is cut before every statement whose answer is wanted (each cut is one more call, inside the process). Each
     * prepared statement sent counts as one in {@link Database#statementsRun()}. Statements take their row locks in
     * the order added, and a failure in any fails the transaction as a single statement would: nothing after it runs.
     * <p>
     * Each statement gets its own snapshot (read committed), so a read that follows a locking statement in the same
     * batch sees what the lock holder before it committed; a read in the same statement as the lock may not on
     * PostgreSQL (its subqueries keep the snapshot taken before the wait).
     */
    public final class Writes {

        private final List<Entry> entries = new ArrayList<>();

        private Writes() {
        }

        /** A statement that returns no rows and whose count nobody needs. */
        public Writes add(String statement, Object... statementArgs) {
            entries.add(new Entry(statement, statementArgs, null));
            return this;
        }

        /** A write whose row count the command needs, e.g. whether an {@code INSERT … WHERE NOT EXISTS} inserted. */
        public Answer<Integer> addCounted(String statement, Object... statementArgs) {
            Answer<Integer> answer = new Answer<>(null, false);
            entries.add(new Entry(statement, statementArgs, answer));
            return answer;
        }

        /** A read (or a locking read) whose first row the command needs: empty when it returns none. */
        public <T> Answer<Optional<T>> addQuery(String statement, RowMapper<T> mapper, Object... statementArgs) {
            Answer<Optional<T>> answer = new Answer<>(mapper, false);
            entries.add(new Entry(statement, statementArgs, answer));
            return answer;
        }

        /** A read whose rows the command needs, all of them. */
        public <T> Answer<List<T>> addList(String statement, RowMapper<T> mapper, Object... statementArgs) {
            Answer<List<T>> answer = new Answer<>(mapper, true);
            entries.add(new Entry(statement, statementArgs, answer));
            return answer;
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        /** Runs the statements added since the last send, in one round trip; nothing when there are none. */
        public void send() throws SQLException {
            run(false);
        }

        /**
         * Runs the statements added since the last send and, on PostgreSQL, commits the transaction in the same round
         * trip (the driver then skips the caller's own commit: the server says no transaction is open). An embedded
         * H2 has no round trip to save: its transaction is committed by {@link Database} as usual. Either way nothing
         * may run on this transaction afterwards ({@link Sql} refuses).
         * With no statements pending, nothing is sent and the transaction stays open for the usual commit.
         */
        public void sendAndCommit() throws SQLException {
            run(true);
        }

        private void run(boolean commit) throws SQLException {
            if (entries.isEmpty()) {
                return;
            }
            List<Entry> batch = List.copyOf(entries);
            entries.clear();
            if (answersEveryStatement()) {
                sendTogether(batch, commit);
            } else {
                int from = 0;
                for (int i = 1; i <= batch.size(); i++) {
                    if (i == batch.size() || batch.get(i).answer != null) {
                        sendTogether(batch.subList(from, i), commit && i == batch.size());
                        from = i;
                    }
                }
            }
            if (commit) {
                committed = true;
            }
        }

        /** One prepared statement: every entry's answer is read when the driver returns them all (PostgreSQL). */
        private void sendTogether(List<Entry> batch, boolean commit) throws SQLException {
            StringBuilder text = new StringBuilder();
            List<Object> args = new ArrayList<>();
            for (Entry entry : batch) {
                if (!text.isEmpty()) {
                    text.append(";\n");
                }
                text.append(entry.statement);
                args.addAll(java.util.Arrays.asList(entry.args)); // may hold nulls
            }
            boolean all = answersEveryStatement();
            if (commit && all) {
                // Only where it saves a round trip: an embedded H2 commits through Database, which keeps its file
                // kill-safe around the commit (H2FileKeeper).
                text.append(";\nCOMMIT");
            }
            try (PreparedStatement statement = prepare(text.toString(), args.toArray())) {
                boolean rows = statement.execute();
                for (Entry entry : batch) {
                    if (entry.answer != null) {
                        entry.answer.take(statement, rows);
                    }
                    if (!all) {
                        break; // H2 answers the first statement only: the batch was cut so that it is the one
                    }
                    rows = statement.getMoreResults();
                }
            }
        }
    }

    /** What one statement of a {@link Writes} batch answered: there once the batch was sent. */
    public static final class Answer<T> {

        private final RowMapper<?> mapper;
        private final boolean allRows;
        private T value;
        private boolean answered;

        private Answer(RowMapper<?> mapper, boolean allRows) {
            this.mapper = mapper;
            this.allRows = allRows;
        }

        public T get() {
            if (!answered) {
                throw new IllegalStateException("the batch holding this statement was not sent yet");
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        private void take(PreparedStatement statement, boolean rows) throws SQLException {
            if (mapper == null) {
                if (rows) {
                    throw new SQLException("a counted statement returned rows");
                }
                value = (T) Integer.valueOf(statement.getUpdateCount());
            } else {
                if (!rows) {
                    throw new SQLException("a query returned no result set");
                }
                try (ResultSet result = statement.getResultSet()) {
                    if (allRows) {
                        List<Object> all = new ArrayList<>();
                        while (result.next()) {
                            all.add(mapper.map(result));
                        }
                        value = (T) all;
                    } else {
                        value = (T) (result.next() ? Optional.ofNullable(mapper.map(result)) : Optional.empty());
                    }
                }
            }
            answered = true;
        }
    }

    private record Entry(String statement, Object[] args, Answer<?> answer) {
    }

    /**
     * Whether the driver returns the result of every statement in a multi-statement text (PostgreSQL does; H2 only
     * the first's), asked once per transaction.
     */
    private boolean answersEveryStatement() throws SQLException {
        if (multipleResults == null) {
            multipleResults = connection.getMetaData().supportsMultipleResultSets();
        }
        return multipleResults;
    }

    /** {@code count} JDBC placeholders for an {@code IN (…)} list: {@code ?, ?, ?}. */
    public static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
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

    private void requireOpen() {
        if (committed) {
            throw new IllegalStateException("this transaction was committed with its last batch of writes; "
                    + "nothing may run on it afterwards");
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        requireOpen();
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
