package org.bandura.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Copies every row of one Bandura database into another, empty one (both already migrated to the same schema
 * version): the way from the default H2 file to PostgreSQL. Rows keep their ids; identity counters are moved past
 * them afterwards. Runs in one target transaction, so a failed copy leaves the target empty.
 */
public final class DatabaseCopier {

    /** Parents before children, so foreign keys hold row by row. */
    static final List<String> TABLES = List.of("workspace", "member", "tag", "tag_alias", "expert_subscription",
            "question", "question_tag", "question_change", "question_change_pruned", "answer", "vote", "reputation_event", "tag_reputation",
            "badge", "routing_mention", "processed_event", "job", "vote_gain_day", "expert_availability", "expert_opt_out",
            "question_claim", "routing_decision", "escalation_step", "accept_prompt", "outbox_message", "comment",
            "web_login_token", "web_session", "thread_catch_up", "outbox_pace");
    static final List<String> IDENTITY_TABLES = List.of("workspace", "member", "tag", "question", "question_change",
            "answer", "vote", "reputation_event", "job", "routing_decision", "outbox_message", "comment");
    private static final int BATCH = 500;

    /** Told after every batch: table, rows copied of that table so far, and its total. */
    @FunctionalInterface
    public interface Progress {
        void update(String table, long copied, long total);
    }

    private DatabaseCopier() {
    }

    /** @return rows copied per table */
    public static Map<String, Long> copy(Database from, Database to, Progress progress) {
        Map<String, Long> counts = new LinkedHashMap<>();
        to.inTransaction(target -> {
            if (target.count("SELECT COUNT(*) FROM workspace") > 0) {
                throw new IllegalStateException("the target database already has data; copy only into an empty one");
            }
            from.inTransaction(source -> {
                for (String table : TABLES) {
                    counts.put(table, copyTable(source.connection(), target.connection(), table, progress));
                }
                return null;
            });
            for (String table : IDENTITY_TABLES) {
                long next = target.count("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
                try (Statement statement = target.connection().createStatement()) {
                    statement.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
                }
            }
            return null;
        });
        return counts;
    }

    private static long copyTable(Connection source, Connection target, String table, Progress progress)
            throws SQLException {
        long total;
        try (Statement statement = source.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            total = rows.getLong(1);
        }
        long copied = 0;
        try (Statement statement = source.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + Sql.marks(columns.size()) + ")";
            try (PreparedStatement statementOut = target.prepareStatement(insert)) {
                int pending = 0;
                while (rows.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        statementOut.setObject(i, rows.getObject(i), meta.getColumnType(i));
                    }
                    statementOut.addBatch();
                    copied++;
                    if (++pending == BATCH) {
                        statementOut.executeBatch();
                        pending = 0;
                        progress.update(table, copied, total);
                    }
                }
                if (pending > 0) {
                    statementOut.executeBatch();
                }
            }
        }
        progress.update(table, copied, total);
        return copied;
    }
}
