package org.bandura.core.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The weekly digest with two bot processes (own pools, job runners and outbox drains) on one database: each
 * schedules every pass and runs due jobs concurrently, and each week's digest is posted exactly once, with that
 * week's numbers. The clock moves; nothing sleeps.
 */
class DigestJobTest {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("two processes post exactly one digest per week, Monday 09:00, with the week's numbers")
    void oncePerWeek(Backend backend) throws Exception {
        DatabaseSettings database = backend.freshDatabase();
        try (FollowThrough one = new FollowThrough(TestCore.on(database, TestCore.settings(),
                FollowUpSettings.defaults()), "process-1");
             FollowThrough two = new FollowThrough(TestCore.attach(database, TestCore.settings(),
                     FollowUpSettings.defaults()), "process-2")) {
            // Monday 2026-11-02 09:00 UTC, the first week
            ok(one, "alice", "/expert add java");
            ok(one, "bob", "/ask How do I size a connection pool? #java");
            ok(two, "bob", "/ask Why does my pool run dry at night? #java");
            ok(two, "dave", "/ask How do I drain a node safely? #kubernetes");
            List<String> digests = new ArrayList<>();
            digests.addAll(pass(one, two, Duration.ofMinutes(30)));
            ok(one, "alice", "/answer Q1 Start with cores times two, then measure the wait time.");
            ok(two, "carol", "/upvote A1");
            ok(one, "bob", "/accept A1");
            digests.addAll(pass(one, two, Duration.ofDays(3)));
            assertThat(digests).as("nothing before Monday 09:00").isEmpty();

            // Monday 2026-11-09 09:00: the first week's digest
            digests.addAll(pass(one, two, Duration.between(one.bandura.clock().instant(),
                    Instant.parse("2026-11-09T09:00:00Z"))));
            assertThat(digests).hasSize(1);
            assertThat(digests.get(0)).isEqualTo("""
                    [DIGEST] 📊 Weekly digest — week of 2026-11-02
                    Questions: 3 asked, 1 answered, 1 accepted.
                    Time to first answer (median): 30 min — last week no answers.
                    Top helpers: 1. @alice +25 · 2. @bob +2. Thank you!
                    New badges: alice — First Answer; alice — Solved.
                    Oldest unanswered (2 open):
                      Q2 Why does my pool run dry at night? #java (7 d)
                      Q3 How do I drain a node safely? #kubernetes (7 d)
                    Knowledge gap: #kubernetes had 1 question and no available expert: `/expert add kubernetes`""");
            assertThat(lastMentions(one, two)).containsExactly("alice", "bob");

            // the second week: bob leaves the helpers list, and earns the most
            ok(two, "bob", "/digest off");
            digests.addAll(pass(one, two, Duration.ofDays(1))); // Tuesday 09:00
            ok(one, "eve", "/ask Should the pool size differ per service? #java");
            digests.addAll(pass(one, two, Duration.ofHours(2)));
            ok(two, "alice", "/answer Q4 Yes: size each by its own concurrency, not one number for all.");
            ok(one, "eve", "/accept A2");
            ok(one, "bob", "/answer Q3 Cordon it, then kubectl drain with --ignore-daemonsets.");
            ok(two, "dave", "/accept A3");
            for (int day = 0; day < 5; day++) {
                digests.addAll(pass(one, two, Duration.ofDays(1)));
            }
            assertThat(digests).as("still one digest during the week").hasSize(1);

            digests.addAll(pass(one, two, Duration.between(one.bandura.clock().instant(),
                    Instant.parse("2026-11-16T09:00:00Z"))));
            assertThat(digests).hasSize(2);
            assertThat(digests.get(1)).startsWith("""
                    [DIGEST] 📊 Weekly digest — week of 2026-11-09
                    Questions: 1 asked, 1 answered, 1 accepted.
                    Time to first answer (median): 2 h — last week 30 min.
                    Top helpers: 1. @alice +15 · 2. @dave +2 · 3. @eve +2. Thank you!
                    New badges: bob — First Answer; bob — Solved.
                    Oldest unanswered (1 open):
                      Q2 Why does my pool run dry at night? #java (14 d)""");
            assertThat(digests.get(1)).doesNotContain("@bob").doesNotContain("Knowledge gap");
            assertThat(lastMentions(one, two)).containsExactly("alice", "dave", "eve");

            for (int day = 0; day < 6; day++) {
                digests.addAll(pass(one, two, Duration.ofDays(1)));
            }
            assertThat(digests).as("Sunday: the third week's digest is not due yet").hasSize(2);
            assertThat(one.bandura.rows("job")).isPositive();
            long digestJobs = one.bandura.database().inTransaction(sql -> sql.count(
                    "SELECT COUNT(*) FROM job WHERE kind = 'post-digest'"));
            assertThat(digestJobs).as("one job per week, and the next").isEqualTo(3);
        }
    }

    private static void ok(FollowThrough process, String who, String line) {
        Reply reply = process.bandura.run(user(who), line);
        assertThat(reply.isOk()).as(line + " → " + reply.text().toPlainString()).isTrue();
    }

    /**
     * Both processes move their clocks, schedule digests and run due jobs at the same time (twice each), then both
     * drain their outboxes at the same time. @return the digests posted
     */
    private static List<String> pass(FollowThrough one, FollowThrough two, Duration duration) throws Exception {
        one.bandura.clock().advance(duration);
        two.bandura.clock().advance(duration);
        List<CompletableFuture<Integer>> schedulers = Stream.of(one, two)
                .map(process -> CompletableFuture.supplyAsync(process.bandura.service()::scheduleDigests)).toList();
        for (CompletableFuture<Integer> scheduler : schedulers) {
            scheduler.get();
        }
        List<CompletableFuture<Integer>> workers = Stream.of(one, two, one, two)
                .map(process -> CompletableFuture.supplyAsync(process.jobs::runDue)).toList();
        for (CompletableFuture<Integer> worker : workers) {
            worker.get();
        }
        List<CompletableFuture<List<String>>> drains = Stream.of(one, two)
                .map(process -> CompletableFuture.supplyAsync(process::delivered)).toList();
        List<String> digests = new ArrayList<>();
        for (CompletableFuture<List<String>> drain : drains) {
            drain.get().stream().filter(line -> line.startsWith("[DIGEST]")).forEach(digests::add);
        }
        return digests;
    }

    /** Whom the latest digest (of either process) may ping. */
    private static List<String> lastMentions(FollowThrough one, FollowThrough two) {
        List<org.bandura.core.reply.Outgoing> digests = new ArrayList<>();
        Stream.concat(one.messages.stream(), two.messages.stream())
                .filter(message -> message.audience() == org.bandura.core.reply.Outgoing.Audience.DIGEST)
                .forEach(digests::add);
        digests.sort(java.util.Comparator.comparingLong(org.bandura.core.reply.Outgoing::id));
        return digests.isEmpty() ? List.of() : digests.get(digests.size() - 1).mentionUserIds();
    }
}
