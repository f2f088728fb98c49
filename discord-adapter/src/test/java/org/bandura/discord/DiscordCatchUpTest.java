package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §4 on Discord, with real JDA against the local fake: what happened in a question's thread while Bandura
 * was stopped is recorded when it starts again, once, however often it starts.
 */
@DisplayName("Catch-up after downtime on Discord")
class DiscordCatchUpTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ANSWER = "Start with cores * 2 connections and measure the wait time.";

    private TestCore testCore;
    private FakeDiscord discord;
    private DiscordFrontDoor door;
    private WorkspaceRef guild;

    @BeforeEach
    void start() throws Exception {
        testCore = TestCore.onH2();
        discord = new FakeDiscord().start();
        guild = new WorkspaceRef(Platform.DISCORD, discord.guildId, "Fake Guild");
        startBot();
    }

    @AfterEach
    void stop() throws Exception {
        if (door != null) {
            door.close();
        }
        discord.close();
        testCore.close();
    }

    /** Starts a new front door on the same fake Discord and database and waits for its catch-up at start. */
    private void startBot() throws Exception {
        door = new DiscordFrontDoor(testCore.core(), DiscordSettings.of(FakeDiscord.TOKEN)
                .withRestUrl(discord.restUrl()).withDevGuildIds(List.of(discord.guildId))
                .withModeratorRoleNames(List.of("Q&A Mods")), Duration.ofSeconds(20));
        door.start();
        door.latestCatchUp().get(20, TimeUnit.SECONDS);
    }

    private void stopBot() {
        door.close();
        door = null;
    }

    /** Asks in the text channel and returns the question's thread id. */
    private String askedThread() {
        String ask = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a HikariCP pool?", "tags", "java");
        await().atMost(WAIT).until(() -> !discord.originalEdits(ask).isEmpty());
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        return discord.threadIds().get(0);
    }

    private long reputation(FakeDiscord.User user) {
        return testCore.reputation(guild, user.id());
    }

    private String answerText(String messageKey) {
        return testCore.database().inTransaction(sql -> sql.one("SELECT body FROM answer WHERE message_key = ?",
                row -> row.getString(1), messageKey).orElse(null));
    }

    private List<FakeDiscord.Call> answerMarks(String threadId, String messageId) {
        return discord.calls("PUT", "/channels/" + threadId + "/messages/" + messageId + "/reactions/"
                + Pattern.quote(URLEncoder.encode("📝", StandardCharsets.UTF_8)) + "/(@|%40)me");
    }

    @Test
    @DisplayName("an answer and a 👍 posted while stopped are recorded at start, once; starting again changes nothing")
    void answerAndVoteWhileStopped() throws Exception {
        String thread = askedThread();
        stopBot();

        String answer = discord.postWhileAway(discord.expert, thread, ANSWER).path("id").asText();
        discord.reactWhileAway(discord.stranger, answer, "👍");
        startBot();

        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(answerText(answer)).isEqualTo(ANSWER);
        assertThat(reputation(discord.expert)).isEqualTo(11);
        await().atMost(WAIT).until(() -> !answerMarks(thread, answer).isEmpty());
        assertThat(discord.calls("GET", "/channels/" + thread + "/messages")).isNotEmpty();

        stopBot();
        startBot();

        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(testCore.rows("vote")).isEqualTo(1);
        assertThat(reputation(discord.expert)).isEqualTo(11);
    }

    @Test
    @DisplayName("an answer and a 👍 seen live and again in history count once")
    void liveThenHistoryCountsOnce() throws Exception {
        String thread = askedThread();
        String answer = discord.userMessage(discord.expert, thread, ANSWER).path("id").asText();
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        discord.reactLive(discord.stranger, thread, answer, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == 11);
        stopBot();

        startBot();

        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(testCore.rows("vote")).isEqualTo(1);
        assertThat(reputation(discord.expert)).isEqualTo(11);
        assertThat(reputation(discord.stranger)).isEqualTo(1);
    }

    @Test
    @DisplayName("an answer edited and one deleted while stopped are reflected at start")
    void editAndDeleteWhileStopped() throws Exception {
        String thread = askedThread();
        String kept = discord.userMessage(discord.expert, thread, ANSWER).path("id").asText();
        String removed = discord.userMessage(discord.stranger, thread, "Use PgBouncer in front of the database.")
                .path("id").asText();
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 2);
        discord.reactLive(discord.asker, thread, removed, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.stranger) == 11);
        stopBot();

        discord.editWhileAway(kept, "Start with cores * 2 connections, then measure the pool's wait time.");
        discord.deleteWhileAway(removed);
        startBot();

        assertThat(answerText(kept)).isEqualTo("Start with cores * 2 connections, then measure the pool's wait time.");
        assertThat(answerText(removed)).isNull();
        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(reputation(discord.stranger)).isEqualTo(1);

        stopBot();
        startBot();
        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(reputation(discord.stranger)).isEqualTo(1);
    }

    @Test
    @DisplayName("a new session after a dropped connection (no resume) catches up too")
    void newSessionCatchesUp() throws Exception {
        String thread = askedThread();
        int identified = discord.identifyCount();

        var before = door.latestCatchUp();
        discord.dropConnection();
        String answer = discord.postWhileAway(discord.expert, thread, ANSWER).path("id").asText();
        discord.reactWhileAway(discord.stranger, answer, "👍");

        await().atMost(WAIT).until(() -> discord.identifyCount() > identified);
        await().atMost(WAIT).until(() -> door.latestCatchUp() != before && door.latestCatchUp().isDone());
        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(reputation(discord.expert)).isEqualTo(11);
    }

    @Test
    @DisplayName("only open questions of the last catch-up.days are read")
    void oldQuestionsAreNotRead() throws Exception {
        String thread = askedThread();
        stopBot();
        testCore.clock().advance(Duration.ofDays(15));
        discord.postWhileAway(discord.expert, thread, ANSWER);

        startBot();

        assertThat(testCore.rows("answer")).isZero();
        assertThat(discord.calls("GET", "/channels/" + thread + "/messages")).isEmpty();
    }

    @Test
    @DisplayName("a thread Discord archived while Bandura was stopped is found among the archived threads and read")
    void archivedThreadIsRead() throws Exception {
        String thread = askedThread();
        stopBot();

        String answer = discord.postWhileAway(discord.expert, thread, ANSWER).path("id").asText();
        discord.reactWhileAway(discord.stranger, answer, "👍");
        discord.archiveWhileAway(thread);
        startBot();

        assertThat(discord.calls("GET", "/channels/" + discord.textChannelId + "/threads/archived/public"))
                .isNotEmpty();
        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(reputation(discord.expert)).isEqualTo(11);
    }

    @Test
    @DisplayName("a forum post's answer and vote while stopped are recorded at start")
    void forumPost() throws Exception {
        stopBot();
        door = new DiscordFrontDoor(testCore.core(), DiscordSettings.of(FakeDiscord.TOKEN)
                .withRestUrl(discord.restUrl()).withDevGuildIds(List.of(discord.guildId))
                .withQaChannelId(discord.forumChannelId), Duration.ofSeconds(20));
        door.start();
        door.latestCatchUp().get(20, TimeUnit.SECONDS);
        String thread = askedThread();
        stopBot();

        String answer = discord.postWhileAway(discord.expert, thread, ANSWER).path("id").asText();
        discord.reactWhileAway(discord.stranger, answer, "👍");
        discord.reactWhileAway(discord.stranger, thread, "👍");
        startBot();

        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(reputation(discord.expert)).isEqualTo(11);
        assertThat(reputation(discord.asker)).isEqualTo(6);
    }
}
