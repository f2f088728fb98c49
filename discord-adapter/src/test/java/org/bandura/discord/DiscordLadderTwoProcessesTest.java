package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two bot processes on one database, each with its own core, job runner and real JDA front door, both connected to
 * the same (fake) Discord: the escalation ladder is posted once, not once per process. On PostgreSQL this needs the
 * server at 127.0.0.1:5432 and is skipped with a line saying so without it (failed when
 * {@code BANDURA_TEST_POSTGRES=required}).
 */
class DiscordLadderTwoProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int QUESTIONS = 3;
    private static final CoreSettings SETTINGS = new CoreSettings(4000, 1, 200, 100, 5)
            .withCommunity(TestCore.OPEN_COMMUNITY);

    /** One bot process: a core of its own on the shared database, its job runner and its front door. */
    private record Process(TestCore core, DiscordFixture door, JobRunner jobs) implements AutoCloseable {
        static Process start(TestCore core, DiscordFixture door, String role, String name) {
            door.door.deliverJobPosts(new DatabaseOutbox(core.database(), core.clock()), door.discord.textChannelId,
                    role, Duration.ofHours(1)); // delivered by hand below
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
    @DisplayName("two processes and two JDA front doors on one database: each escalation step of each question is "
            + "posted on Discord exactly once")
    void eachStepOnce(Backend backend) throws Exception {
        DatabaseSettings database = backend.freshDatabase();
        String role = FakeDiscord.snowflake();
        TestCore firstCore = TestCore.on(database, SETTINGS);
        try (Process one = Process.start(firstCore, DiscordFixture.start(firstCore.core()), role, "process-1");
             Process two = startSecond(database, one.door().discord, role)) {
            FakeDiscord discord = one.door().discord;
            await().atMost(WAIT).until(() -> discord.sessionCount() == 2);
            one.door().awaitCallback(discord.slashCommand(discord.expert, discord.textChannelId, "expert", "add",
                    "tags", "java"));
            one.door().awaitCallback(discord.slashCommand(discord.stranger, discord.textChannelId, "expert", "add",
                    "tags", "java"));
            for (int i = 1; i <= QUESTIONS; i++) {
                int threads = i;
                one.door().awaitOriginalEdit(discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                        "question", "Why does pool number " + i + " leak connections?", "tags", "java"));
                await().atMost(WAIT).until(() -> discord.threadIds().size() == threads);
            }
            assertThat(one.core().rows("question")).as("each /ask handled once, by one process")
                    .isEqualTo(QUESTIONS);

            for (Duration step : List.of(Duration.ofMinutes(30), Duration.ofMinutes(210), Duration.ofHours(20),
                    Duration.ofDays(7))) {
                one.core().clock().advance(step);
                two.core().clock().advance(step);
                race(Stream.of(one, two, one, two).map(process -> (Runnable) process.jobs()::runDue));
                race(Stream.of(one, two, one, two).map(process -> (Runnable) process.door().door::deliverJobPostsNow));
            }

            String askerDm = discord.directMessageChannel(discord.asker.id());
            for (int i = 1; i <= QUESTIONS; i++) {
                String question = "Q" + i + " ";
                String claim = "bandura:/claim Q" + i;
                List<ObjectNode> firstSteps = discord.threadIds().stream()
                        .flatMap(thread -> discord.botMessagesIn(thread).stream())
                        .filter(message -> message.path("content").asText().startsWith(question
                                + "still has no answer after 30 min"))
                        .toList();
                assertThat(firstSteps).as("first step of " + question).singleElement()
                        .satisfies(message -> assertThat(FakeDiscord.buttonIds(message))
                                .containsExactly(claim));
                assertThat(contents(discord, discord.textChannelId))
                        .filteredOn(text -> text.startsWith("<@&" + role + "> " + question + "has been waiting 4 h"))
                        .as("fallback post of " + question).hasSize(1);
                assertThat(contents(discord, discord.textChannelId))
                        .filteredOn(text -> text.startsWith(question + "is still unanswered after 24 h"))
                        .as("moderators' note of " + question).hasSize(1);
                assertThat(contents(discord, askerDm))
                        .filteredOn(text -> text.startsWith("Nobody has answered your " + question))
                        .as("the asker's DM about " + question).hasSize(1);
            }
            assertThat(one.core().rows("escalation_step")).isEqualTo(QUESTIONS * 3L);

            // Both sessions get a press too: one process acknowledges and runs it, the other stands down.
            ObjectNode stepOne = discord.threadIds().stream().flatMap(thread -> discord.botMessagesIn(thread).stream())
                    .filter(message -> message.path("content").asText().startsWith("Q1 still has no answer"))
                    .findFirst().orElseThrow();
            String threadId = stepOne.path("channel_id").asText();
            int before = discord.botMessagesIn(threadId).size();
            String press = discord.buttonPress(discord.stranger, stepOne, "bandura:/claim Q1");
            one.door().awaitOriginalEdit(press);
            await().atMost(WAIT).until(() -> discord.callbacks(press).size() == 2);
            await().atMost(WAIT).until(() -> discord.botMessagesIn(threadId).size() > before);
            assertThat(contents(discord, threadId).subList(before, discord.botMessagesIn(threadId).size()))
                    .singleElement().satisfies(text -> assertThat(text).startsWith("carol is on Q1"));
            assertThat(discord.originalEdits(press)).hasSize(1);
            assertThat(one.core().rows("question_claim")).isEqualTo(1);
        }
    }

    private static Process startSecond(DatabaseSettings database, FakeDiscord discord, String role) {
        TestCore core = TestCore.attach(database, SETTINGS);
        try {
            return Process.start(core, DiscordFixture.join(discord, core.core()), role, "process-2");
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    private static List<String> contents(FakeDiscord discord, String channelId) {
        return discord.botMessagesIn(channelId).stream().map(message -> message.path("content").asText()).toList();
    }

    private static void race(Stream<Runnable> work) throws Exception {
        List<CompletableFuture<Void>> running = work.map(CompletableFuture::runAsync).toList();
        for (CompletableFuture<Void> each : running) {
            each.get();
        }
    }
}
