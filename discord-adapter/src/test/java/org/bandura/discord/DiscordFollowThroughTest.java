package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The follow-through on Discord: real JDA against the fake, a real core, jobs run as the test moves the clock. */
class DiscordFollowThroughTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HELPERS_ROLE = FakeDiscord.snowflake();

    private TestCore testCore;
    private DiscordFixture fixture;
    private FakeDiscord discord;
    private JobRunner jobs;

    @BeforeEach
    void start() throws Exception {
        testCore = TestCore.onH2(new CoreSettings(4000, 1, 200, 100, 5).withCommunity(TestCore.OPEN_COMMUNITY));
        fixture = DiscordFixture.start(testCore.core());
        discord = fixture.discord;
        fixture.door.deliverJobPosts(new DatabaseOutbox(testCore.database(), testCore.clock()), discord.textChannelId,
                HELPERS_ROLE, Duration.ofHours(1)); // the test delivers by hand
        jobs = new JobRunner(testCore.database(), testCore.clock(), "discord-test", testCore.service().jobHandlers());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        testCore.close();
    }

    private List<JsonNode> after(Duration duration, String channelId) {
        int before = discord.messagesTo(channelId).size();
        testCore.clock().advance(duration);
        jobs.runDue();
        fixture.door.deliverJobPostsNow();
        return discord.messagesTo(channelId).stream().skip(before).map(FakeDiscord.Call::body).toList();
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private String askJavaQuestionWithTwoExperts() {
        fixture.awaitCallback(discord.slashCommand(discord.expert, discord.textChannelId, "expert", "add",
                "tags", "java"));
        fixture.awaitCallback(discord.slashCommand(discord.stranger, discord.textChannelId, "expert", "add",
                "tags", "java"));
        FakeDiscord.Call confirmation = fixture.awaitOriginalEdit(discord.slashCommand(discord.asker,
                discord.textChannelId, "ask", null, "question", "Why do my pool_size leak?", "tags", "java"));
        await().atMost(WAIT).alias("thread after " + confirmation).until(() -> discord.threadIds().size() == 1);
        return discord.threadIds().get(0);
    }

    @Test
    @DisplayName("escalation on Discord: the next expert alone is pinged in the thread at 30 min, the fallback channel "
            + "with its role at 4 h, the asker gets a DM at 24 h; nobody else is ever pingable")
    void ladder() {
        String threadId = askJavaQuestionWithTwoExperts();
        int threadMessagesBefore = discord.messagesTo(threadId).size();

        assertThat(after(Duration.ofMinutes(29), threadId)).isEmpty();
        List<JsonNode> first = after(Duration.ofMinutes(1), threadId);
        assertThat(first).hasSize(1);
        JsonNode step1 = first.get(0);
        assertThat(step1.path("content").asText()).contains("Q1 still has no answer after 30 min")
                .contains("Why do my pool\\_size leak?");
        assertThat(step1.path("allowed_mentions").path("parse")).isEmpty();
        assertThat(step1.path("allowed_mentions").path("roles")).isEmpty();
        List<String> pinged = ids(step1.path("allowed_mentions").path("users"));
        assertThat(pinged).hasSize(1).isSubsetOf(discord.expert.id(), discord.stranger.id());
        assertThat(step1.path("content").asText()).contains("<@" + pinged.get(0) + ">");
        assertThat(FakeDiscord.buttonIds(step1)).as("the I'm on it button").containsExactly("bandura:/claim Q1");

        List<JsonNode> second = after(Duration.ofMinutes(210), discord.textChannelId);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).path("content").asText()).startsWith("<@&" + HELPERS_ROLE + "> Q1 has been waiting 4 h");
        assertThat(ids(second.get(0).path("allowed_mentions").path("roles"))).containsExactly(HELPERS_ROLE);
        assertThat(second.get(0).path("allowed_mentions").path("parse")).isEmpty();

        String askerDm = discord.directMessageChannel(discord.asker.id());
        List<JsonNode> last = after(Duration.ofHours(20), askerDm);
        assertThat(last).singleElement().satisfies(dm -> {
            assertThat(dm.path("content").asText()).startsWith("Nobody has answered your Q1 yet.");
            assertThat(dm.path("allowed_mentions").path("parse")).isEmpty();
        });
        assertThat(discord.messagesTo(threadId)).hasSize(threadMessagesBefore + 1);
        assertThat(after(Duration.ofDays(7), askerDm)).isEmpty();
    }

    @Test
    @DisplayName("a DM Discord fails with a 500 stays in the outbox and is sent again after its back-off, and only then")
    void retry() {
        askJavaQuestionWithTwoExperts();
        String askerDm = discord.directMessageChannel(discord.asker.id());
        after(Duration.ofHours(4), askerDm);
        discord.serverError("POST /channels/" + askerDm + "/messages", 1, 500);

        assertThat(after(Duration.ofHours(20), askerDm)).as("the one attempt, failed").hasSize(1);
        assertThat(after(Duration.ZERO, askerDm)).as("not before its back-off").isEmpty();
        assertThat(after(Duration.ofSeconds(2), askerDm)).singleElement()
                .satisfies(dm -> assertThat(dm.path("content").asText()).startsWith("Nobody has answered your Q1"));
        assertThat(after(Duration.ofMinutes(10), askerDm)).isEmpty();
    }

    @Test
    @DisplayName("a DM Discord refuses for good (50007: the member's DMs are closed) is not sent again")
    void refusedForGood() {
        askJavaQuestionWithTwoExperts();
        String askerDm = discord.directMessageChannel(discord.asker.id());
        after(Duration.ofHours(4), askerDm);
        discord.refuse("POST /channels/" + askerDm + "/messages", 1);

        assertThat(after(Duration.ofHours(20), askerDm)).as("the one attempt, refused").hasSize(1);
        assertThat(after(Duration.ofMinutes(10), askerDm)).isEmpty();
    }
}
