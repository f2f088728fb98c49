package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.reply.Reply;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The weekly digest end to end on Discord with two bot processes on one database: each has its own core, job runner
 * and real JDA front door on the same (fake) Discord, both schedule digests, run due jobs and deliver their outbox at
 * the same time, and each week's digest lands exactly once in the digest channel, with that week's numbers and
 * pinging exactly its top helpers. The week's questions and answers are made through the core (as the server's
 * members); the clock moves, nothing sleeps. On PostgreSQL this needs the server at 127.0.0.1:5432 and is skipped
 * with a line saying so without it (failed when {@code BANDURA_TEST_POSTGRES=required}).
 */
class DiscordDigestTwoProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** One bot process: a core of its own on the shared database, its job runner and its front door. */
    private record Process(TestCore core, DiscordFixture door, JobRunner jobs) implements AutoCloseable {
        static Process start(TestCore core, DiscordFixture door, String name) {
            // discord.digest-channel: the text channel; delivered by hand below
            door.door.deliverJobPosts(new DatabaseOutbox(core.database(), core.clock()), null, null,
                    door.discord.textChannelId, Duration.ofHours(1));
            return new Process(core, door, new JobRunner(core.database(), core.clock(), name,
                    core.service().jobHandlers()));
        }

        @Override
        public void close() throws Exception {
            door.close();
            core.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("two processes and two JDA front doors on one database: one digest per week in the digest channel, "
            + "with the week's numbers, pinging exactly the top helpers")
    void oneDigestPerWeek(Backend backend) throws Exception {
        DatabaseSettings database = backend.freshDatabase();
        TestCore firstCore = TestCore.on(database, TestCore.settings());
        try (Process one = Process.start(firstCore, DiscordFixture.start(firstCore.core()), "process-1");
             Process two = startSecond(database, one.door().discord)) {
            FakeDiscord discord = one.door().discord;
            await().atMost(WAIT).until(() -> discord.sessionCount() == 2);
            WorkspaceRef server = new WorkspaceRef(Platform.DISCORD, discord.guildId, "Test server");
            Actor alice = new Actor(server, discord.asker.id(), "alice", false);
            Actor bob = new Actor(server, discord.expert.id(), "bob", false);
            Actor carol = new Actor(server, discord.stranger.id(), "carol", false);

            // Monday 2026-11-02 09:00 UTC: the first week, half of it through each process.
            ok(one, bob, "/expert add java");
            ok(one, alice, "/ask How do I size a connection pool? #java");
            ok(two, alice, "/ask Why does my pool run dry at night? #java");
            ok(two, carol, "/ask How do I drain a node safely? #kubernetes");
            List<JsonNode> digests = new ArrayList<>(pass(one, two, Duration.ofMinutes(30)));
            ok(one, bob, "/answer Q1 Start with cores times two, then measure the wait time.");
            ok(two, carol, "/upvote A1");
            ok(one, alice, "/accept A1");
            digests.addAll(pass(one, two, Duration.ofDays(3)));
            assertThat(digests).as("nothing before Monday 09:00").isEmpty();

            // Monday 2026-11-09 09:00: the first week's digest, once.
            digests.addAll(passUntil(one, two, "2026-11-09T09:00:00Z"));
            assertThat(digests).hasSize(1);
            JsonNode first = digests.get(0);
            assertThat(shown(first)).startsWith("📊 Weekly digest — week of 2026-11-02\n")
                    .contains("\nQuestions: 3 asked, 1 answered, 1 accepted.\n")
                    .contains("\nTime to first answer (median): 30 min — last week no answers.\n")
                    .contains("\nTop helpers: 1. <@" + bob.userId() + "> +25 · 2. <@" + alice.userId()
                            + "> +2. Thank you!\n")
                    .contains("\nNew badges: bob — First Answer; bob — Solved.\n")
                    .contains("\nOldest unanswered (2 open):\n  Q2 Why does my pool run dry at night? #java (7 d)")
                    .contains("\n  Q3 How do I drain a node safely? #kubernetes (7 d)")
                    .contains("Knowledge gap: #kubernetes had 1 question and no available expert: "
                            + "`/expert add kubernetes`");
            assertPingsExactly(first, bob.userId(), alice.userId());

            // The same week again, at the same time and later: nothing more.
            digests.addAll(pass(one, two, Duration.ZERO));
            digests.addAll(pass(one, two, Duration.ofHours(1)));
            assertThat(digests).as("one digest for the week of 2026-11-02").hasSize(1);

            // The second week: carol answers and is accepted; one more digest on Monday 2026-11-16 09:00.
            ok(two, alice, "/ask Should the pool size differ per service? #java");
            digests.addAll(pass(one, two, Duration.ofHours(2)));
            ok(one, carol, "/answer Q4 Yes: size each by its own concurrency, not one number for all.");
            ok(two, alice, "/accept A2");
            for (int day = 0; day < 5; day++) {
                digests.addAll(pass(one, two, Duration.ofDays(1)));
            }
            assertThat(digests).as("still one digest during the second week").hasSize(1);
            digests.addAll(passUntil(one, two, "2026-11-16T09:00:00Z"));
            assertThat(digests).hasSize(2);
            JsonNode second = digests.get(1);
            assertThat(shown(second)).startsWith("📊 Weekly digest — week of 2026-11-09\n")
                    .contains("\nQuestions: 1 asked, 1 answered, 1 accepted.\n")
                    .contains("\nTime to first answer (median): 2 h — last week 30 min.\n")
                    .contains("\nTop helpers: 1. <@" + carol.userId() + "> +15 · 2. <@" + alice.userId()
                            + "> +2. Thank you!\n")
                    .doesNotContain("<@" + bob.userId() + ">");
            assertPingsExactly(second, carol.userId(), alice.userId());

            // The same week again: none.
            digests.addAll(pass(one, two, Duration.ZERO));
            for (int day = 0; day < 6; day++) {
                digests.addAll(pass(one, two, Duration.ofDays(1)));
            }
            assertThat(digests).as("Sunday: the third week's digest is not due yet").hasSize(2);
            long digestJobs = one.core().database().inTransaction(sql -> sql.count(
                    "SELECT COUNT(*) FROM job WHERE kind = 'post-digest'"));
            assertThat(digestJobs).as("one job per week, and the next").isEqualTo(3);
        }
    }

    private static Process startSecond(DatabaseSettings database, FakeDiscord discord) {
        TestCore core = TestCore.attach(database, TestCore.settings());
        try {
            return Process.start(core, DiscordFixture.join(discord, core.core()), "process-2");
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    private static void ok(Process process, Actor actor, String line) {
        Reply reply = process.core().run(actor, line);
        assertThat(reply.isOk()).as(line + " → " + reply.text().toPlainString()).isTrue();
    }

    private static List<JsonNode> passUntil(Process one, Process two, String at) throws Exception {
        return pass(one, two, Duration.between(one.core().clock().instant(), Instant.parse(at)));
    }

    /**
     * Both processes move their clocks, schedule digests and run due jobs at the same time (twice each), then both
     * deliver their outbox to Discord at the same time. @return the digests posted in the digest channel meanwhile
     */
    private static List<JsonNode> pass(Process one, Process two, Duration duration) throws Exception {
        FakeDiscord discord = one.door().discord;
        int before = discord.messagesTo(discord.textChannelId).size();
        one.core().clock().advance(duration);
        two.core().clock().advance(duration);
        race(Stream.of(one, two).map(process -> (Runnable) process.core().service()::scheduleDigests));
        race(Stream.of(one, two, one, two).map(process -> (Runnable) process.jobs()::runDue));
        race(Stream.of(one, two).map(process -> (Runnable) process.door().door::deliverJobPostsNow));
        return discord.messagesTo(discord.textChannelId).stream().skip(before).map(FakeDiscord.Call::body)
                .filter(body -> body.path("content").asText().startsWith("📊")).toList();
    }

    /** Who may be pinged: exactly these users, no role, no @everyone or @here. */
    private static void assertPingsExactly(JsonNode message, String... userIds) {
        JsonNode allowed = message.path("allowed_mentions");
        assertThat(StreamSupport.stream(allowed.path("users").spliterator(), false).map(JsonNode::asText).toList())
                .containsExactlyInAnyOrder(userIds);
        assertThat(allowed.path("parse")).isEmpty();
        assertThat(allowed.path("roles")).isEmpty();
        assertThat(message.path("content").asText()).doesNotContain("@everyone").doesNotContain("@here")
                .doesNotContain("<@&");
    }

    /** The text as Discord shows it: markdown escapes (a backslash before punctuation) removed. */
    private static String shown(JsonNode message) {
        return message.path("content").asText().replaceAll("\\\\(\\p{Punct})", "$1");
    }

    private static void race(Stream<Runnable> work) throws Exception {
        List<CompletableFuture<Void>> running = work.map(CompletableFuture::runAsync).toList();
        for (CompletableFuture<Void> each : running) {
            each.get();
        }
    }
}
