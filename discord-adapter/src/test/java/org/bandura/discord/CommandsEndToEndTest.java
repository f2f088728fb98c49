package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ch.qos.logback.classic.Level;

/** Every slash command against the real core, plus votes on questions and moderators by permission. */
@DisplayName("Slash commands and votes on the real core")
class CommandsEndToEndTest extends RealCoreTest {

    private String reply(FakeDiscord.User user, String name, String subcommand, String... options) {
        String id = discord.slashCommand(user, discord.textChannelId, name, subcommand, options);
        FakeDiscord.Call callback = fixture.awaitCallback(id);
        assertThat(callback.body().path("type").asInt()).isEqualTo(4);
        assertThat(callback.body().path("data").path("allowed_mentions").path("parse")).isEmpty();
        assertThat(callback.body().path("data").path("allowed_mentions").path("users")).isEmpty();
        return callback.body().path("data").path("content").asText();
    }

    private record Asked(String threadId, String answerId) {
    }

    private Asked askAndAnswer() {
        reply(discord.expert, "expert", "add", "tags", "java");
        String ask = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a HikariCP pool?", "tags", "java");
        fixture.awaitOriginalEdit(ask);
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        String threadId = discord.threadIds().get(0);
        String answerId = discord.userMessage(discord.expert, threadId, "Start with cores * 2 and measure the pool.")
                .path("id").asText();
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        return new Asked(threadId, answerId);
    }

    @Test
    @DisplayName("/expert, /tags, /top, /profile, /search, /unanswered and /help all answer from the core")
    void everyCommandAnswers() {
        assertThat(reply(discord.expert, "expert", "add", "tags", "java sql")).contains("java");
        assertThat(reply(discord.expert, "expert", "list", "tag", "java")).isNotBlank();
        askAndAnswer();

        assertThat(reply(discord.stranger, "tags", null)).contains("java");
        assertThat(reply(discord.stranger, "top", null, "period", "week")).isNotBlank();
        assertThat(reply(discord.stranger, "profile", null, "user", discord.expert.id())).isNotBlank();
        assertThat(reply(discord.stranger, "profile", null)).isNotBlank();
        assertThat(reply(discord.stranger, "search", null, "query", "HikariCP pool")).contains("Q1");
        assertThat(reply(discord.stranger, "unanswered", null)).isNotBlank();
        assertThat(reply(discord.stranger, "help", null)).contains("/ask");
        assertThat(reply(discord.expert, "expert", "remove", "tags", "sql")).isNotBlank();
    }

    @Test
    @DisplayName("/web replies privately with a one-time sign-in link; /web action:logout signs out")
    void webSignIn() {
        assertThat(reply(discord.asker, "web", null)).contains("isn't running");
        testCore.service().enableWebSignIn("http://kb.test");

        String id = discord.slashCommand(discord.asker, discord.textChannelId, "web", null);
        FakeDiscord.Call callback = fixture.awaitCallback(id);
        assertThat(callback.body().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(callback.body().path("data").path("content").asText()).contains("http://kb.test/login/")
                .contains("works once");
        assertThat(reply(discord.asker, "web", null, "action", "logout")).contains("weren't signed in");
    }

    @Test
    @DisplayName("👍 on the question's starter message gives the asker +5; 👎 on an answer costs its author 2")
    void votesOnQuestionAndDownvotes() {
        Asked asked = askAndAnswer();
        long asker = testCore.reputation(guild, discord.asker.id());
        long expert = testCore.reputation(guild, discord.expert.id());

        discord.reactionAdd(discord.stranger, discord.textChannelId, asked.threadId(), "👍");
        discord.reactionAdd(discord.stranger, asked.threadId(), asked.answerId(), "👎");

        await().atMost(WAIT).until(() -> testCore.reputation(guild, discord.asker.id()) == asker + 5);
        await().atMost(WAIT).until(() -> testCore.reputation(guild, discord.expert.id()) == Math.max(1, expert - 2));
    }

    @Test
    @DisplayName("Manage Server makes a moderator without any configured role: their ✅ accepts")
    void manageServerAccepts() {
        Asked asked = askAndAnswer();
        long expert = testCore.reputation(guild, discord.expert.id());

        discord.reactionAdd(discord.admin, asked.threadId(), asked.answerId(), "✅");

        await().atMost(WAIT).until(() -> testCore.reputation(guild, discord.expert.id()) == expert + 15);
    }

    private String askOnce() {
        String ask = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a pool?", "tags", "java");
        fixture.awaitOriginalEdit(ask);
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        return ask;
    }

    @Test
    @DisplayName("a replayed /ask interaction (same id) posts nothing twice and logs one WARN line, no ERROR")
    void replayedInteraction() {
        String ask = askOnce();

        try (LogCapture logs = LogCapture.start()) {
            discord.replay(discord.interactionFrame(ask));

            await().atMost(WAIT).until(() -> discord.callbacks(ask).size() == 2);
            await().atMost(WAIT).until(() -> logs.lines(Level.WARN).size() == 1);
            assertThat(logs.lines(Level.WARN).get(0)).contains(ask, "already acknowledged");
            assertThat(logs.lines(Level.ERROR)).isEmpty();
            assertThat(logs.withTrace()).isEmpty();
        }
        assertThat(discord.originalEdits(ask)).hasSize(1);
        assertThat(discord.originalEdits(ask).get(0).body().path("content").asText()).contains("Q1");
        assertThat(discord.threadIds()).hasSize(1);
        assertThat(discord.messagesTo(discord.textChannelId)).hasSize(1);
        assertThat(testCore.rows("question")).isEqualTo(1);
    }

    @Test
    @DisplayName("a replayed /upvote interaction counts once and logs one WARN line, no ERROR")
    void replayedVote() {
        askOnce();
        String upvote = discord.slashCommand(discord.stranger, discord.textChannelId, "upvote", null, "post", "Q1");
        fixture.awaitCallback(upvote);
        long asker = testCore.reputation(guild, discord.asker.id());

        try (LogCapture logs = LogCapture.start()) {
            discord.replay(discord.interactionFrame(upvote));

            await().atMost(WAIT).until(() -> logs.lines(Level.WARN).size() == 1);
            assertThat(logs.lines(Level.ERROR)).isEmpty();
            assertThat(logs.withTrace()).isEmpty();
        }
        assertThat(testCore.reputation(guild, discord.asker.id())).isEqualTo(asker);
    }
}
