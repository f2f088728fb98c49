package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.slack.SlackHarness.ADMIN;
import static org.bandura.slack.SlackHarness.ANN;
import static org.bandura.slack.SlackHarness.BOB;
import static org.bandura.slack.SlackHarness.CAT;
import static org.bandura.slack.SlackHarness.CHANNEL;

import com.google.gson.JsonObject;
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

    /**
     * The private accept prompt (badge notices may come with it): delivered now, or already by the delivery a
     * command triggered.
     */
    private FakeSlack.Posted promptTo(String user) {
        after(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.slack.posts().stream()
                .anyMatch(post -> post.channel().equals(user) && post.text().startsWith("Did ")));
        return bot.slack.posts().stream().filter(post -> post.channel().equals(user) && post.text().startsWith("Did "))
                .reduce((first, second) -> second).orElseThrow();
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
        // The experts' mention carries "I'm on it"; the text stays as the notification fallback.
        FakeSlack.Posted mention = bot.slack.posts().get(1);
        assertThat(mention.text()).contains("this question is in your tags");
        assertClaimButton(mention, 1);

        assertThat(after(Duration.ofMinutes(29))).isEmpty();
        List<FakeSlack.Posted> first = after(Duration.ofMinutes(1));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).channel()).isEqualTo(CHANNEL);
        assertThat(first.get(0).threadTs()).isEqualTo(question.ts());
        assertThat(first.get(0).text()).matches("Q1 still has no answer after 30 min\\. <@(U0ANN|U0CAT)>, could you "
                + "take a look\\? Why do my pool &amp; cache leak\\? #java");
        assertClaimButton(first.get(0), 1);
        assertThat(first.get(0).blocksJson()).contains(first.get(0).text());

        List<FakeSlack.Posted> second = after(Duration.ofMinutes(210));
        assertThat(second).extracting(FakeSlack.Posted::channel).containsExactly(FALLBACK);
        assertThat(bot.buttons(second.get(0))).isEmpty();
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
        int mark = bot.slack.posts().size();
        bot.reply(ANN, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("answer") == 1);
        bot.reply(BOB, question.ts(), "Thanks, that worked!");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("accept_prompt") == 1);

        // The badge and the prompt go out through the outbox: with the next delivery a command triggers, or this one
        after(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.slack.posts().size() >= mark + 2);
        List<FakeSlack.Posted> posted = bot.slack.posts().subList(mark, bot.slack.posts().size());
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

    @Test
    @DisplayName("\"I'm on it\" on the experts' mention claims Q1 visibly in its thread; no step while the claim "
            + "holds, the ladder resumes when it runs out; the asker's own press is refused privately")
    void claimButtonHoldsTheLadder() {
        bot.command(ANN, "/expert", "add java");
        bot.command(CAT, "/expert", "add java");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.responses().size() == 2);
        FakeSlack.Posted question = bot.ask(BOB, "Why do my pool & cache leak? #java");
        FakeSlack.Posted mention = bot.slack.posts().get(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.responses().size() == 3);

        // The asker can't claim their own question: told privately, nothing posted
        String refused = bot.press(BOB, mention, "I'm on it");
        FakeSlack.Responded refusal = awaitResponse(refused);
        assertThat(refusal.responseType()).isEqualTo("ephemeral");
        assertThat(refusal.body().get("replace_original").getAsBoolean()).isFalse();
        assertThat(refusal.text()).isEqualTo("Q1 is your own question, so there is nothing to claim.");

        int before = bot.slack.posts().size();
        bot.press(ANN, mention, "I'm on it");
        assertThat(bot.testCore.rows("question_claim")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.slack.posts().size() == before + 1);
        FakeSlack.Posted claim = bot.slack.posts().get(before);
        assertThat(claim.channel()).isEqualTo(CHANNEL);
        assertThat(claim.threadTs()).isEqualTo(question.ts());
        assertThat(claim.text()).isEqualTo("Ann is on Q1: reminders to other experts wait until Mon 2 Nov 11:00 UTC. "
                + "/unclaim Q1 releases it.");
        // Cat pressing it too is told privately who is on it; nothing else changes
        assertThat(awaitResponse(bot.press(CAT, mention, "I'm on it")).text())
                .isEqualTo("Ann is already on Q1 until Mon 2 Nov 11:00 UTC.");
        assertThat(bot.slack.posts()).hasSize(before + 1);

        // Held: nothing at 30 min, nothing until the claim runs out at 2 h, then the first step
        assertThat(after(Duration.ofMinutes(30))).isEmpty();
        assertThat(after(Duration.ofMinutes(89))).isEmpty();
        List<FakeSlack.Posted> resumed = after(Duration.ofMinutes(1));
        assertThat(resumed).singleElement().satisfies(post -> {
            assertThat(post.threadTs()).isEqualTo(question.ts());
            assertThat(post.text()).startsWith("Q1 still has no answer after");
        });
    }

    @Test
    @DisplayName("a thank-you brings the asker a direct message with Accept / Not yet; Accept accepts A1, credits "
            + "exactly +15 / +2, confirms in the thread and replaces the prompt's buttons with the outcome")
    void acceptButton() {
        FakeSlack.Posted question = bot.ask(BOB, "Which pool size? #java");
        bot.reply(ANN, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("answer") == 1);
        bot.reply(BOB, question.ts(), "Thanks, that worked!");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("accept_prompt") == 1);

        FakeSlack.Posted prompt = promptTo(BOB);
        assertThat(prompt.channel()).isEqualTo(BOB);
        assertThat(prompt.threadTs()).isNull();
        assertThat(bot.buttons(prompt)).extracting(entry -> entry.getValue().get("action_id").getAsString())
                .containsExactly("bandura:/accept A1", "bandura:/notyet A1");
        assertThat(bot.buttons(prompt)).extracting(entry -> entry.getValue().get("value").getAsString())
                .containsExactly("/accept A1", "/notyet A1");
        assertThat(bot.buttons(prompt).get(0).getValue().get("style").getAsString()).isEqualTo("primary");
        assertThat(bot.buttons(prompt).get(1).getValue().has("style")).isFalse();
        long ann = bot.reputation(ANN);
        long bob = bot.reputation(BOB);
        int before = bot.slack.posts().size();
        var accept = bot.buttons(prompt).get(0);

        bot.press(BOB, prompt, "Accept");

        // Committed before the ack
        assertThat(bot.reputation(ANN)).isEqualTo(ann + 15);
        assertThat(bot.reputation(BOB)).isEqualTo(bob + 2);
        // The confirmation in the thread, exactly as for /accept, and the question marked solved
        // (badge notices, job messages delivered with it, may come along: the notice is the only other post)
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.slack.posts().subList(before, bot.slack.posts().size())
                .stream().anyMatch(post -> !post.text().startsWith("🏅")));
        List<FakeSlack.Posted> sinceAccept = bot.slack.posts().subList(before, bot.slack.posts().size());
        FakeSlack.Posted notice = sinceAccept.stream().filter(post -> !post.text().startsWith("🏅")).findFirst()
                .orElseThrow();
        assertThat(sinceAccept.stream().filter(post -> !post.text().startsWith("🏅"))).hasSize(1);
        assertThat(notice.threadTs()).isEqualTo(question.ts());
        assertThat(notice.text()).isEqualTo(":white_check_mark: A1 by <@" + ANN + "> is the accepted answer to Q1 "
                + "(accepted by Bob).");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.slack.message(CHANNEL, question.ts()).blocksJson()
                .contains("Solved"));
        // The prompt now shows the outcome instead of its buttons
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.buttons(prompt).isEmpty());
        FakeSlack.Posted answered = bot.slack.message(prompt.channel(), prompt.ts());
        assertThat(answered.text()).startsWith(prompt.text()).endsWith("Accepted A1.*");
        assertThat(answered.blocksJson()).contains("Accepted A1.");

        // A stale client pressing Accept again changes nothing and is told so privately
        int settled = bot.slack.posts().size();
        String again = bot.press(BOB, answered, accept.getKey(), accept.getValue());
        assertThat(awaitResponse(again).text()).isEqualTo("A1 is already the accepted answer to Q1.");
        assertThat(bot.reputation(ANN)).isEqualTo(ann + 15);
        assertThat(bot.reputation(BOB)).isEqualTo(bob + 2);
        assertThat(bot.slack.posts()).hasSize(settled);
    }

    @Test
    @DisplayName("Not yet replaces the prompt with \"OK, not yet\" and sends nothing more")
    void notYetButton() {
        FakeSlack.Posted question = bot.ask(BOB, "Which pool size? #java");
        bot.reply(ANN, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("answer") == 1);
        bot.reply(BOB, question.ts(), "Thanks, that worked!");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("accept_prompt") == 1);
        FakeSlack.Posted prompt = promptTo(BOB);
        long ann = bot.reputation(ANN);
        int posts = bot.slack.posts().size();
        int responses = bot.responses().size();
        int ephemerals = bot.slack.ephemerals().size();

        String url = bot.press(BOB, prompt, "Not yet");

        FakeSlack.Responded replaced = awaitResponse(url);
        assertThat(replaced.body().get("replace_original").getAsBoolean()).isTrue();
        JsonObject outcome = replaced.body().getAsJsonArray("blocks").asList().get(replaced.body()
                .getAsJsonArray("blocks").size() - 1).getAsJsonObject();
        assertThat(outcome.get("type").getAsString()).isEqualTo("context");
        assertThat(outcome.get("block_id").getAsString()).isEqualTo(SlackViews.OUTCOME_BLOCK);
        assertThat(outcome.getAsJsonArray("elements").get(0).getAsJsonObject().get("text").getAsString())
                .startsWith("*OK, not yet.* Got it: Q1 stays open");
        assertThat(bot.buttons(prompt)).isEmpty();
        assertThat(bot.slack.message(prompt.channel(), prompt.ts()).text()).startsWith(prompt.text())
                .contains("OK, not yet.").contains("Q1 stays open and I won't ask about A1 again.");
        assertThat(bot.responses()).hasSize(responses + 1);
        assertThat(bot.slack.posts()).hasSize(posts);
        assertThat(bot.slack.ephemerals()).hasSize(ephemerals);
        assertThat(after(Duration.ofHours(25))).isEmpty();
        assertThat(bot.reputation(ANN)).isEqualTo(ann);
        assertThat(bot.slack.message(CHANNEL, question.ts()).blocksJson()).doesNotContain("Solved");
    }

    @Test
    @DisplayName("Accept pressed by someone who isn't the asker: a polite private refusal, nothing changes")
    void acceptButtonBySomeoneElse() {
        FakeSlack.Posted question = bot.ask(BOB, "Which pool size? #java");
        bot.reply(ANN, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("answer") == 1);
        bot.reply(BOB, question.ts(), "Thanks, that worked!");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.testCore.rows("accept_prompt") == 1);
        FakeSlack.Posted prompt = promptTo(BOB);
        long ann = bot.reputation(ANN);
        long cat = bot.reputation(CAT);
        int posts = bot.slack.posts().size();

        String url = bot.press(CAT, prompt, "Accept");

        FakeSlack.Responded refusal = awaitResponse(url);
        assertThat(refusal.responseType()).isEqualTo("ephemeral");
        assertThat(refusal.body().get("replace_original").getAsBoolean()).isFalse();
        assertThat(refusal.text()).isEqualTo("Only the person who asked Q1 (or a moderator) can accept an answer to "
                + "it.");
        assertThat(bot.buttons(prompt)).hasSize(2);
        assertThat(bot.slack.posts()).hasSize(posts);
        assertThat(bot.reputation(ANN)).isEqualTo(ann);
        assertThat(bot.reputation(CAT)).isEqualTo(cat);
        assertThat(bot.slack.message(CHANNEL, question.ts()).blocksJson()).doesNotContain("Solved");
    }

    private void assertClaimButton(FakeSlack.Posted message, long questionNumber) {
        assertThat(bot.buttons(message)).singleElement().satisfies(entry -> {
            JsonObject button = entry.getValue();
            assertThat(button.get("type").getAsString()).isEqualTo("button");
            assertThat(button.getAsJsonObject("text").get("text").getAsString()).isEqualTo("I'm on it");
            assertThat(button.get("action_id").getAsString()).isEqualTo("bandura:/claim Q" + questionNumber);
            assertThat(button.get("value").getAsString()).isEqualTo("/claim Q" + questionNumber);
        });
    }

    /** The one response the bot sent to a press's response URL. */
    private FakeSlack.Responded awaitResponse(String responseUrl) {
        String path = responseUrl.substring(bot.slack.baseUrl().length());
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.responses().stream()
                .anyMatch(response -> response.path().equals(path)));
        return bot.responses().stream().filter(response -> response.path().equals(path)).reduce((a, b) -> {
            throw new AssertionError("More than one response to " + path);
        }).orElseThrow();
    }
}
