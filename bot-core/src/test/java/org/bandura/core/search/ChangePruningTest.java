package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.core.testing.TestCore.user;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.Database;
import org.bandura.core.service.CoreService;
import org.bandura.core.testing.MutableClock;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change sequence is pruned past the rebuild horizon; an index that had not applied a pruned change rebuilds
 * from the database instead of missing it.
 */
class ChangePruningTest {

    @TempDir
    Path firstDir;
    @TempDir
    Path secondDir;

    private final Database database = Database.open(TestDatabases.h2());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final Actor asker = user("asker");
    private final Actor helper = user("helper");
    private CoreService first;
    private CoreService second;

    @AfterEach
    void close() {
        for (CoreService core : new CoreService[] {first, second}) {
            if (core != null) {
                core.close();
            }
        }
        database.close();
    }

    /** A long max lag: the background follower polls once at start, then only when the test says catch up. */
    private CoreService start(Path dir) {
        CoreService core = new CoreService(database, TestCore.settings(), clock,
                new SearchSettings(dir, Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !core.search().warmingUp());
        return core;
    }

    private void askAndAnswer(CoreService core, long number, String question, String answer) {
        core.handle(asker, new Command.Ask(question, List.of()));
        core.handle(helper, new Command.Answer(number, answer, null));
    }

    private long workspace() {
        return database.inTransaction(sql -> sql.count("SELECT id FROM workspace"));
    }

    private boolean finds(CoreService core, String query, long number) {
        return core.search().search(workspace(), query, SearchFilter.ANY, 0, 10).hits().stream()
                .anyMatch(hit -> hit.questionNumber() == number);
    }

    private long changeRows() {
        return database.inTransaction(sql -> sql.count("SELECT COUNT(*) FROM question_change"));
    }

    private long prunedThrough() {
        return database.inTransaction(sql -> sql.count("SELECT COALESCE(MAX(pruned_through), 0) FROM question_change_pruned"));
    }

    @Test
    @DisplayName("only changes older than the horizon are pruned, the newest kept; searching is unaffected")
    void prunesOnlyOldChanges() {
        first = start(firstDir);
        askAndAnswer(first, 1, "Why is the Zookeeper quorum lost at night? #ops", "The snapshot cron starves it.");
        askAndAnswer(first, 2, "Postgres vacuum never finishes #sql", "Look for an old open transaction.");
        long old = changeRows();
        clock.advance(Duration.ofDays(8));
        askAndAnswer(first, 3, "How do I rotate TLS certificates? #ops", "Use cert-manager.");
        long all = changeRows();
        assertThat(all).isGreaterThan(old);

        assertThat(first.searchIndex().pruneChanges(clock.instant().minus(Duration.ofDays(7)), 0)).isEqualTo(old);
        assertThat(changeRows()).isEqualTo(all - old);
        assertThat(prunedThrough()).isPositive();
        assertThat(first.searchIndex().pruneChanges(clock.instant().minus(Duration.ofDays(7)), 0))
                .as("pruning again finds nothing old").isZero();

        first.searchIndex().catchUp();
        assertThat(first.search().warmingUp()).as("an index that applied everything keeps following").isFalse();
        assertThat(finds(first, "zookeeper", 1)).isTrue();
        assertThat(finds(first, "vacuum", 2)).isTrue();
        assertThat(finds(first, "certificates", 3)).isTrue();

        clock.advance(Duration.ofDays(8));
        assertThat(first.searchIndex().pruneChanges(clock.instant().minus(Duration.ofDays(7)), changeRows()))
                .as("the newest rows are kept whatever their age").isZero();
    }

    @Test
    @DisplayName("an index stopped while its unapplied changes were pruned rebuilds at start and finds them")
    void stoppedIndexBehindTheHorizonRebuilds() {
        first = start(firstDir);
        askAndAnswer(first, 1, "Why is the Zookeeper quorum lost at night? #ops", "The snapshot cron starves it.");
        first.close(); // its index is committed at the current end of the sequence
        first = null;

        second = start(secondDir);
        askAndAnswer(second, 2, "Postgres vacuum never finishes #sql", "Look for an old open transaction.");
        clock.advance(Duration.ofDays(8));
        assertThat(second.searchIndex().pruneChanges(clock.instant().minus(Duration.ofDays(7)), 0)).isPositive();
        second.close();
        second = null;

        first = start(firstDir); // replaying could not see Q2: its changes are gone
        assertThat(finds(first, "vacuum", 2)).isTrue();
        assertThat(finds(first, "zookeeper", 1)).isTrue();
    }

    @Test
    @DisplayName("a running index that fell behind pruned changes rebuilds on its next catch-up and finds them")
    void runningIndexBehindTheHorizonRebuilds() {
        first = start(firstDir);
        second = start(secondDir);
        askAndAnswer(first, 1, "Why is the Zookeeper quorum lost at night? #ops", "The snapshot cron starves it.");
        second.searchIndex().catchUp();
        askAndAnswer(first, 2, "Postgres vacuum never finishes #sql", "Look for an old open transaction.");
        clock.advance(Duration.ofDays(8));
        assertThat(first.searchIndex().pruneChanges(clock.instant().minus(Duration.ofDays(7)), 0)).isPositive();
        assertThat(finds(second, "vacuum", 2)).as("second has not caught up yet").isFalse();

        second.searchIndex().catchUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> !second.search().warmingUp());
        assertThat(finds(second, "vacuum", 2)).isTrue();
        assertThat(finds(second, "zookeeper", 1)).isTrue();
    }
}
