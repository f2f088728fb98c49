package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.slack.SlackHarness.ANN;
import static org.bandura.slack.SlackHarness.BOB;
import static org.bandura.slack.SlackHarness.CAT;
import static org.bandura.slack.SlackHarness.CHANNEL;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.bandura.slack.fake.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The weekly digest on Slack: real Bolt against the fake, a real core; the test moves the clock, schedules digests
 * and runs jobs as the launcher's job thread does, then delivers the outbox.
 */
class SlackDigestTest {

    private static final String DIGESTS = "C0DIGEST";

    private SlackHarness bot;
    private JobRunner jobs;

    @BeforeEach
    void start() throws Exception {
        FakeSlack slack = new FakeSlack();
        TestCore core = TestCore.on(TestDatabases.h2(), TestCore.settings());
        bot = new SlackHarness(slack, core, core.core(), SlackSettings.socketMode("xoxb-test-token", "xapp-test-token")
                .withApiUrl(slack.apiUrl()));
        bot.door.deliverJobPosts(new DatabaseOutbox(core.database(), core.clock()), null, null, DIGESTS,
                Duration.ofHours(1)); // the test delivers by hand
        jobs = new JobRunner(core.database(), core.clock(), "slack-test", core.service().jobHandlers());
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    /** Moves the clock to {@code at}, schedules and runs jobs, delivers; returns what was posted to the digest channel. */
    private List<FakeSlack.Posted> at(String at) {
        int before = bot.slack.posts().size();
        bot.testCore.clock().set(Instant.parse(at));
        bot.testCore.service().scheduleDigests();
        jobs.runDue();
        bot.door.deliverJobPostsNow();
        List<FakeSlack.Posted> posts = bot.slack.posts();
        return posts.subList(before, posts.size()).stream().filter(post -> post.channel().equals(DIGESTS)).toList();
    }

    @Test
    @DisplayName("one digest per week in digest.channel with the week's numbers; /digest shows this week; "
            + "/digest off leaves a helper out")
    void weeklyDigest() {
        bot.command(ANN, "/expert", "add java");
        FakeSlack.Posted question = bot.ask(BOB, "Why does my pool run dry at night? #java");
        bot.reply(ANN, question.ts(), "Connections leak when a result set is never closed.");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("answer") == 1);
        bot.command(BOB, "/accept", "A1");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.reputation(ANN) == 1 + 15);
        bot.ask(CAT, "How do I drain a node safely? #kubernetes");
        bot.testCore.service().scheduleDigests();

        assertThat(at("2026-11-08T09:00:00Z")).isEmpty();
        List<FakeSlack.Posted> first = at("2026-11-09T09:00:00Z");
        assertThat(first).singleElement().satisfies(digest -> assertThat(digest.text())
                .startsWith("📊 Weekly digest — week of 2026-11-02")
                .contains("Questions: 2 asked, 1 answered, 1 accepted.")
                .contains("Top helpers: 1. <@" + ANN + "> +15 · 2. <@" + BOB + "> +2. Thank you!")
                .contains("New badges: Ann — First Answer; Ann — Solved.")
                .contains("Oldest unanswered (1 open):\n  Q2 How do I drain a node safely? #kubernetes (7 d) https://")
                .contains("Knowledge gap: #kubernetes had 1 question and no available expert: `/expert add kubernetes`")
                .doesNotContain("<!channel>").doesNotContain("<!here>"));
        assertThat(at("2026-11-12T09:00:00Z")).isEmpty();

        int responses = bot.responses().size();
        bot.command(ANN, "/digest", "off");
        bot.command(CAT, "/digest", "");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.responses().size() == responses + 2);
        assertThat(bot.responses().subList(responses, responses + 2)).extracting(FakeSlack.Responded::text)
                .anySatisfy(text -> assertThat(text).contains("won't list you among its top helpers"))
                .anySatisfy(text -> assertThat(text).contains("This week so far — week of 2026-11-09"));

        bot.reply(ANN, question.ts(), "Also set maxLifetime below the database's idle timeout.");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("answer") == 2);
        bot.command(CAT, "/upvote", "A2");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.reputation(ANN) == 1 + 15 + 10);
        List<FakeSlack.Posted> second = at("2026-11-16T09:00:00Z");
        assertThat(second).singleElement().satisfies(digest -> assertThat(digest.text())
                .startsWith("📊 Weekly digest — week of 2026-11-09")
                .contains("Top helpers: nobody earned reputation yet.").doesNotContain("<@" + ANN + ">"));
    }
}
