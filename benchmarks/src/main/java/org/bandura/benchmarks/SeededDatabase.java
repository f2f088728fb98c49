package org.bandura.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;

/**
 * An H2 file database (the default deployment) holding {@code questions} answered questions. Rows are bulk
 * inserted with plain SQL so a benchmark with 100,000 questions starts in seconds; the core then works on them as
 * on any data.
 */
final class SeededDatabase implements AutoCloseable {

    static final WorkspaceRef WORKSPACE = new WorkspaceRef(Platform.CONSOLE, "bench", "bench");

    final Path directory;
    final Database database;
    final CoreService core;
    final long workspaceId;
    final int questions;

    SeededDatabase(int questions) {
        this(questions, "");
    }

    /** @param urlSettings extra H2 URL settings, such as {@code ;MAX_COMPACT_TIME=200} */
    SeededDatabase(int questions, String urlSettings) {
        this.questions = questions;
        try {
            directory = Files.createTempDirectory("bandura-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("bandura") + urlSettings));
        core = new CoreService(database, new CoreSettings(4000, 3, Integer.MAX_VALUE / 2, 100, 5),
                Clock.systemUTC());
        core.handle(new Actor(WORKSPACE, "seed", "seed", false), new Command.ListTags());
        workspaceId = database.inTransaction(sql -> sql.count("SELECT id FROM workspace"));
        seed();
    }

    private void seed() {
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        database.inTransaction(sql -> {
            long asker = sql.insert("INSERT INTO member (workspace_id, user_id, display_name, name_key, created_at) "
                    + "VALUES (?, 'asker', 'asker', 'asker', ?)", workspaceId, now);
            long author = sql.insert("INSERT INTO member (workspace_id, user_id, display_name, name_key, created_at) "
                    + "VALUES (?, 'author', 'author', 'author', ?)", workspaceId, now);
            long tag = sql.insert("INSERT INTO tag (workspace_id, name, created_at) VALUES (?, 'java', ?)",
                    workspaceId, now);
            sql.update("INSERT INTO tag_reputation (member_id, tag_id, points) VALUES (?, ?, 0)", author, tag);
            try (PreparedStatement question = sql.connection().prepareStatement("INSERT INTO question (id, workspace_id, "
                    + "number, asker_id, title, body, answer_count, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)");
                 PreparedStatement questionTag = sql.connection().prepareStatement(
                         "INSERT INTO question_tag (question_id, tag_id, asked_at, is_open) VALUES (?, ?, ?, FALSE)");
                 PreparedStatement answer = sql.connection().prepareStatement("INSERT INTO answer (id, workspace_id, "
                         + "number, question_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int n = 1; n <= questions; n++) {
                    question.setLong(1, n);
                    question.setLong(2, workspaceId);
                    question.setLong(3, n);
                    question.setLong(4, asker);
                    question.setString(5, "Seeded question " + n);
                    question.setString(6, "Seeded question " + n + " about pools #java"
                            + (n % 10 == 0 ? " and HikariCP" : ""));
                    question.setObject(7, now);
                    question.addBatch();
                    questionTag.setLong(1, n);
                    questionTag.setLong(2, tag);
                    questionTag.setObject(3, now);
                    questionTag.addBatch();
                    answer.setLong(1, n);
                    answer.setLong(2, workspaceId);
                    answer.setLong(3, n);
                    answer.setLong(4, n);
                    answer.setLong(5, author);
                    answer.setString(6, "Seeded answer " + n);
                    answer.setObject(7, now);
                    answer.setObject(8, now);
                    answer.addBatch();
                    if (n % 5_000 == 0 || n == questions) {
                        question.executeBatch();
                        questionTag.executeBatch();
                        answer.executeBatch();
                    }
                }
            }
            sql.update("UPDATE workspace SET next_question_number = ?, next_answer_number = ? WHERE id = ?",
                    questions + 1, questions + 1, workspaceId);
            for (String table : new String[] {"question", "answer"}) {
                sql.update("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + (questions + 1));
            }
            return null;
        });
    }

    long memberId(String userId) {
        return database.inTransaction(sql -> sql.count("SELECT id FROM member WHERE user_id = ?", userId));
    }

    /** Size of the H2 file now, in bytes. */
    long fileSize() {
        return directory.resolve("bandura.mv.db").toFile().length();
    }

    /** Closes the database (H2 compacts what its settings allow at close), keeping the file to be measured. */
    void closeDatabase() {
        core.close();
        database.close();
    }

    @Override
    public void close() {
        closeDatabase();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
