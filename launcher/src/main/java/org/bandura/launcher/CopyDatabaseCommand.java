package org.bandura.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseCopier;
import org.bandura.core.persistence.DatabaseSettings;

/**
 * {@code java -jar bandura.jar copy-database --to <jdbc-url> [--to-user <user>] [--to-schema <schema>]}: copies
 * the configured database (normally the H2 file) into an empty PostgreSQL database, showing progress. The target
 * password comes from {@code BANDURA_COPY_TO_PASSWORD}, never from the command line.
 */
final class CopyDatabaseCommand {

    static final String USAGE = "Usage: java -jar bandura.jar copy-database --to jdbc:postgresql://host:5432/db "
            + "[--to-user user] [--to-schema schema]   (password: BANDURA_COPY_TO_PASSWORD)";

    private CopyDatabaseCommand() {
    }

    static int run(String[] args, DatabaseSettings source, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = null;
        String user = null;
        String schema = null;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--to" -> url = value;
                case "--to-user" -> user = value;
                case "--to-schema" -> schema = value;
                default -> {
                    err.println("Unknown option " + args[i] + ". " + USAGE);
                    return 2;
                }
            }
            i++;
        }
        if (url == null || !url.startsWith("jdbc:")) {
            err.println(USAGE);
            return 2;
        }
        DatabaseSettings target = new DatabaseSettings(url, user, env.get("BANDURA_COPY_TO_PASSWORD"), schema, 2,
                Duration.ofSeconds(10));
        out.println("Copying " + source.redactedUrl() + " → " + target.redactedUrl());
        try (Database from = Database.open(source); Database to = Database.open(target)) {
            Map<String, Long> counts = DatabaseCopier.copy(from, to, (table, done, total) ->
                    out.println("  " + table + ": " + done + "/" + total));
            for (Map.Entry<String, Long> table : counts.entrySet()) {
                long copied = to.inTransaction(sql -> sql.count("SELECT COUNT(*) FROM " + table.getKey()));
                if (copied != table.getValue()) {
                    err.println("Verification failed: " + table.getKey() + " has " + copied + " rows in the target, "
                            + table.getValue() + " in the source.");
                    return 1;
                }
            }
            long sourceTotal = from.inTransaction(sql -> sql.count("SELECT COALESCE(SUM(reputation), 0) FROM member"));
            long targetTotal = to.inTransaction(sql -> sql.count("SELECT COALESCE(SUM(reputation), 0) FROM member"));
            if (sourceTotal != targetTotal) {
                err.println("Verification failed: reputation totals differ (" + sourceTotal + " vs " + targetTotal + ").");
                return 1;
            }
            out.println("Done: " + counts.values().stream().mapToLong(Long::longValue).sum()
                    + " rows copied and verified. Point database.url at the new database and start Bandura.");
            return 0;
        } catch (RuntimeException e) {
            err.println("Copy failed, the target was left as it was: " + target.redact(source.redact(e.getMessage())));
            return 1;
        }
    }
}
