package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weekly digest and badge announcements on Discord: real JDA against the fake, a real core; the test moves the
 * clock, schedules digests and runs jobs as the launcher's job thread does, then delivers the outbox.
 */
class DiscordDigestTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestCore testCore;
    private DiscordFixture fixture;
    private FakeDiscord discord;
    private JobRunner jobs;

    @BeforeEach
    void start() throws Exception {
        testCore = TestCore.onH2();
        fixture = DiscordFixture.start(testCore.core());
        discord = fixture.discord;
        fixture.door.deliverJobPosts(new DatabaseOutbox(testCore.database(), testCore.clock()), null, null,
                discord.textChannelId, Duration.ofHours(1)); // the test delivers by hand
        jobs = new JobRunner(testCore.database(), testCore.clock(), "discord-test", testCore.service().jobHandlers());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        testCore.close();
    }

    /** Moves the clock to {@code at}, schedules and runs jobs, delivers; returns the digests posted. */
    private List<JsonNode> at(String at) {
        int before = discord.messagesTo(discord.textChannelId).size();
        testCore.clock().set(Instant.parse(at));
        testCore.service().scheduleDigests();
        jobs.runDue();
        fixture.door.deliverJobPostsNow();
        return discord.messagesTo(discord.textChannelId).stream().skip(before).map(FakeDiscord.Call::body)
                .filter(body -> body.path("content").asText().startsWith("📊")).toList();
    }

    /** The text as Discord shows it: markdown escapes (a backslash before punctuation) removed. */
    private static String shown(JsonNode message) {
        return message.path("content").asText().replaceAll("\\\\(\\p{Punct})", "$1");
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    @DisplayName("one digest per week in digest.channel, pinging exactly the top helpers; the badge notice pings "
            + "exactly its member in the thread")
    void weeklyDigest() {
        fixture.awaitCallback(discord.slashCommand(discord.expert, discord.textChannelId, "expert", "add",
                "tags", "java"));
        fixture.awaitOriginalEdit(discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "Why does my pool run dry at night?", "tags", "java"));
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        String threadId = discord.threadIds().get(0);
        String answerId = discord.userMessage(discord.expert, threadId,
                "Connections leak when a result set is never closed; use try-with-resources.").path("id").asText();
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        int threadBefore = discord.messagesTo(threadId).size();
        discord.reactionAdd(discord.asker, threadId, answerId, "✅");
        await().atMost(WAIT).until(() -> testCore.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM question WHERE accepted_answer_id IS NOT NULL")) == 1);
        fixture.awaitMessage(threadId, threadBefore + 1); // the accept notice
        testCore.service().scheduleDigests();

        assertThat(at("2026-11-03T09:00:00Z")).isEmpty();
        List<JsonNode> badges = discord.messagesTo(threadId).stream().map(FakeDiscord.Call::body)
                .filter(body -> body.path("content").asText().startsWith("🏅")).toList();
        assertThat(badges).hasSize(2).allSatisfy(notice -> {
            assertThat(notice.path("content").asText()).contains("<@" + discord.expert.id() + ">");
            assertThat(ids(notice.path("allowed_mentions").path("users"))).containsExactly(discord.expert.id());
            assertThat(notice.path("allowed_mentions").path("parse")).isEmpty();
        });

        List<JsonNode> first = at("2026-11-09T09:00:00Z");
        assertThat(first).singleElement().satisfies(digest -> {
            String content = shown(digest);
            assertThat(content).startsWith("📊 Weekly digest — week of 2026-11-02")
                    .contains("Questions: 1 asked, 1 answered, 1 accepted.")
                    .contains("Top helpers: 1. <@" + discord.expert.id() + "> +15 · 2. <@" + discord.asker.id()
                            + "> +2")
                    .contains("Unanswered: none.");
            assertThat(ids(digest.path("allowed_mentions").path("users")))
                    .containsExactlyInAnyOrder(discord.expert.id(), discord.asker.id());
            assertThat(digest.path("allowed_mentions").path("parse")).isEmpty();
            assertThat(digest.path("allowed_mentions").path("roles")).isEmpty();
        });
        assertThat(at("2026-11-10T09:00:00Z")).isEmpty();
        assertThat(at("2026-11-15T23:59:00Z")).isEmpty();
        assertThat(at("2026-11-16T09:00:00Z")).singleElement().satisfies(digest -> assertThat(
                shown(digest)).startsWith("📊 Weekly digest — week of 2026-11-09")
                .contains("Questions: 0 asked, 0 answered, 0 accepted."));

        String onDemand = fixture.awaitCallback(discord.slashCommand(discord.stranger, discord.textChannelId,
                "digest", null)).body().path("data").path("content").asText();
        assertThat(onDemand).contains("This week so far").contains("week of 2026-11-16");
        String off = fixture.awaitCallback(discord.slashCommand(discord.expert, discord.textChannelId,
                "digest", null, "setting", "off")).body().path("data").path("content").asText();
        assertThat(off).contains("won't list you among its top helpers");
    }
}
