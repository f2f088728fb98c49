package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BiFunction;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real JDA against the fake Discord, real core on H2: when Discord refuses the question's post, the asker reads the
 * real reason (the permission, the forum's tags) instead of a generic error; when it fails for a moment, it is
 * posted once.
 */
@DisplayName("A question Discord refuses: the asker is told why; a passing failure still posts it once")
class PostFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestCore testCore;
    private DiscordFixture fixture;
    private FakeDiscord discord;

    private void start(BiFunction<FakeDiscord, DiscordSettings, DiscordSettings> tweak) throws Exception {
        testCore = TestCore.onH2();
        fixture = DiscordFixture.startWith(testCore.core(), tweak);
        discord = fixture.discord;
    }

    private void startInTextChannel() throws Exception {
        start((fake, settings) -> settings);
    }

    private void startInForum() throws Exception {
        start((fake, settings) -> settings.withQaChannelId(fake.forumChannelId));
    }

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (testCore != null) {
            testCore.close();
        }
    }

    private String ask(String text, String tags) {
        return discord.slashCommand(discord.asker, discord.textChannelId, "ask", null, "question", text, "tags", tags);
    }

    private String toldAsker(String interaction) {
        return fixture.awaitOriginalEdit(interaction).body().path("content").asText();
    }

    @Test
    @DisplayName("no Send Messages in the channel: the asker reads which permission is missing; nothing is posted")
    void missingSendMessages() throws Exception {
        startInTextChannel();
        discord.failWith("POST /channels/" + discord.textChannelId + "/messages", 1, 403, 50013,
                "Missing Permissions");

        String told = toldAsker(ask("How do I size a pool?", "java"));

        assertThat(told).contains("I can't send messages in #questions (missing permission Send Messages)");
        assertThat(discord.threadIds()).isEmpty();
    }

    @Test
    @DisplayName("no access to the channel (50001): the asker reads that I can't see it")
    void missingAccess() throws Exception {
        startInTextChannel();
        discord.failWith("POST /channels/" + discord.textChannelId + "/messages", 1, 403, 50001, "Missing Access");

        String told = toldAsker(ask("How do I size a pool?", "java"));

        assertThat(told).contains("#questions", "no access", "View Channel");
    }

    @Test
    @DisplayName("the message went out but the thread was refused: the message is taken back, the asker told why")
    void threadRefused() throws Exception {
        startInTextChannel();
        discord.failWith("POST /channels/" + discord.textChannelId + "/messages/\\d+/threads", 1, 403, 50013,
                "Missing Permissions");

        String told = toldAsker(ask("How do I size a pool?", "java"));

        assertThat(told).contains("I can't create threads in #questions (missing permission Create Public Threads)");
        String messageId = discord.messagesTo(discord.textChannelId).get(0).path();
        await().atMost(WAIT).until(() -> !discord.calls("DELETE", "/channels/" + discord.textChannelId
                + "/messages/\\d+").isEmpty());
        assertThat(messageId).isNotBlank();
    }

    @Test
    @DisplayName("a 502 once: JDA tries again by itself and the question is posted once")
    void badGatewayOnce() throws Exception {
        startInTextChannel();
        discord.serverError("POST /channels/" + discord.textChannelId + "/messages", 1, 502);

        String told = toldAsker(ask("How do I size a pool?", "java"));

        assertThat(told).contains("Your question is **Q1**");
        assertThat(discord.failuresLeft()).isZero();
        assertThat(discord.calls("POST", "/channels/" + discord.textChannelId + "/messages")).hasSize(2);
        assertThat(discord.threadIds()).hasSize(1);
    }

    @Test
    @DisplayName("a forum that requires tags: the forum tag matching the question's tag is applied")
    void forumRequiringTagsMatching() throws Exception {
        startInForum();
        discord.requireForumTags();
        await().atMost(WAIT).until(() -> fixture.door.shardManager().getForumChannelById(discord.forumChannelId)
                .isTagRequired());

        String told = toldAsker(ask("How do I size a pool?", "kotlin java"));

        assertThat(told).contains("Your question is **Q1**");
        FakeDiscord.Call post = discord.calls("POST", "/channels/" + discord.forumChannelId + "/threads").get(0);
        assertThat(post.body().path("applied_tags")).hasSize(1);
        assertThat(post.body().path("applied_tags").get(0).asText()).isEqualTo(discord.javaTagId);
    }

    @Test
    @DisplayName("a forum that requires tags and none matches: the asker reads the forum's tags and how to ask again")
    void forumRequiringTagsNoneMatching() throws Exception {
        startInForum();
        discord.requireForumTags();
        await().atMost(WAIT).until(() -> fixture.door.shardManager().getForumChannelById(discord.forumChannelId)
                .isTagRequired());

        String told = toldAsker(ask("How do I size a pool?", "kotlin"));

        assertThat(told).contains("This forum (#help-forum) needs one of its tags: java, sql")
                .contains("/ask tags:java").doesNotContain("Solved");
        assertThat(discord.calls("POST", "/channels/" + discord.forumChannelId + "/threads")).isEmpty();
    }

    @Test
    @DisplayName("Discord says a tag is required though the cache did not know (40067): the asker is told")
    void forumSaysTagRequired() throws Exception {
        startInForum();
        discord.failWith("POST /channels/" + discord.forumChannelId + "/threads", 1, 400, 40067,
                "A tag is required to create a forum post in this channel");

        String told = toldAsker(ask("How do I size a pool?", "kotlin"));

        assertThat(told).contains("#help-forum needs a tag on every post");
    }
}
