package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real JDA against the fake Discord, real core on H2: when Discord refuses the question's post, the asker reads the
 * real reason (the permission, the forum's tags) instead of a generic error; when it fails for a moment, it is
 * posted once. The tests that check the question's fate (removed, invisible until posted, order) run on H2 and on
 * PostgreSQL (127.0.0.1:5432; skipped without it unless {@code BANDURA_TEST_POSTGRES=required}).
 */
@DisplayName("A question Discord refuses: the asker is told why; a passing failure still posts it once")
class PostFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestCore testCore;
    private DiscordFixture fixture;
    private FakeDiscord discord;

    private void start(Backend backend, BiFunction<FakeDiscord, DiscordSettings, DiscordSettings> tweak)
            throws Exception {
        testCore = backend.open();
        fixture = DiscordFixture.startWith(testCore.core(), tweak);
        discord = fixture.discord;
    }

    private void startInTextChannel() throws Exception {
        startInTextChannel(Backend.H2);
    }

    private void startInTextChannel(Backend backend) throws Exception {
        start(backend, (fake, settings) -> settings);
    }

    private void startInForum() throws Exception {
        startInForum(Backend.H2);
    }

    private void startInForum(Backend backend) throws Exception {
        start(backend, (fake, settings) -> settings.withQaChannelId(fake.forumChannelId));
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

    private Actor member() {
        return new Actor(new WorkspaceRef(Platform.DISCORD, discord.guildId, "Fake Guild"), discord.stranger.id(),
                "carol", false);
    }

    /** What /search and /unanswered show a member, together. */
    private String visible(String query) {
        return DiscordText.render(testCore.run(member(), new Command.Search(query)).text()) + "\n"
                + DiscordText.render(testCore.run(member(), new Command.Unanswered(null)).text());
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("no Send Messages in the channel: the asker reads which permission is missing; the question is gone")
    void missingSendMessages(Backend backend) throws Exception {
        startInTextChannel(backend);
        discord.failWith("POST /channels/" + discord.textChannelId + "/messages", 1, 403, 50013,
                "Missing Permissions");

        String told = toldAsker(ask("How do I size a connection pool?", "java"));

        assertThat(told).contains("I couldn't post your question", "I can't send messages in #questions"
                + " (missing permission Send Messages)", "> How do I size a connection pool?");
        assertThat(discord.threadIds()).isEmpty();
        assertThat(visible("connection pool")).doesNotContain("Q1");
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("a 500 from Discord: the question waits unseen, is posted once when the outbox tries again")
    void serverErrorThenPosted(Backend backend) throws Exception {
        startInTextChannel(backend);
        discord.serverError("POST /channels/" + discord.textChannelId + "/messages", 1, 500);

        String interaction = ask("How do I size a connection pool?", "java");
        await().atMost(WAIT).until(() -> discord.failuresLeft() == 0);
        fixture.door.deliverJobPostsNow();
        assertThat(discord.originalEdits(interaction)).as("nothing told yet: it will be tried again").isEmpty();
        assertThat(visible("connection pool")).as("not visible before it is posted").doesNotContain("Q1");

        testCore.clock().advance(Duration.ofSeconds(2));
        fixture.door.deliverJobPostsNow();

        assertThat(toldAsker(interaction)).contains("Your question is **Q1**");
        assertThat(discord.messagesTo(discord.textChannelId)).hasSize(2);
        assertThat(discord.threadIds()).hasSize(1);
        assertThat(visible("connection pool")).contains("Q1");
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("order per channel: while the first question waits for a retry the second waits behind it")
    void orderKeptInChannel(Backend backend) throws Exception {
        startInTextChannel(backend);
        discord.serverError("POST /channels/" + discord.textChannelId + "/messages", 1, 500);

        String first = ask("First: how do I size a pool?", "java");
        await().atMost(WAIT).until(() -> discord.failuresLeft() == 0);
        String second = ask("Second: how do I tune a pool?", "java");
        fixture.awaitCallback(second);
        fixture.door.deliverJobPostsNow();
        assertThat(discord.messagesTo(discord.textChannelId)).as("the second waits behind the first").hasSize(1);

        testCore.clock().advance(Duration.ofSeconds(2));
        fixture.door.deliverJobPostsNow();

        assertThat(toldAsker(first)).contains("**Q1**");
        assertThat(toldAsker(second)).contains("**Q2**");
        List<String> posted = discord.messagesTo(discord.textChannelId).stream()
                .map(call -> call.body().path("content").asText()).toList();
        assertThat(posted).hasSize(3);
        assertThat(posted.get(1)).contains("First");
        assertThat(posted.get(2)).contains("Second");
    }

    @Test
    @DisplayName("a 429 on the post: JDA waits as Retry-After says and the question is posted once")
    void rateLimitedOnce() throws Exception {
        startInTextChannel();
        discord.rateLimit("POST /channels/" + discord.textChannelId + "/messages", 1);

        String told = toldAsker(ask("How do I size a connection pool?", "java"));

        assertThat(told).contains("Your question is **Q1**");
        assertThat(discord.messagesTo(discord.textChannelId)).hasSize(2);
        assertThat(discord.threadIds()).hasSize(1);
    }

    @Test
    @DisplayName("a 429 longer than a call's deadline: JDA gives the call up, the outbox tries again, posted once")
    void rateLimitLongerThanDeadline() throws Exception {
        testCore = Backend.H2.open();
        fixture = DiscordFixture.startWith(testCore.core(), (fake, settings) -> settings,
                door -> door.callDeadline(Duration.ofMillis(200)));
        discord = fixture.discord;
        discord.rateLimit("POST /channels/" + discord.textChannelId + "/messages", 1);

        String interaction = ask("How do I size a connection pool?", "java");
        await().atMost(WAIT).until(() -> testCore.database().inTransaction(sql -> sql.one(
                "SELECT last_error FROM outbox_message WHERE kind = 'QUESTION'", row -> row.getString(1)))
                .filter(error -> error.contains("did not answer in time")).isPresent());
        assertThat(discord.messagesTo(discord.textChannelId)).as("only the rate-limited try").hasSize(1);
        assertThat(visible("connection pool")).doesNotContain("Q1");

        testCore.clock().advance(Duration.ofSeconds(2));
        fixture.door.deliverJobPostsNow();

        assertThat(toldAsker(interaction)).contains("Your question is **Q1**");
        assertThat(discord.messagesTo(discord.textChannelId)).hasSize(2);
        assertThat(discord.threadIds()).hasSize(1);
    }

    @Test
    @DisplayName("order per thread: the ✅ rename waits until the accept notice, failed once, went out")
    void threadOperationsInOrder() throws Exception {
        startInTextChannel();
        toldAsker(ask("How do I size a connection pool?", "java"));
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        String threadId = discord.threadIds().get(0);
        fixture.awaitMessage(threadId, 1);
        String answerId = discord.userMessage(discord.expert, threadId, "Start with cores * 2 and measure.")
                .path("id").asText();
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        int before = discord.messagesTo(threadId).size();
        discord.serverError("POST /channels/" + threadId + "/messages", "was accepted by", 1, 500);

        discord.reactionAdd(discord.asker, threadId, answerId, "✅");
        await().atMost(WAIT).until(() -> discord.failuresLeft() == 0);
        fixture.door.deliverJobPostsNow();
        assertThat(discord.calls("PATCH", "/channels/" + threadId)).as("the rename waits behind the notice").isEmpty();

        testCore.clock().advance(Duration.ofSeconds(2));
        fixture.door.deliverJobPostsNow();

        await().atMost(WAIT).until(() -> !discord.calls("PATCH", "/channels/" + threadId).isEmpty());
        List<FakeDiscord.Call> thread = discord.calls(call -> call.path().equals("/channels/" + threadId)
                || call.path().equals("/channels/" + threadId + "/messages"));
        List<Integer> notices = java.util.stream.IntStream.range(0, thread.size())
                .filter(i -> thread.get(i).body() != null
                        && thread.get(i).body().path("content").asText().contains("was accepted by")).boxed().toList();
        int firstRename = java.util.stream.IntStream.range(0, thread.size())
                .filter(i -> thread.get(i).method().equals("PATCH")).findFirst().orElseThrow();
        assertThat(notices).as("the failed try, then the notice").hasSize(2);
        assertThat(firstRename).as("renamed only after the notice went out").isGreaterThan(notices.get(1));
        assertThat(discord.thread(threadId).path("name").asText()).startsWith("✅ Q1:");
    }

    @Test
    @DisplayName("the interaction expired before the post went out: the asker gets where it went by direct message")
    void expiredInteractionToldByDm() throws Exception {
        startInTextChannel();
        discord.failWith("PATCH /webhooks/.*/messages/(@|%40)original", 1, 404, 10015, "Unknown Webhook");

        ask("How do I size a connection pool?", "java");

        String dm = discord.directMessageChannel(discord.asker.id());
        FakeDiscord.Call told = fixture.awaitMessage(dm, 1);
        assertThat(told.body().path("content").asText()).contains("Your question is **Q1**");
        assertThat(told.body().path("allowed_mentions").path("parse")).isEmpty();
    }

    @Test
    @DisplayName("JDA knows the bot may not send in the channel: it refuses before any request, with the same reason")
    void missingSendMessagesKnownToJda() throws Exception {
        start(Backend.H2, (fake, settings) -> {
            fake.denyBotInTextChannel(net.dv8tion.jda.api.Permission.MESSAGE_SEND.getRawValue());
            return settings;
        });

        String told = toldAsker(ask("How do I size a connection pool?", "java"));

        assertThat(told).contains("I can't send messages in #questions (missing permission Send Messages)");
        assertThat(discord.messagesTo(discord.textChannelId)).as("refused by JDA, nothing sent").isEmpty();
        assertThat(visible("connection pool")).doesNotContain("Q1");
    }

    @Test
    @DisplayName("interaction expired and DMs closed: the asker is told in the question's thread, pinged alone")
    void expiredAndDmsClosedToldInThread() throws Exception {
        startInTextChannel();
        discord.failWith("PATCH /webhooks/.*/messages/(@|%40)original", 1, 404, 10015, "Unknown Webhook");
        discord.refuse("POST /channels/" + discord.directMessageChannel(discord.asker.id()) + "/messages", 1);

        ask("How do I size a connection pool?", "java");

        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        String threadId = discord.threadIds().get(0);
        await().atMost(WAIT).until(() -> discord.messagesTo(threadId).stream()
                .anyMatch(call -> call.body().path("content").asText().contains("Your question is **Q1**")));
        FakeDiscord.Call told = discord.messagesTo(threadId).stream()
                .filter(call -> call.body().path("content").asText().contains("Your question is **Q1**"))
                .findFirst().orElseThrow();
        assertThat(told.body().path("content").asText()).startsWith("<@" + discord.asker.id() + ">");
        assertThat(told.body().path("allowed_mentions").path("users").toString())
                .isEqualTo("[\"" + discord.asker.id() + "\"]");
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
        assertThat(visible("pool")).contains("Q1");
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

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("a forum that requires tags and none matches: the asker reads the forum's tags and how to ask again")
    void forumRequiringTagsNoneMatching(Backend backend) throws Exception {
        startInForum(backend);
        discord.requireForumTags();
        await().atMost(WAIT).until(() -> fixture.door.shardManager().getForumChannelById(discord.forumChannelId)
                .isTagRequired());

        String told = toldAsker(ask("How do I size a pool?", "kotlin"));

        assertThat(told).contains("This forum (#help-forum) needs one of its tags: java, sql")
                .contains("/ask tags:java").doesNotContain("Solved");
        assertThat(discord.calls("POST", "/channels/" + discord.forumChannelId + "/threads")).isEmpty();
        assertThat(visible("pool")).doesNotContain("Q1");
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
