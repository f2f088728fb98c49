package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bandura.slack.SlackHarness.ANN;
import static org.bandura.slack.SlackHarness.BOB;
import static org.bandura.slack.SlackHarness.CAT;
import static org.bandura.slack.SlackHarness.CHANNEL;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue 9 §3 and §5 on Slack: check marks, private hints in the right place, shortcuts, honest start-up errors. */
class SlackConventionsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SlackHarness bot;

    @BeforeEach
    void start() throws Exception {
        bot = SlackHarness.socketModeWithJavaExpert();
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    private String answered(FakeSlack.Posted question) {
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2, then measure the wait time.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
        return answer;
    }

    @ParameterizedTest(name = ":{0}: accepts")
    @ValueSource(strings = {"white_check_mark", "heavy_check_mark", "ballot_box_with_check"})
    @DisplayName("every check mark accepts, and the asker's hint names each of them")
    void everyCheckMarkAccepts(String emoji) {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = answered(question);
        long before = bot.reputation(BOB);

        bot.react(ANN, emoji, answer, true);

        await().atMost(WAIT).until(() -> bot.reputation(BOB) == before + 15);
        assertThat(bot.responses()).anySatisfy(response -> assertThat(response.text()).contains(
                "react with :white_check_mark:, :heavy_check_mark: or :ballot_box_with_check: on the one that solves it"));
    }

    @Test
    @DisplayName("/profile of a mentioned member who never used the bot names them, not their raw id")
    void profileOfNewcomerUsesDisplayName() {
        bot.slack.addUser("U0DANA", "Dana Scully", false);

        bot.command(ANN, "/profile", "<@U0DANA>");

        await().atMost(WAIT).until(() -> !bot.responses().isEmpty());
        assertThat(bot.responses().get(bot.responses().size() - 1).text())
                .startsWith("Dana Scully hasn't used Bandura yet").doesNotContain("U0DANA");
    }

    @Test
    @DisplayName("a check mark on the question itself tells the asker privately what to do")
    void checkMarkOnQuestion() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");

        bot.react(ANN, "heavy_check_mark", question.ts(), true);

        await().atMost(WAIT).until(() -> !bot.slack.ephemerals().isEmpty());
        FakeSlack.ApiCall hint = bot.slack.ephemerals().get(0);
        assertThat(hint.param("user")).isEqualTo(ANN);
        assertThat(hint.param("text")).contains("on your question Q1 itself").contains("answer's message");
    }

    @Test
    @DisplayName("a refused reaction inside a thread is answered privately in that thread")
    void refusalInThread() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = answered(question);
        await().atMost(WAIT).until(() -> bot.slack.ephemerals().size() == 1); // "A1 posted to Q1…"

        bot.react(BOB, "+1", answer, true);

        await().atMost(WAIT).until(() -> bot.slack.ephemerals().size() == 2);
        FakeSlack.ApiCall refusal = bot.slack.ephemerals().get(1);
        assertThat(refusal.param("text")).contains("You can't vote on your own answer");
        assertThat(refusal.param("thread_ts")).isEqualTo(question.ts());
    }

    @Test
    @DisplayName("'Ask as question' on Cat's message makes Cat the asker, who can accept; Ann is recorded as poster")
    void askAsQuestionForSomeoneElse() {
        JsonObject message = SlackPayloads.message(CAT, CHANNEL, "1700000700.000200", null,
                "Which pool size for java batch jobs? #java");

        bot.slack.awaitAck(bot.slack.sendInteractive(SlackPayloads.messageShortcut(SlackCommands.ASK_SHORTCUT, ANN,
                CHANNEL, message, bot.slack.responseUrl())));
        await().atMost(WAIT).until(() -> bot.slack.posts().size() == 2);

        List<String> people = bot.testCore.database().inTransaction(sql -> sql.list(
                "SELECT a.user_id, p.user_id FROM question q JOIN member a ON a.id = q.asker_id "
                        + "JOIN member p ON p.id = q.posted_by_id", row -> row.getString(1) + "/" + row.getString(2)));
        assertThat(people).containsExactly(CAT + "/" + ANN);
        String answer = answered(bot.slack.posts().get(0));
        long before = bot.reputation(BOB);
        bot.react(CAT, "white_check_mark", answer, true);
        await().atMost(WAIT).until(() -> bot.reputation(BOB) == before + 15);
    }

    @Test
    @DisplayName("'Answer with this message' on a reply in a question's thread prefills that question's id")
    void answerShortcutPrefillsQuestion() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        JsonObject message = SlackPayloads.message(CAT, CHANNEL, "1700000800.000100", question.ts(), "cores * 2");

        bot.slack.awaitAck(bot.slack.sendInteractive(SlackPayloads.messageShortcut(SlackCommands.ANSWER_SHORTCUT,
                ANN, CHANNEL, message, bot.slack.responseUrl())));

        await().atMost(WAIT).until(() -> bot.slack.calls("views.open").size() == 1);
        String view = bot.slack.calls("views.open").get(0).json("view").toString();
        assertThat(view).contains("\"initial_value\":\"Q1\"");
    }

    @Test
    @DisplayName("App Home lists each tag of an open question once")
    void homeShowsEachTagOnce() {
        bot.ask(ANN, "How do I size a connection pool? #java");

        bot.event(SlackPayloads.newEventId(), SlackPayloads.appHomeOpened(BOB), 0);

        await().atMost(WAIT).until(() -> bot.slack.calls("views.publish").size() == 1);
        String blocks = bot.slack.calls("views.publish").get(0).json("view").toString();
        assertThat(blocks).contains("Q1 How do I size a connection pool? #java").doesNotContain("#java #java");
    }

    @Test
    @DisplayName("an unreachable API URL is reported as a network problem, never as an invalid token")
    void unreachableApi() {
        SlackFrontDoor door = new SlackFrontDoor(bot.testCore.core(),
                SlackSettings.socketMode("xoxb-test-token", "xapp-test-token").withApiUrl("http://127.0.0.1:1/api/"));
        try {
            assertThatThrownBy(door::start).hasMessageStartingWith("Can't reach the Slack API at http://127.0.0.1:1/api/")
                    .hasMessageNotContaining("invalid").hasMessageNotContaining("xoxb-test");
        } finally {
            door.close();
        }
    }
}
