package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.slack.SlackHarness.ANN;
import static org.bandura.slack.SlackHarness.BOB;
import static org.bandura.slack.SlackHarness.CAT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.reply.Reply;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.bandura.slack.fake.FakeSlack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The weekly digest end to end on Slack with two bot processes on one database: each has its own core, job runner
 * and real Bolt front door (Socket Mode) on the same (fake) Slack, both schedule digests, run due jobs and deliver
 * their outbox at the same time, and each week's digest lands exactly once in {@code slack.digest-channel}, with that
 * week's numbers, mentioning exactly its top helpers (Slack notifies whoever a message mentions, so the mentions in
 * the text are the whole list). The week's questions and answers are made through the core (as the team's members);
 * the clock moves, nothing sleeps. On PostgreSQL this needs the server at 127.0.0.1:5432 and is skipped with a line
 * saying so without it (failed when {@code BANDURA_TEST_POSTGRES=required}).
 */
class SlackDigestTwoProcessesTest {

    private static final String DIGESTS = "C0DIGEST";
    private static final Pattern MENTION = Pattern.compile("<[@!][^>]*>");

    /** One bot process: a core of its own on the shared database, its job runner and its Slack front door. */
    private record Process(TestCore core, SlackFrontDoor door, JobRunner jobs) implements AutoCloseable {
        static Process start(TestCore core, FakeSlack slack, String name) throws Exception {
            SlackFrontDoor door = new SlackFrontDoor(core.core(), SlackSettings.socketMode("xoxb-test-token",
                    "xapp-test-token").withApiUrl(slack.apiUrl()));
            try {
                door.start();
            } catch (Exception e) {
                core.close();
                throw e;
            }
            door.deliverJobPosts(new DatabaseOutbox(core.database(), core.clock()), null, null, DIGESTS,
                    Duration.ofHours(1)); // delivered by hand below
            return new Process(core, door, new JobRunner(core.database(), core.clock(), name,
                    core.service().jobHandlers()));
        }

        @Override
        public void close() {
            door.close();
            core.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("two processes and two Bolt front doors on one database: one digest per week in the digest channel, "
            + "with the week's numbers, mentioning exactly the top helpers")
    void oneDigestPerWeek(Backend backend) throws Exception {
        DatabaseSettings database = backend.freshDatabase();
        try (FakeSlack slack = new FakeSlack();
             Process one = Process.start(TestCore.on(database, TestCore.settings()), slack, "process-1");
             Process two = Process.start(TestCore.attach(database, TestCore.settings()), slack, "process-2")) {
            slack.addUser(ANN, "Ann", false);
            slack.addUser(BOB, "Bob", false);
            slack.addUser(CAT, "Cat", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("apps.connections.open").size() >= 2
                    && slack.connected());
            Actor ann = new Actor(SlackHarness.WORKSPACE, ANN, "Ann", false);
            Actor bob = new Actor(SlackHarness.WORKSPACE, BOB, "Bob", false);
            Actor cat = new Actor(SlackHarness.WORKSPACE, CAT, "Cat", false);

            // Monday 2026-11-02 09:00 UTC: the first week, half of it through each process.
            ok(one, ann, "/expert add java");
            ok(one, bob, "/ask How do I size a connection pool? #java");
            ok(two, bob, "/ask Why does my pool run dry at night? #java");
            ok(two, cat, "/ask How do I drain a node safely? #kubernetes");
            List<String> digests = new ArrayList<>(pass(slack, one, two, Duration.ofMinutes(30)));
            ok(one, ann, "/answer Q1 Start with cores times two, then measure the wait time.");
            ok(two, cat, "/upvote A1");
            ok(one, bob, "/accept A1");
            digests.addAll(pass(slack, one, two, Duration.ofDays(3)));
            assertThat(digests).as("nothing before Monday 09:00").isEmpty();

            // Monday 2026-11-09 09:00: the first week's digest, once.
            digests.addAll(passUntil(slack, one, two, "2026-11-09T09:00:00Z"));
            assertThat(digests).hasSize(1);
            assertThat(digests.get(0)).startsWith("📊 Weekly digest — week of 2026-11-02\n")
                    .contains("\nQuestions: 3 asked, 1 answered, 1 accepted.\n")
                    .contains("\nTime to first answer (median): 30 min — last week no answers.\n")
                    .contains("\nTop helpers: 1. <@" + ANN + "> +25 · 2. <@" + BOB + "> +2. Thank you!\n")
                    .contains("\nNew badges: Ann — First Answer; Ann — Solved.\n")
                    .contains("\nOldest unanswered (2 open):\n  Q2 Why does my pool run dry at night? #java (7 d)")
                    .contains("\n  Q3 How do I drain a node safely? #kubernetes (7 d)")
                    .contains("Knowledge gap: #kubernetes had 1 question and no available expert: "
                            + "`/expert add kubernetes`");
            assertThat(mentions(digests.get(0))).containsExactlyInAnyOrder("<@" + ANN + ">", "<@" + BOB + ">");

            // The same week again, at the same time and later: nothing more.
            digests.addAll(pass(slack, one, two, Duration.ZERO));
            digests.addAll(pass(slack, one, two, Duration.ofHours(1)));
            assertThat(digests).as("one digest for the week of 2026-11-02").hasSize(1);

            // The second week: Cat answers and is accepted; one more digest on Monday 2026-11-16 09:00.
            ok(two, bob, "/ask Should the pool size differ per service? #java");
            digests.addAll(pass(slack, one, two, Duration.ofHours(2)));
            ok(one, cat, "/answer Q4 Yes: size each by its own concurrency, not one number for all.");
            ok(two, bob, "/accept A2");
            for (int day = 0; day < 5; day++) {
                digests.addAll(pass(slack, one, two, Duration.ofDays(1)));
            }
            assertThat(digests).as("still one digest during the second week").hasSize(1);
            digests.addAll(passUntil(slack, one, two, "2026-11-16T09:00:00Z"));
            assertThat(digests).hasSize(2);
            assertThat(digests.get(1)).startsWith("📊 Weekly digest — week of 2026-11-09\n")
                    .contains("\nQuestions: 1 asked, 1 answered, 1 accepted.\n")
                    .contains("\nTime to first answer (median): 2 h — last week 30 min.\n")
                    .contains("\nTop helpers: 1. <@" + CAT + "> +15 · 2. <@" + BOB + "> +2. Thank you!\n");
            assertThat(mentions(digests.get(1))).containsExactlyInAnyOrder("<@" + CAT + ">", "<@" + BOB + ">");

            // The same week again: none.
            digests.addAll(pass(slack, one, two, Duration.ZERO));
            for (int day = 0; day < 6; day++) {
                digests.addAll(pass(slack, one, two, Duration.ofDays(1)));
            }
            assertThat(digests).as("Sunday: the third week's digest is not due yet").hasSize(2);
            long digestJobs = one.core().database().inTransaction(sql -> sql.count(
                    "SELECT COUNT(*) FROM job WHERE kind = 'post-digest'"));
            assertThat(digestJobs).as("one job per week, and the next").isEqualTo(3);
            assertThat(slack.posts()).filteredOn(post -> post.channel().equals(DIGESTS)).as("nothing else posted "
                    + "in the digest channel").hasSize(2);
        }
    }

    private static void ok(Process process, Actor actor, String line) {
        Reply reply = process.core().run(actor, line);
        assertThat(reply.isOk()).as(line + " → " + reply.text().toPlainString()).isTrue();
    }

    /** Every user, group or broadcast mention in the text (Slack notifies exactly these). */
    private static List<String> mentions(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static List<String> passUntil(FakeSlack slack, Process one, Process two, String at) throws Exception {
        return pass(slack, one, two, Duration.between(one.core().clock().instant(), Instant.parse(at)));
    }

    /**
     * Both processes move their clocks, schedule digests and run due jobs at the same time (twice each), then both
     * deliver their outbox to Slack at the same time. @return the digests posted in the digest channel meanwhile
     */
    private static List<String> pass(FakeSlack slack, Process one, Process two, Duration duration) throws Exception {
        int before = slack.posts().size();
        one.core().clock().advance(duration);
        two.core().clock().advance(duration);
        race(Stream.of(one, two).map(process -> (Runnable) process.core().service()::scheduleDigests));
        race(Stream.of(one, two, one, two).map(process -> (Runnable) process.jobs()::runDue));
        race(Stream.of(one, two).map(process -> (Runnable) process.door()::deliverJobPostsNow));
        List<FakeSlack.Posted> posts = slack.posts();
        return posts.subList(before, posts.size()).stream().filter(post -> post.channel().equals(DIGESTS))
                .map(FakeSlack.Posted::text).filter(text -> text.startsWith("📊")).toList();
    }

    private static void race(Stream<Runnable> work) throws Exception {
        List<CompletableFuture<Void>> running = work.map(CompletableFuture::runAsync).toList();
        for (CompletableFuture<Void> each : running) {
            each.get();
        }
    }
}
