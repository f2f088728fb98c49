package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The buttons on Discord, end to end: the real JDA client against the fake Discord, a real core on H2, the jobs
 * run as the test moves the clock. Presses are interactions of type 3 as Discord sends them, in a thread (with a
 * member) or in a DM (with only the user).
 */
class DiscordButtonsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HELPERS_ROLE = FakeDiscord.snowflake();

    private TestCore testCore;
    private DiscordFixture fixture;
    private FakeDiscord discord;
    private JobRunner jobs;
    private WorkspaceRef guild;

    @BeforeEach
    void start() throws Exception {
        testCore = TestCore.onH2(new CoreSettings(4000, 1, 200, 100, 5).withCommunity(TestCore.OPEN_COMMUNITY));
        fixture = DiscordFixture.start(testCore.core());
        discord = fixture.discord;
        fixture.door.deliverJobPosts(new DatabaseOutbox(testCore.database(), testCore.clock()), discord.textChannelId,
                HELPERS_ROLE, Duration.ofHours(1)); // the test delivers by hand
        jobs = new JobRunner(testCore.database(), testCore.clock(), "discord-test", testCore.service().jobHandlers());
        guild = new WorkspaceRef(Platform.DISCORD, discord.guildId, "Fake Guild");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        testCore.close();
    }

    /** Moves the clock, runs due jobs, delivers the outbox; returns what the bot newly posted in the channel. */
    private List<ObjectNode> after(Duration duration, String channelId) {
        int before = discord.botMessagesIn(channelId).size();
        testCore.clock().advance(duration);
        jobs.runDue();
        fixture.door.deliverJobPostsNow();
        return discord.botMessagesIn(channelId).stream().skip(before).toList();
    }

    /** bob (expert) is mentioned when alice asks; carol (stranger) is the next expert for the ladder. */
    private String askWithTwoExperts() {
        fixture.awaitCallback(discord.slashCommand(discord.expert, discord.textChannelId, "expert", "add",
                "tags", "java"));
        fixture.awaitCallback(discord.slashCommand(discord.stranger, discord.textChannelId, "expert", "add",
                "tags", "java"));
        fixture.awaitOriginalEdit(discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "Why does my pool leak connections?", "tags", "java"));
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1
                && !discord.botMessagesIn(discord.threadIds().get(0)).isEmpty());
        return discord.threadIds().get(0);
    }

    private ObjectNode mentionMessage(String threadId) {
        return discord.botMessagesIn(threadId).stream()
                .filter(message -> message.path("content").asText().contains("Can you help?"))
                .findFirst().orElseThrow();
    }

    private JsonNode ephemeralAnswer(String interactionId) {
        JsonNode callback = fixture.awaitCallback(interactionId).body();
        assertThat(callback.path("type").asInt()).as("deferred reply").isEqualTo(5);
        assertThat(callback.path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        return fixture.awaitOriginalEdit(interactionId).body();
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private long answers() {
        return testCore.rows("answer");
    }

    private ObjectNode answer(FakeDiscord.User author, String threadId, String text) {
        long before = answers();
        ObjectNode message = discord.userMessage(author, threadId, text);
        await().atMost(WAIT).until(() -> answers() == before + 1);
        return message;
    }

    /** Posts what is in the outbox until the DM channel has {@code count} messages; returns the last. */
    private ObjectNode awaitDm(String dmChannel, int count) {
        await().atMost(WAIT).until(() -> {
            fixture.door.deliverJobPostsNow();
            return discord.botMessagesIn(dmChannel).size() >= count;
        });
        return discord.botMessagesIn(dmChannel).get(count - 1);
    }

    @Test
    @DisplayName("the experts' mention and the 30-min step carry \"I'm on it\"; the ladder then runs at 30 min, 4 h "
            + "and 24 h")
    void buttonsOnTheLadder() {
        String threadId = askWithTwoExperts();
        ObjectNode mention = mentionMessage(threadId);
        assertThat(FakeDiscord.buttonIds(mention)).containsExactly("bandura:/claim Q1");
        assertThat(mention.path("components").get(0).path("components").get(0).path("style").asInt())
                .as("primary").isEqualTo(1);
        assertThat(mention.path("components").get(0).path("components").get(0).path("label").asText())
                .isEqualTo("I'm on it");

        assertThat(after(Duration.ofMinutes(29), threadId)).isEmpty();
        List<ObjectNode> first = after(Duration.ofMinutes(1), threadId);
        assertThat(first).singleElement().satisfies(step -> {
            assertThat(step.path("content").asText()).contains("Q1 still has no answer after 30 min")
                    .contains("<@" + discord.stranger.id() + ">");
            assertThat(FakeDiscord.buttonIds(step)).containsExactly("bandura:/claim Q1");
        });
        List<ObjectNode> second = after(Duration.ofMinutes(210), discord.textChannelId);
        assertThat(second).singleElement().satisfies(post -> {
            assertThat(post.path("content").asText()).startsWith("<@&" + HELPERS_ROLE + "> Q1 has been waiting 4 h");
            assertThat(FakeDiscord.buttonIds(post)).isEmpty();
        });
        String askerDm = discord.directMessageChannel(discord.asker.id());
        assertThat(after(Duration.ofMinutes(1199), askerDm)).isEmpty();
        assertThat(after(Duration.ofMinutes(1), askerDm)).singleElement()
                .satisfies(dm -> assertThat(dm.path("content").asText()).startsWith("Nobody has answered your Q1"));
    }

    @Test
    @DisplayName("pressing \"I'm on it\" claims Q1 for the presser: private confirmation, a notice in the thread that "
            + "pings nobody, and no escalation while the claim holds; the asker's own press is refused privately")
    void claimHolds() {
        String threadId = askWithTwoExperts();
        ObjectNode mention = mentionMessage(threadId);
        int threadBefore = discord.botMessagesIn(threadId).size();

        JsonNode own = ephemeralAnswer(discord.buttonPress(discord.asker, mention, "bandura:/claim Q1"));
        assertThat(own.path("content").asText()).isEqualTo("Q1 is your own question, so there is nothing to claim.");
        assertThat(discord.botMessagesIn(threadId)).hasSize(threadBefore);

        JsonNode confirmation = ephemeralAnswer(discord.buttonPress(discord.expert, mention, "bandura:/claim Q1"));
        assertThat(confirmation.path("content").asText()).startsWith("bob is on Q1");
        await().atMost(WAIT).until(() -> discord.botMessagesIn(threadId).size() == threadBefore + 1);
        JsonNode notice = discord.messagesTo(threadId).get(discord.messagesTo(threadId).size() - 1).body();
        assertThat(notice.path("content").asText()).startsWith("bob is on Q1: reminders to other experts wait until");
        assertThat(notice.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(notice.path("allowed_mentions").path("users")).isEmpty();
        assertThat(notice.path("allowed_mentions").path("roles")).isEmpty();

        assertThat(after(Duration.ofMinutes(30), threadId)).as("held at 30 min").isEmpty();
        assertThat(after(Duration.ofMinutes(89), threadId)).as("held until the claim runs out").isEmpty();
        assertThat(after(Duration.ofMinutes(2), threadId)).as("released after 2 h without an answer").singleElement()
                .satisfies(step -> assertThat(step.path("content").asText()).contains("Q1 still has no answer"));
    }

    @Test
    @DisplayName("a thank-you replying to A1 (not the latest answer) DMs the asker about A1 with Accept / Not yet; "
            + "a non-asker's press is refused privately; the asker's Accept credits exactly +15/+2, is shown in the "
            + "thread as /accept shows it, and the prompt loses its buttons")
    void thankYouReplyAndAccept() {
        String threadId = askWithTwoExperts();
        ObjectNode first = answer(discord.expert, threadId, "Close the connection in a finally block.");
        answer(discord.stranger, threadId, "Raising the pool size helps too.");
        long bobBefore = testCore.reputation(guild, discord.expert.id());
        long aliceBefore = testCore.reputation(guild, discord.asker.id());
        long carolBefore = testCore.reputation(guild, discord.stranger.id());

        discord.userReply(discord.asker, threadId, "Thanks, that worked!", first);
        String askerDm = discord.directMessageChannel(discord.asker.id());
        ObjectNode prompt = awaitDm(askerDm, 1);
        assertThat(prompt.path("content").asText()).startsWith("Did A1 by bob solve Q1?");
        String accept = "bandura:" + discord.guildId + ":/accept A1";
        assertThat(FakeDiscord.buttonIds(prompt)).containsExactly(accept, "bandura:" + discord.guildId + ":/notyet A1");
        JsonNode sent = discord.messagesTo(askerDm).get(0).body();
        assertThat(sent.path("allowed_mentions").path("parse")).isEmpty();

        JsonNode refused = ephemeralAnswer(discord.buttonPress(discord.stranger, mentionMessage(threadId),
                "bandura:/accept A1"));
        assertThat(refused.path("content").asText()).startsWith("Only the person who asked Q1");
        assertThat(testCore.reputation(guild, discord.expert.id())).isEqualTo(bobBefore);

        int threadBefore = discord.botMessagesIn(threadId).size();
        JsonNode accepted = ephemeralAnswer(discord.buttonPressInDm(discord.asker, prompt, accept));
        assertThat(accepted.path("content").asText()).contains("A1");
        assertThat(testCore.reputation(guild, discord.expert.id())).isEqualTo(bobBefore + 15);
        assertThat(testCore.reputation(guild, discord.asker.id())).isEqualTo(aliceBefore + 2);
        assertThat(testCore.reputation(guild, discord.stranger.id())).isEqualTo(carolBefore);

        // The accept's notice (the badge notice it earned goes to the thread too, through the same outbox).
        await().atMost(WAIT).until(() -> discord.botMessagesIn(threadId).stream().skip(threadBefore)
                .anyMatch(message -> message.path("content").asText().contains("was accepted by")));
        JsonNode announced = discord.messagesTo(threadId).stream().map(FakeDiscord.Call::body)
                .filter(body -> body.path("content").asText().contains("was accepted by")).findFirst().orElseThrow();
        assertThat(announced.path("content").asText()).isEqualTo(QuestionPublisher.SOLVED_PREFIX + "A1 by <@"
                + discord.expert.id() + "> was accepted by <@" + discord.asker.id() + ">.");
        assertThat(ids(announced.path("allowed_mentions").path("users"))).containsExactly(discord.expert.id());
        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText()
                .startsWith(QuestionPublisher.SOLVED_PREFIX.strip()));

        await().atMost(WAIT).until(() -> !discord.calls("PATCH", "/channels/" + askerDm + "/messages/"
                + prompt.get("id").asText()).isEmpty());
        JsonNode edited = discord.message(prompt.get("id").asText());
        assertThat(FakeDiscord.buttonIds(edited)).isEmpty();
        assertThat(edited.path("content").asText()).startsWith("Did A1 by bob solve Q1?").contains("\n\n→ ");

        JsonNode again = ephemeralAnswer(discord.buttonPressInDm(discord.asker, prompt, accept));
        assertThat(again.path("content").asText()).doesNotContain("Sorry");
        assertThat(testCore.reputation(guild, discord.expert.id())).as("credited once").isEqualTo(bobBefore + 15);
    }

    private void upvote(FakeDiscord.User voter, String threadId, ObjectNode answer) {
        long before = testCore.rows("vote");
        discord.reactionAdd(voter, threadId, answer.get("id").asText(), "👍");
        await().atMost(WAIT).until(() -> testCore.rows("vote") == before + 1);
    }

    @Test
    @DisplayName("the reminder to accept an upvoted answer (24 h) is a DM with Accept / Not yet, and Accept works "
            + "from it")
    void reminderHasButtons() {
        String threadId = askWithTwoExperts();
        ObjectNode first = answer(discord.expert, threadId, "Close the connection in a finally block.");
        upvote(discord.stranger, threadId, first);
        String askerDm = discord.directMessageChannel(discord.asker.id());
        assertThat(after(Duration.ofHours(23), askerDm)).isEmpty();
        List<ObjectNode> reminder = after(Duration.ofHours(1), askerDm);
        assertThat(reminder).singleElement().satisfies(dm -> {
            assertThat(dm.path("content").asText()).startsWith("Did A1 by bob solve Q1?");
            assertThat(FakeDiscord.buttonIds(dm)).containsExactly("bandura:" + discord.guildId + ":/accept A1",
                    "bandura:" + discord.guildId + ":/notyet A1");
        });
        long bobBefore = testCore.reputation(guild, discord.expert.id());
        ephemeralAnswer(discord.buttonPressInDm(discord.asker, reminder.get(0),
                "bandura:" + discord.guildId + ":/accept A1"));
        assertThat(testCore.reputation(guild, discord.expert.id())).isEqualTo(bobBefore + 15);
    }

    @Test
    @DisplayName("Not yet in the DM: nothing is accepted, the prompt shows the outcome without buttons, and no "
            + "other prompt about that answer follows")
    void notYet() {
        String threadId = askWithTwoExperts();
        ObjectNode first = answer(discord.expert, threadId, "Close the connection in a finally block.");
        discord.userMessage(discord.asker, threadId, "ty");
        String askerDm = discord.directMessageChannel(discord.asker.id());
        ObjectNode prompt = awaitDm(askerDm, 1);
        long bobBefore = testCore.reputation(guild, discord.expert.id());

        JsonNode answer = ephemeralAnswer(discord.buttonPressInDm(discord.asker, prompt,
                "bandura:" + discord.guildId + ":/notyet A1"));
        assertThat(answer.path("content").asText()).startsWith("Got it: Q1 stays open");
        await().atMost(WAIT).until(() -> FakeDiscord.buttonIds(discord.message(prompt.get("id").asText())).isEmpty());
        assertThat(discord.message(prompt.get("id").asText()).path("content").asText()).contains("→ Got it");
        assertThat(testCore.reputation(guild, discord.expert.id())).isEqualTo(bobBefore);
        upvote(discord.stranger, threadId, first); // would earn a reminder after 24 h, but A1 was answered
        discord.userMessage(discord.asker, threadId, "thanks again");
        answer(discord.stranger, threadId, "Also check the pool's leak detection threshold."); // handled after it
        assertThat(after(Duration.ofDays(2), askerDm).stream().map(dm -> dm.path("content").asText()))
                .noneMatch(text -> text.contains("A1"));
    }

    @Test
    @DisplayName("a Bandura button whose command no longer exists gets a private, polite line; another app's "
            + "button is left alone")
    void unknownButtons() {
        String threadId = askWithTwoExperts();
        ObjectNode mention = mentionMessage(threadId);
        JsonNode stale = ephemeralAnswer(discord.buttonPress(discord.expert, mention, "bandura:/frobnicate Q1"));
        assertThat(stale.path("content").asText()).isEqualTo("This button is out of date and does nothing now.");

        String foreign = discord.buttonPress(discord.expert, mention, "poll:vote:3");
        String marker = discord.buttonPress(discord.expert, mention, "bandura:/claim Q1");
        ephemeralAnswer(marker);
        assertThat(discord.callbacks(foreign)).as("not ours: no answer").isEmpty();
    }

    @Test
    @DisplayName("a DM press by someone who is not (any more) a member of the button's server is refused politely "
            + "and runs nothing")
    void notAMember() {
        String threadId = askWithTwoExperts();
        answer(discord.expert, threadId, "Close the connection in a finally block.");
        discord.userMessage(discord.asker, threadId, "thank you!");
        ObjectNode prompt = awaitDm(discord.directMessageChannel(discord.asker.id()), 1);
        ObjectNode elsewhere = prompt.deepCopy().put("channel_id", discord.directMessageChannel(discord.outsider.id()));
        long bobBefore = testCore.reputation(guild, discord.expert.id());

        JsonNode refused = ephemeralAnswer(discord.buttonPressInDm(discord.outsider, elsewhere,
                "bandura:" + discord.guildId + ":/accept A1"));
        assertThat(refused.path("content").asText())
                .isEqualTo("You're not a member of Fake Guild any more, so I can't do that for you.");
        assertThat(testCore.reputation(guild, discord.expert.id())).isEqualTo(bobBefore);
        assertThat(discord.calls("PATCH", "/channels/.*/messages/.*")).isEmpty();
    }
}
