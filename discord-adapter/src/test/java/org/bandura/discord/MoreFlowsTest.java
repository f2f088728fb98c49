package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Autocomplete, moderators, edits and rate limits, on the real core. */
@DisplayName("More Discord flows: autocomplete, moderators, edits, rate limits")
class MoreFlowsTest extends RealCoreTest {

    private String askWithExpert() {
        fixture.awaitCallback(discord.slashCommand(discord.expert, discord.textChannelId, "expert", "add",
                "tags", "java sql"));
        String ask = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a pool?", "tags", "java");
        fixture.awaitOriginalEdit(ask);
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        return discord.threadIds().get(0);
    }

    private ObjectNode answer(String threadId) {
        ObjectNode message = discord.userMessage(discord.expert, threadId, "cores * 2");
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        return message;
    }

    private static List<String> choices(FakeDiscord.Call callback) {
        List<String> values = new ArrayList<>();
        for (JsonNode choice : callback.body().path("data").path("choices")) {
            values.add(choice.path("value").asText());
        }
        return values;
    }

    @Test
    @DisplayName("the tags option autocompletes from the guild's known tags, keeping what was typed before")
    void tagAutocomplete() {
        fixture.awaitCallback(discord.slashCommand(discord.expert, discord.textChannelId, "expert", "add",
                "tags", "java sql javafx"));

        FakeDiscord.Call first = fixture.awaitCallback(discord.autocomplete(discord.asker, discord.textChannelId,
                "ask", null, "tags", "question", "pools?", "tags", "ja"));
        assertThat(first.body().path("type").asInt()).isEqualTo(8);
        assertThat(choices(first)).containsExactlyInAnyOrder("java", "javafx");

        FakeDiscord.Call second = fixture.awaitCallback(discord.autocomplete(discord.asker, discord.textChannelId,
                "ask", null, "tags", "tags", "sql, jav"));
        assertThat(choices(second)).containsExactlyInAnyOrder("sql java", "sql javafx");
    }

    @Test
    @DisplayName("a member with a moderator role named in the settings may accept with ✅")
    void moderatorAccepts() {
        String threadId = askWithExpert();
        String answerId = answer(threadId).path("id").asText();
        long start = testCore.reputation(guild, discord.expert.id());

        discord.reactionAdd(discord.moderator, threadId, answerId, "✅");

        await().atMost(WAIT).until(() -> testCore.reputation(guild, discord.expert.id()) == start + 15);
        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText().startsWith("✅"));
    }

    @Test
    @DisplayName("editing an answer message updates the answer; the asker's edits of others' answers do nothing")
    void editUpdatesAnswer() {
        String threadId = askWithExpert();
        ObjectNode message = answer(threadId);

        discord.editMessage(message, "cores * 2, then measure");

        await().atMost(WAIT).until(() -> testCore.database().inTransaction(sql ->
                sql.count("SELECT COUNT(*) FROM answer WHERE body = ?", "cores * 2, then measure")) == 1);
    }

    @Test
    @DisplayName("a 429 on the routing message is retried by JDA alone: one routing message, and /ask still confirms")
    void rateLimitedRoutingMessage() {
        fixture.awaitCallback(discord.slashCommand(discord.expert, discord.textChannelId, "expert", "add",
                "tags", "java"));
        discord.rateLimit("POST /channels/(?!" + discord.textChannelId + ")\\d+/messages", 1);

        String ask = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a pool?", "tags", "java");

        FakeDiscord.Call confirmation = fixture.awaitOriginalEdit(ask);
        assertThat(confirmation.body().path("content").asText()).contains("Q1");
        String threadId = discord.threadIds().get(0);
        assertThat(discord.messagesTo(threadId)).hasSize(2);
        assertThat(discord.messagesTo(threadId).get(1).body()).isEqualTo(discord.messagesTo(threadId).get(0).body());
        assertThat(discord.messagesTo(discord.textChannelId)).hasSize(1);
    }
}
