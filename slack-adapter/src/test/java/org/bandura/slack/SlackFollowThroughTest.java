package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.slack.SlackHarness.ADMIN;
import static org.bandura.slack.SlackHarness.ANN;
import static org.bandura.slack.SlackHarness.BOB;
import static org.bandura.slack.SlackHarness.CAT;
import static org.bandura.slack.SlackHarness.CHANNEL;

import java.time.Duration;
import java.util.List;
import org.bandura.core.followup.FollowUpSettings;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.bandura.slack.fake.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The follow-through on Slack: real Bolt against the fake, a real core, jobs run as the test moves the clock. */
class SlackFollowThroughTest {

    private static final String FALLBACK = "C0FALLBACK";
    private static final String HELPERS = "S0HELPERS";

    private SlackHarness bot;
    private JobRunner jobs;

    @BeforeEach
    void start() throws Exception {
        FakeSlack slack = new FakeSlack();
        TestCore core = TestCore.on(TestDatabases.h2(),
                new CoreSettings(4000, 1, 200, 100, 5).withCommunity(TestCore.OPEN_COMMUNITY),
                FollowUpSettings.defaults());
        bot = new SlackHarness(slack, core, core.core(), SlackSettings.socketMode("xoxb-test-token", "xapp-test-token")
                .withApiUrl(slack.apiUrl()).withModerators(List.of(ADMIN)));
        bot.door.deliverJobPosts(new DatabaseOutbox(core.database(), core.clock()), FALLBACK, HELPERS,
                Duration.ofHours(1)); // the test delivers by hand
        jobs = new JobRunner(core.database(), core.clock(), "slack-test", core.service().jobHandlers());
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    private List<FakeSlack.Posted> after(Duration duration) {
        int before = bot.slack.posts().size();
        bot.testCore.clock().advance(duration);
        jobs.runDue();
        bot.door.deliverJobPostsNow();
        List<FakeSlack.Posted> posts = bot.slack.posts();
        return posts.subList(before, posts.size());
    }

    @Test
    @DisplayName("escalation on Slack: next expert in the thread at 30 min, the fallback channel with its user group "
            + "at 4 h, direct messages to moderators and the asker at 24 h")
    void ladder() {
        bot.command(ANN, "/expert", "add java");
        bot.command(CAT, "/expert", "add java");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.responses().size() == 2);
        FakeSlack.Posted question = bot.ask(BOB, "Why do my pool & cache leak? #java");

        assertThat(after(Duration.ofMinutes(29))).isEmpty();
        List<FakeSlack.Posted> first = after(Duration.ofMinutes(1));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).channel()).isEqualTo(CHANNEL);
        assertThat(first.get(0).threadTs()).isEqualTo(question.ts());
        assertThat(first.get(0).text()).matches("Q1 still has no answer after 30 min\\. <@(U0ANN|U0CAT)>, could you "
                + "take a look\\? Why do my pool &amp; cache leak\\? #java");

        List<FakeSlack.Posted> second = after(Duration.ofMinutes(210));
        assertThat(second).extracting(FakeSlack.Posted::channel).containsExactly(FALLBACK);
        assertThat(second.get(0).text()).startsWith("<!subteam^" + HELPERS + "> Q1 has been waiting 4 h");

        List<FakeSlack.Posted> last = after(Duration.ofHours(20));
        assertThat(last).extracting(FakeSlack.Posted::channel).containsExactlyInAnyOrder(ADMIN, BOB);
        assertThat(last).filteredOn(post -> post.channel().equals(BOB)).singleElement()
                .satisfies(post -> assertThat(post.text()).startsWith("Nobody has answered your Q1 yet."));
        assertThat(after(Duration.ofDays(7))).isEmpty();
    }

    @Test
    @DisplayName("a thank-you in the thread gets the asker a direct message with the /accept hint; accepting credits "
            + "+15 and +2")
    void thankYou() {
        FakeSlack.Posted question = bot.ask(BOB, "Which pool size? #java");
        bot.reply(ANN, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("answer") == 1);
        bot.reply(BOB, question.ts(), "Thanks, that worked!");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("accept_prompt") == 1);

        List<FakeSlack.Posted> posted = after(Duration.ZERO);
        assertThat(posted).filteredOn(post -> post.text().startsWith("🏅")).singleElement()
                .satisfies(badge -> assertThat(badge.text()).isEqualTo("🏅 <@" + ANN + "> earned the badge First "
                        + "Answer. Congratulations!"));
        assertThat(posted).filteredOn(post -> !post.text().startsWith("🏅")).singleElement().satisfies(post -> {
            assertThat(post.channel()).isEqualTo(BOB);
            assertThat(post.text()).isEqualTo("Did A1 by Ann solve Q1? If it did, accept it with /accept A1 (it "
                    + "credits them +15).");
        });
        bot.command(BOB, "/accept", "A1");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.reputation(ANN) == 1 + 15);
        assertThat(bot.reputation(BOB)).isEqualTo(1 + 2);
    }
}
