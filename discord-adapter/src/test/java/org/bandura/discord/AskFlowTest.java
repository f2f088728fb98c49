package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bandura.core.command.Command;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.Reply;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** /ask as Discord sees it; the core is scripted here, the real one runs in the end-to-end tests. */
@DisplayName("/ask posts the question, pings only the routed experts and tells the asker where it went")
class AskFlowTest {

    private DiscordFixture fixture;
    private final ScriptedCore core = new ScriptedCore();

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void answerAsk(FakeDiscord discord) {
        core.answering((actor, command) -> {
            if (command instanceof Command.Ask ask) {
                Event.QuestionAsked asked = new Event.QuestionAsked(7, "How do I size a pool?", ask.text(), ask.tags(),
                        new MemberView(actor.userId(), actor.displayName()),
                        List.of(new MemberView(discord.expert.id(), "bob")),
                        List.of(new Event.SimilarQuestion(3, "Pool too small", true),
                                new Event.SimilarQuestion(4, "Pool @everyone", false),
                                new Event.SimilarQuestion(5, "Pools again", false),
                                new Event.SimilarQuestion(6, "Fourth similar", false)));
                return Reply.ok(org.bandura.core.reply.RichText.of("Asked Q7"), asked);
            }
            if (command instanceof Command.LinkQuestion) {
                return Reply.ok("linked");
            }
            return Reply.error("unexpected " + command);
        });
    }

    @Test
    @DisplayName("text channel: deferred within 3 s, message + public thread, one routing message naming only the expert")
    void askInTextChannel() throws Exception {
        fixture = DiscordFixture.start(core);
        FakeDiscord discord = fixture.discord;
        answerAsk(discord);

        long sent = System.nanoTime();
        String interaction = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a pool? @everyone @here <@&" + discord.moderatorRoleId + ">",
                "tags", "java sql");

        FakeDiscord.Call callback = fixture.awaitCallback(interaction);
        assertThat(TimeUnit.NANOSECONDS.toMillis(callback.receivedNanos() - sent)).isLessThan(3000);
        assertThat(callback.body().path("type").asInt()).isEqualTo(5);
        assertThat(callback.body().path("data").path("flags").asInt() & 64).isEqualTo(64);

        FakeDiscord.Call question = fixture.awaitMessage(discord.textChannelId, 1);
        assertThat(question.body().path("content").asText())
                .contains("Q7", "How do I size a pool? @everyone @here <@&" + discord.moderatorRoleId + ">")
                .doesNotContain("\u200B");
        assertNoPings(question.body());

        await().atMost(Duration.ofSeconds(10)).until(() -> !discord.threadIds().isEmpty());
        String threadId = discord.threadIds().get(0);
        String starterId = discord.calls("POST", "/channels/" + discord.textChannelId + "/messages/\\d+/threads")
                .get(0).path().split("/")[4];
        assertThat(discord.thread(threadId).path("name").asText()).startsWith("Q7: How do I size a pool?");

        FakeDiscord.Call routing = fixture.awaitMessage(threadId, 1);
        assertThat(routing.body().path("content").asText()).contains("<@" + discord.expert.id() + ">");
        JsonNode allowed = routing.body().path("allowed_mentions");
        assertThat(allowed.path("parse")).isEmpty();
        assertThat(allowed.path("users")).hasSize(1);
        assertThat(allowed.path("users").get(0).asText()).isEqualTo(discord.expert.id());
        assertThat(allowed.path("roles")).isEmpty();

        FakeDiscord.Call confirmation = fixture.awaitOriginalEdit(interaction);
        assertThat(confirmation.body().path("content").asText())
                .contains("Q7", "https://discord.com/channels/" + discord.guildId + "/" + discord.textChannelId + "/")
                .contains("Q3", "Q4", "Q5").doesNotContain("Q6");
        assertNoPings(confirmation.body());

        assertThat(core.commands(Command.Ask.class)).singleElement().satisfies(ask -> {
            assertThat(ask.text()).isEqualTo("How do I size a pool? @everyone @here <@&" + discord.moderatorRoleId
                    + ">");
            assertThat(ask.tags()).containsExactly("java", "sql");
            assertThat(ask.postTo().channelKey()).as("posted through the outbox").isEqualTo(discord.textChannelId);
            assertThat(ask.postTo().origin()).as("the interaction token, so any process can write the reply")
                    .contains("token-" + interaction);
        });
        assertThat(core.commands(Command.LinkQuestion.class))
                .containsExactly(new Command.LinkQuestion(7, discord.textChannelId, starterId, threadId));
        assertThat(core.received.get(0).eventKey()).isEqualTo(interaction);
        assertThat(discord.calls().stream().filter(call -> call.body() != null && call.body().has("allowed_mentions"))
                .map(call -> call.body().path("allowed_mentions").path("replied_user").asBoolean(false)))
                .containsOnly(false);
    }

    @Test
    @DisplayName("forum as Q&A channel: a forum post carrying the forum's tags that match the question's tags")
    void askInForum() throws Exception {
        fixture = DiscordFixture.startWith(core, (discord, settings) -> settings.withQaChannelId(discord.forumChannelId));
        FakeDiscord discord = fixture.discord;
        answerAsk(discord);

        String interaction = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a pool?", "tags", "Java, kotlin");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !discord.calls("POST", "/channels/" + discord.forumChannelId + "/threads").isEmpty());
        FakeDiscord.Call post = discord.calls("POST", "/channels/" + discord.forumChannelId + "/threads").get(0);
        assertThat(post.body().path("name").asText()).startsWith("Q7:");
        assertThat(post.body().path("applied_tags").get(0).asText()).isEqualTo(discord.javaTagId);
        assertThat(post.body().path("applied_tags")).hasSize(1);
        assertNoPings(post.body().path("message"));

        String threadId = discord.threadIds().get(0);
        FakeDiscord.Call routing = fixture.awaitMessage(threadId, 1);
        assertThat(routing.body().path("allowed_mentions").path("users").toString())
                .isEqualTo("[\"" + discord.expert.id() + "\"]");
        fixture.awaitOriginalEdit(interaction);
        assertThat(core.commands(Command.LinkQuestion.class))
                .containsExactly(new Command.LinkQuestion(7, discord.forumChannelId, threadId, threadId));
        assertThat(discord.messagesTo(discord.textChannelId)).as("nothing in the channel where /ask ran").isEmpty();
    }

    @Test
    @DisplayName("an error from the core ends as an ephemeral line, and nothing is posted")
    void coreError() throws Exception {
        fixture = DiscordFixture.start(core.answering((actor, command) ->
                Reply.error("A question needs some text, for example: /ask How do I …")));
        FakeDiscord discord = fixture.discord;

        String interaction = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", " ");

        FakeDiscord.Call edit = fixture.awaitOriginalEdit(interaction);
        assertThat(edit.body().path("content").asText()).startsWith("A question needs some text");
        assertThat(fixture.discord.callbacks(interaction).get(0).body().path("data").path("flags").asInt() & 64)
                .isEqualTo(64);
        assertThat(discord.messagesTo(discord.textChannelId)).isEmpty();
        assertThat(discord.threadIds()).isEmpty();
    }

    private static void assertNoPings(JsonNode message) {
        JsonNode allowed = message.path("allowed_mentions");
        assertThat(allowed.isMissingNode()).as("allowed_mentions is set on %s", message).isFalse();
        assertThat(allowed.path("parse")).isEmpty();
        assertThat(allowed.path("users")).isEmpty();
        assertThat(allowed.path("roles")).isEmpty();
    }
}
