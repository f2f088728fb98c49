package org.bandura.core.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class JobsTest {

    private final Backend backend;

    JobsTest(Backend backend) {
        this.backend = backend;
    }

    @Test
    @DisplayName("jobs enqueued once run once, with two processes and four workers racing for them")
    void eachJobRunsOnce() throws Exception {
        DatabaseSettings settings = backend.freshDatabase();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        JobRunner.Handler count = (sql, payload) -> runs.computeIfAbsent(payload, key -> new AtomicInteger())
                .incrementAndGet();
        try (Database one = Database.open(settings); Database two = Database.open(settings)) {
            JobRunner first = new JobRunner(one, Clock.systemUTC(), "process-1", Map.of("count", count));
            JobRunner second = new JobRunner(two, Clock.systemUTC(), "process-2", Map.of("count", count));
            for (int i = 0; i < 200; i++) {
                first.enqueue("count", "job-" + i);
            }
            List<CompletableFuture<Integer>> workers = new ArrayList<>();
            for (JobRunner runner : List.of(first, second, first, second)) {
                workers.add(CompletableFuture.supplyAsync(runner::runDue));
            }
            int total = 0;
            for (CompletableFuture<Integer> worker : workers) {
                total += worker.get();
            }
            assertThat(total).isEqualTo(200);
            assertThat(runs).hasSize(200).allSatisfy((payload, times) -> assertThat(times.get()).isEqualTo(1));
            long pending = one.inTransaction(sql -> sql.count("SELECT COUNT(*) FROM job WHERE done_at IS NULL"));
            assertThat(pending).isZero();
            List<String> doneBy = one.inTransaction(sql -> sql.list("SELECT DISTINCT done_by FROM job",
                    row -> row.getString(1)));
            assertThat(doneBy).isNotEmpty();
        } finally {
            TestDatabases.dropSchema(settings.schema());
        }
    }

    @Test
    @DisplayName("the daily rebuild of reputation totals is scheduled once by every process and repairs drift")
    void rebuildReputationTotals() {
        try (TestCore bandura = backend.open()) {
            bandura.run(TestCore.user("bob"), "/ask Drift? #jobs");
            bandura.run(TestCore.user("alice"), "/answer Q1 Rebuild from the ledger.");
            bandura.run(TestCore.user("carol"), "/upvote A1");
            bandura.database().inTransaction(sql -> sql.update("UPDATE member SET reputation = 999 WHERE user_id = 'alice'"));

            JobRunner first = new JobRunner(bandura.database(), bandura.clock(), "p1", JobRunner.standardHandlers());
            JobRunner second = new JobRunner(bandura.database(), bandura.clock(), "p2", JobRunner.standardHandlers());
            first.scheduleDailyJobs();
            second.scheduleDailyJobs();
            long rebuilds = bandura.database().inTransaction(sql -> sql.count(
                    "SELECT COUNT(*) FROM job WHERE kind = ?", JobRunner.REBUILD_REPUTATION_TOTALS));
            assertThat(rebuilds).isEqualTo(1);
            assertThat(first.runDue() + second.runDue()).isEqualTo(1);
            assertThat(bandura.reputation("alice")).isEqualTo(11);
        }
    }

    @Test
    @DisplayName("a failing job is kept with its error and retried later, not lost")
    void failingJobIsKept() {
        try (TestCore bandura = backend.open()) {
            JobRunner runner = new JobRunner(bandura.database(), bandura.clock(), "p1",
                    Map.of("boom", (sql, payload) -> {
                        throw new IllegalStateException("kaboom");
                    }));
            runner.enqueue("boom", "{}");
            assertThat(runner.runOne()).isTrue();
            assertThat(runner.runOne()).isFalse(); // not due again until the retry delay has passed
            String error = bandura.database().inTransaction(sql -> sql.one("SELECT last_error FROM job",
                    row -> row.getString(1)).orElseThrow());
            assertThat(error).contains("kaboom");
            bandura.clock().advance(java.time.Duration.ofMinutes(6));
            assertThat(runner.runOne()).isTrue();
            long attempts = bandura.database().inTransaction(sql -> sql.count("SELECT attempts FROM job"));
            assertThat(attempts).isEqualTo(2);
        }
    }
}
