package org.bandura.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Sql.Writes}: statements sent together, the answers of those that give one, and the commit carried by the
 * last batch, alike on H2 and PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class SqlWritesTest {

    private final Backend backend;
    private final Database database;

    SqlWritesTest(Backend backend) {
        this.backend = backend;
        database = Database.open(backend.freshDatabase());
        database.inTransaction(sql -> sql.update("CREATE TABLE pair (id INT PRIMARY KEY, v INT NOT NULL)"));
    }

    @AfterEach
    void close() {
        database.close();
        TestDatabases.dropSchema(database.settings().schema());
    }

    @Test
    @DisplayName("each statement sees the ones before it, and those asked for answer: a count, a row, all rows")
    void answersInOrder() {
        long before = database.statementsRunOnThisThread();

        List<Object> answers = database.inTransaction(sql -> {
            Sql.Writes batch = sql.writes();
            batch.add("INSERT INTO pair (id, v) VALUES (?, ?)", 1, 10);
            Sql.Answer<Integer> again = batch.addCounted("INSERT INTO pair (id, v) SELECT ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM pair WHERE id = ?)", 1, 99, 1);
            batch.add("INSERT INTO pair (id, v) VALUES (?, ?)", 2, 20);
            Sql.Answer<Integer> raised = batch.addCounted("UPDATE pair SET v = v + 1");
            Sql.Answer<Optional<Integer>> one = batch.addQuery("SELECT v FROM pair WHERE id = ?",
                    row -> row.getInt(1), 1);
            Sql.Answer<Optional<Integer>> none = batch.addQuery("SELECT v FROM pair WHERE id = ?",
                    row -> row.getInt(1), 3);
            Sql.Answer<List<Integer>> all = batch.addList("SELECT v FROM pair ORDER BY id", row -> row.getInt(1));
            assertThatThrownBy(raised::get).isInstanceOf(IllegalStateException.class);
            batch.send();
            return List.of(again.get(), raised.get(), one.get(), none.get(), all.get());
        });

        assertThat(answers).containsExactly(0, 2, Optional.of(11), Optional.empty(), List.of(11, 21));
        // PostgreSQL: one round trip. H2 answers a text's first statement only: cut before each answered one.
        assertThat(database.statementsRunOnThisThread() - before).isEqualTo(backend == Backend.POSTGRES ? 1 : 6);
    }

    @Test
    @DisplayName("a batch sent with the commit is committed (on PostgreSQL in its round trip, on an embedded H2 by the "
            + "transaction's end), and nothing may run after it")
    void sendAndCommit() {
        database.inTransaction(sql -> {
            Sql.Writes batch = sql.writes();
            batch.add("INSERT INTO pair (id, v) VALUES (?, ?)", 1, 10);
            batch.sendAndCommit();
            assertThat(committedRows()).as("seen from another connection before the transaction returns")
                    .isEqualTo(backend == Backend.POSTGRES ? 1 : 0);
            assertThatThrownBy(() -> sql.count("SELECT COUNT(*) FROM pair"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("committed");
            assertThatThrownBy(() -> sql.writes().add("DELETE FROM pair").send())
                    .isInstanceOf(IllegalStateException.class);
            return null;
        });

        assertThat(committedRows()).isOne();
        assertThat(valueOfOne()).isEqualTo(10);
    }

    @Test
    @DisplayName("when a statement of a batch fails, the commit with it does not run: the whole transaction is undone")
    void failureBeforeTheCommit() {
        database.inTransaction(sql -> sql.update("INSERT INTO pair (id, v) VALUES (1, 10)"));

        assertThatThrownBy(() -> database.inTransaction(sql -> {
            sql.update("UPDATE pair SET v = 11 WHERE id = 1");
            Sql.Writes batch = sql.writes();
            batch.add("INSERT INTO pair (id, v) VALUES (?, ?)", 2, 20);
            batch.add("INSERT INTO pair (id, v) VALUES (?, ?)", 3, null); // NOT NULL: fails, not retried
            batch.sendAndCommit();
            return null;
        })).isInstanceOf(IllegalStateException.class);

        assertThat(committedRows()).isOne();
        assertThat(valueOfOne()).isEqualTo(10);
    }

    private long valueOfOne() {
        return database.inTransaction(sql -> sql.count("SELECT v FROM pair WHERE id = 1"));
    }

    /** Rows of {@code pair} read on a connection outside the pool: only what was committed. */
    private long committedRows() {
        DatabaseSettings settings = database.settings();
        String url = settings.isPostgres() ? settings.url() + "?currentSchema=" + settings.schema() : settings.url();
        try (Connection connection = DriverManager.getConnection(url, settings.user(), settings.password());
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM pair");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
