package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real JDA ↔ fake Discord ↔ real core ↔ fresh H2: the whole path a Discord user takes. */
@DisplayName("End to end: ask, answer, vote and accept on Discord")
class EndToEndTest extends RealCoreTest {

    /** The expert follows #java, the asker asks; returns the question's thread id. */
    private String askWithExpert(String channelId, String question) {
        String follow = discord.slashCommand(discord.expert, channelId, "expert", "add", "tags", "java");
        fixture.awaitCallback(follow);
        String ask = discord.slashCommand(discord.asker, channelId, "ask", null, "question", question, "tags", "java");
        fixture.awaitOriginalEdit(ask);
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        return discord.threadIds().get(0);
    }

    private ObjectNode answer(String threadId, String text) {
        long before = testCore.rows("answer");
        ObjectNode message = discord.userMessage(discord.expert, threadId, text);
        await().atMost(WAIT).until(() -> testCore.rows("answer") == before + 1);
        return message;
    }

    @Test
    @DisplayName("/ask routes to the expert with a ping for them only; their thread reply becomes an answer")
    void askAndAnswer() {
        String threadId = askWithExpert(discord.textChannelId, "How do I size a HikariCP pool? @everyone");

        FakeDiscord.Call routing = fixture.awaitMessage(threadId, 1);
        assertThat(routing.body().path("content").asText()).contains("<@" + discord.expert.id() + ">");
        assertThat(routing.body().path("allowed_mentions").path("users")).hasSize(1);
        assertThat(routing.body().path("allowed_mentions").path("users").get(0).asText()).isEqualTo(discord.expert.id());
        assertThat(routing.body().path("allowed_mentions").path("parse")).isEmpty();
        FakeDiscord.Call question = discord.messagesTo(discord.textChannelId).get(0);
        assertThat(question.body().path("content").asText()).contains("How do I size a HikariCP pool? @everyone")
                .doesNotContain("\u200B");
        assertThat(question.body().path("allowed_mentions").path("parse")).isEmpty();
        assertThat(question.body().path("allowed_mentions").path("users")).isEmpty();

        answer(threadId, "Start with connections = cores * 2 and measure.");
        discord.userMessage(discord.asker, threadId, "Thanks, trying it now");

        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        assertThat(testCore.rows("question")).isEqualTo(1);
    }

    @Test
    @DisplayName("👍 on an answer gives its author +10; removing the 👍 takes it back; a re-vote counts again")
    void upvoteAndRetract() {
        String threadId = askWithExpert(discord.textChannelId, "How do I size a pool?");
        String answerId = answer(threadId, "cores * 2").path("id").asText();
        long start = reputation(discord.expert);

        discord.reactionAdd(discord.stranger, threadId, answerId, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);

        discord.reactionRemove(discord.stranger, threadId, answerId, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start);

        discord.reactionAdd(discord.stranger, threadId, answerId, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);
    }

    @Test
    @DisplayName("the same reaction event delivered twice (a resume replay) counts once")
    void replayedReactionCountsOnce() {
        String threadId = askWithExpert(discord.textChannelId, "How do I size a pool?");
        String answerId = answer(threadId, "cores * 2").path("id").asText();
        long start = reputation(discord.expert);

        ObjectNode upvote = discord.reactionAdd(discord.stranger, threadId, answerId, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);
        discord.reactionRemove(discord.stranger, threadId, answerId, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start);

        discord.replay(upvote);
        discord.reactionAdd(discord.moderator, threadId, answerId, "👍");

        // The moderator's vote is handled after the replay on the same event thread: once it shows, the replay has
        // been handled too, and it added nothing.
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);
    }

    @Test
    @DisplayName("✅ from a stranger is ignored; ✅ from the asker accepts, confirms in the thread and renames it")
    void acceptByReaction() {
        String threadId = askWithExpert(discord.textChannelId, "How do I size a pool?");
        String answerId = answer(threadId, "cores * 2").path("id").asText();
        long start = reputation(discord.expert);
        // The answer earned the expert's First Answer badge; its notice goes out through the outbox, so wait for it
        // before counting what the thread already holds (under load it can arrive after the count).
        await().atMost(WAIT).until(() -> discord.messagesTo(threadId).stream()
                .anyMatch(call -> call.body().path("content").asText().contains("earned the badge First Answer")));
        int before = discord.messagesTo(threadId).size();

        discord.reactionAdd(discord.stranger, threadId, answerId, "✅");
        discord.reactionAdd(discord.stranger, threadId, answerId, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);
        assertThat(discord.messagesTo(threadId)).hasSize(before);
        assertThat(discord.calls("PATCH", "/channels/" + threadId)).isEmpty();

        discord.reactionAdd(discord.asker, threadId, answerId, "✅");

        // The accept's notice; the badge notice the accept earned may come first (both through the outbox).
        await().atMost(WAIT).until(() -> discord.messagesTo(threadId).stream().skip(before)
                .anyMatch(call -> call.body().path("content").asText().contains("was accepted by")));
        FakeDiscord.Call confirmation = discord.messagesTo(threadId).stream().skip(before)
                .filter(call -> call.body().path("content").asText().contains("was accepted by")).findFirst()
                .orElseThrow();
        assertThat(confirmation.body().path("content").asText())
                .contains("accepted", "<@" + discord.expert.id() + ">", "<@" + discord.asker.id() + ">");
        assertThat(confirmation.body().path("allowed_mentions").path("users").toString())
                .as("exactly the answerer, who just earned +15, is notified").isEqualTo("[\"" + discord.expert.id() + "\"]");
        assertThat(confirmation.body().path("allowed_mentions").path("parse")).isEmpty();
        await().atMost(WAIT).until(() -> !discord.calls("PATCH", "/channels/" + threadId).isEmpty());
        assertThat(discord.thread(threadId).path("name").asText()).startsWith("✅ Q1:");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10 + 15);
    }

    @Test
    @DisplayName("taking the asker's ✅ back un-accepts: the ✅ prefix goes and the reputation is reversed")
    void unacceptByReaction() {
        String threadId = askWithExpert(discord.textChannelId, "How do I size a pool?");
        String answerId = answer(threadId, "cores * 2").path("id").asText();
        long start = reputation(discord.expert);
        discord.reactionAdd(discord.asker, threadId, answerId, "✅");
        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText().startsWith("✅ Q1:"));
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 15);

        discord.reactionRemove(discord.asker, threadId, answerId, "✅");

        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText().startsWith("Q1:"));
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start);
    }

    @Test
    @DisplayName("forum: \"Accept answer\" from the context menu applies the Solved tag and renames the post")
    void acceptFromContextMenuInForum() throws Exception {
        fixture.close();
        fixture = DiscordFixture.startWith(testCore.core(),
                (fake, settings) -> settings.withQaChannelId(fake.forumChannelId));
        discord = fixture.discord;
        guild = new WorkspaceRef(Platform.DISCORD, discord.guildId, "Fake Guild");
        String threadId = askWithExpert(discord.textChannelId, "How do I size a pool?");
        assertThat(discord.thread(threadId).path("applied_tags").get(0).asText()).isEqualTo(discord.javaTagId);
        ObjectNode answer = answer(threadId, "cores * 2");
        long start = reputation(discord.expert);

        String stranger = discord.messageCommand(discord.stranger, threadId, "Accept answer", answer);
        FakeDiscord.Call refusal = fixture.awaitCallback(stranger);
        assertThat(refusal.body().path("data").path("content").asText()).contains("Only the person who asked");
        assertThat(refusal.body().path("data").path("flags").asInt() & 64).isEqualTo(64);

        String accept = discord.messageCommand(discord.asker, threadId, "Accept answer", answer);
        FakeDiscord.Call done = fixture.awaitCallback(accept);
        assertThat(done.body().path("data").path("flags").asInt() & 64).isEqualTo(64);

        await().atMost(WAIT).until(() -> !discord.calls("PATCH", "/channels/" + threadId).isEmpty());
        FakeDiscord.Call patch = discord.calls("PATCH", "/channels/" + threadId).get(0);
        assertThat(patch.body().path("name").asText()).startsWith("✅ Q1:");
        assertThat(patch.body().path("applied_tags").toString())
                .contains(discord.javaTagId).contains(discord.solvedTagId);
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 15);
    }

    @Test
    @DisplayName("deleting an upvoted answer removes it and reverses its reputation")
    void deleteReverses() {
        String threadId = askWithExpert(discord.textChannelId, "How do I size a pool?");
        String answerId = answer(threadId, "cores * 2").path("id").asText();
        long start = reputation(discord.expert);
        discord.reactionAdd(discord.stranger, threadId, answerId, "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);

        discord.deleteMessage(threadId, answerId);

        await().atMost(WAIT).until(() -> testCore.rows("answer") == 0);
        assertThat(reputation(discord.expert)).isEqualTo(start);
    }

    @Test
    @DisplayName("bad input gets an ephemeral, polite error and no stack trace")
    void badInput() {
        String emptySearch = discord.slashCommand(discord.asker, discord.textChannelId, "search", null, "query", " ");
        FakeDiscord.Call reply = fixture.awaitCallback(emptySearch);
        assertThat(reply.body().path("type").asInt()).isEqualTo(4);
        assertThat(reply.body().path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(reply.body().path("data").path("content").asText()).contains("/search").doesNotContain("Exception");

        String emptyAsk = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null, "question", " ");
        FakeDiscord.Call edit = fixture.awaitOriginalEdit(emptyAsk);
        assertThat(fixture.discord.callbacks(emptyAsk).get(0).body().path("data").path("flags").asInt() & 64)
                .isEqualTo(64);
        assertThat(edit.body().path("content").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
        assertThat(discord.threadIds()).isEmpty();
    }
}
