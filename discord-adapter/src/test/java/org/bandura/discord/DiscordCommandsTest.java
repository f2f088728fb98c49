package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bandura.core.command.CommandCatalog;
import org.bandura.core.model.Platform;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Discord registers every command that makes sense there, and /help lists exactly those. */
@DisplayName("Discord commands: registered, autocompleted from the thread, and listed by /help")
class DiscordCommandsTest extends RealCoreTest {

    private String questionWithAnswer() {
        fixture.awaitOriginalEdit(discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a pool?", "tags", "java"));
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        String threadId = discord.threadIds().get(0);
        discord.userMessage(discord.expert, threadId, "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        return threadId;
    }

    private JsonNode registered() {
        return discord.calls("PUT", "/applications/" + discord.applicationId + "/guilds/" + discord.guildId
                + "/commands").get(0).body();
    }

    @Test
    @DisplayName("the registered slash commands are exactly the catalog's Discord commands; /alias is for moderators")
    void registersTheCatalog() {
        List<String> slash = new ArrayList<>();
        for (JsonNode command : registered()) {
            if (command.path("type").asInt(1) == 1) {
                slash.add(command.path("name").asText());
            }
        }

        assertThat(slash).containsExactlyInAnyOrderElementsOf(
                CommandCatalog.on(Platform.DISCORD).stream().map(CommandCatalog.Entry::name).toList());
        assertThat(slash).contains("accept", "unaccept", "upvote", "downvote", "unvote", "alias", "privacy")
                .doesNotContain("answer");
        for (JsonNode command : registered()) {
            if (command.path("name").asText().equals("alias")) {
                long manageServer = net.dv8tion.jda.api.Permission.MANAGE_SERVER.getRawValue();
                assertThat(command.path("default_member_permissions").asText()).isEqualTo(Long.toString(manageServer));
            }
        }
    }

    @Test
    @DisplayName("/help on Discord lists only commands Discord has")
    void helpListsDiscordCommands() {
        String help = fixture.awaitCallback(discord.slashCommand(discord.asker, discord.textChannelId, "help", null))
                .body().path("data").path("content").asText();

        assertThat(help).contains("/accept", "/upvote", "/privacy").doesNotContain("/answer ");
    }

    @Test
    @DisplayName("the answer option autocompletes the thread's answers; /accept with it accepts and marks the thread")
    void acceptWithAutocompletedAnswer() {
        String threadId = questionWithAnswer();
        long start = reputation(discord.expert);

        FakeDiscord.Call choices = fixture.awaitCallback(discord.autocomplete(discord.asker, threadId, "accept", null,
                "answer", "answer", ""));
        JsonNode offered = choices.body().path("data").path("choices");
        assertThat(offered).hasSize(1);
        assertThat(offered.get(0).path("value").asText()).isEqualTo("A1");
        assertThat(offered.get(0).path("name").asText()).isEqualTo("A1 by bob: Start with cores * 2 and measure.");

        FakeDiscord.Call postChoices = fixture.awaitCallback(discord.autocomplete(discord.stranger, threadId, "upvote",
                null, "post", "post", ""));
        assertThat(postChoices.body().path("data").path("choices").findValuesAsText("value"))
                .containsExactly("Q1", "A1");

        FakeDiscord.Call accepted = fixture.awaitCallback(discord.slashCommand(discord.asker, threadId, "accept",
                null, "answer", "A1"));

        assertThat(accepted.body().path("data").path("content").asText()).contains("A1", "accepted answer to Q1");
        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText().startsWith("✅ Q1:"));
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 15);
    }

    @Test
    @DisplayName("/upvote and /privacy work as slash commands")
    void upvoteAndPrivacy() {
        String threadId = questionWithAnswer();
        long start = reputation(discord.expert);

        fixture.awaitCallback(discord.slashCommand(discord.stranger, threadId, "upvote", null, "post", "A1"));
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);

        String privacy = fixture.awaitCallback(discord.slashCommand(discord.expert, threadId, "privacy", null,
                "setting", "announcements off")).body().path("data").path("content").asText();
        assertThat(privacy).contains("announcements off");
    }
}
