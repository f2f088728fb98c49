package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.slack.SlackHarness.ANN;
import static org.bandura.slack.SlackHarness.BOB;
import static org.bandura.slack.SlackHarness.CAT;
import static org.bandura.slack.SlackHarness.CHANNEL;

import com.google.gson.JsonObject;
import java.time.Duration;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Modals, message shortcuts and App Home, end to end with the real core. */
class SlackInteractivityTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SlackHarness bot;

    @BeforeEach
    void start() throws Exception {
        bot = SlackHarness.socketModeWithJavaExpert();
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
    }

    @Test
    @DisplayName("/ask without text opens a modal with the known tags; submitting it posts the question")
    void askModal() {
        // WHEN Ann types /ask alone
        bot.command(ANN, "/ask", "");

        // THEN a modal opens with a question field and the workspace's tags to pick from
        await().atMost(WAIT).until(() -> bot.slack.calls("views.open").size() == 1);
        FakeSlack.ApiCall open = bot.slack.calls("views.open").get(0);
        assertThat(open.param("trigger_id")).isNotBlank();
        JsonObject view = open.json("view").getAsJsonObject();
        assertThat(view.get("callback_id").getAsString()).isEqualTo(SlackViews.ASK_MODAL);
        assertThat(view.get("private_metadata").getAsString()).isEqualTo(CHANNEL);
        assertThat(view.get("blocks").toString()).contains("\"value\":\"java\"").contains("Your question");

        // WHEN she submits it with a picked tag and a new one
        JsonObject values = new JsonObject();
        values.add(SlackViews.QUESTION_BLOCK, single(SlackViews.QUESTION_ACTION,
                SlackPayloads.plainTextValue("How do I size a connection pool?")));
        values.add(SlackViews.TAGS_BLOCK, single(SlackViews.TAGS_ACTION, SlackPayloads.multiSelectValue("java")));
        values.add(SlackViews.NEW_TAGS_BLOCK, single(SlackViews.NEW_TAGS_ACTION,
                SlackPayloads.plainTextValue("hikari")));
        FakeSlack.Ack ack = bot.slack.awaitAck(bot.slack.sendInteractive(
                SlackPayloads.viewSubmission(SlackViews.ASK_MODAL, ANN, CHANNEL, values)));

        // THEN the modal closes and the question is posted with both tags, routed to Bob
        assertThat(ack.payload().has("response_action")).isFalse();
        await().atMost(WAIT).until(() -> bot.slack.posts().size() == 2);
        assertThat(bot.slack.posts().get(0).blocksJson()).contains("How do I size a connection pool?")
                .contains("`java`").contains("`hikari`");
        assertThat(bot.slack.posts().get(1).text()).contains("<@" + BOB + ">");
        await().atMost(WAIT).until(() -> bot.slack.ephemerals().size() == 1);
        assertThat(bot.slack.ephemerals().get(0).param("user")).isEqualTo(ANN);
        assertThat(bot.slack.ephemerals().get(0).param("text")).contains("Q1");
    }

    @Test
    @DisplayName("Submitting the modal without a question shows an error on the field instead of closing")
    void emptyModalIsRefused() {
        JsonObject values = new JsonObject();
        values.add(SlackViews.QUESTION_BLOCK, single(SlackViews.QUESTION_ACTION, SlackPayloads.plainTextValue(" ")));

        FakeSlack.Ack ack = bot.slack.awaitAck(bot.slack.sendInteractive(
                SlackPayloads.viewSubmission(SlackViews.ASK_MODAL, ANN, CHANNEL, values)));

        assertThat(ack.payload().get("response_action").getAsString()).isEqualTo("errors");
        assertThat(ack.payload().getAsJsonObject("errors").has(SlackViews.QUESTION_BLOCK)).isTrue();
        assertThat(bot.slack.posts()).isEmpty();
    }

    @Test
    @DisplayName("Message shortcut 'Ask as question' turns a message (even one in a thread) into a new question")
    void askAsQuestionShortcut() {
        JsonObject message = SlackPayloads.message(ANN, CHANNEL, "1700000700.000200", "1700000700.000100",
                "Which pool size for java batch jobs? #java");

        bot.slack.awaitAck(bot.slack.sendInteractive(SlackPayloads.messageShortcut(SlackCommands.ASK_SHORTCUT, ANN,
                CHANNEL, message, bot.slack.responseUrl())));

        await().atMost(WAIT).until(() -> bot.slack.posts().size() == 2);
        assertThat(bot.slack.posts().get(0).blocksJson()).contains("*Q1* Which pool size for java batch jobs?");
        assertThat(bot.slack.posts().get(0).threadTs()).isNull();
        assertThat(bot.slack.posts().get(1).text()).contains("<@" + BOB + ">");
    }

    @Test
    @DisplayName("Message shortcut 'Answer with this message' records the message as its author's answer")
    void answerWithMessageShortcut() {
        bot.ask(ANN, "How do I size a connection pool? #java");
        JsonObject message = SlackPayloads.message(CAT, CHANNEL, "1700000800.000100", null,
                "Pool size = cores * 2, then measure.");

        bot.slack.awaitAck(bot.slack.sendInteractive(SlackPayloads.messageShortcut(SlackCommands.ANSWER_SHORTCUT,
                ANN, CHANNEL, message, bot.slack.responseUrl())));
        await().atMost(WAIT).until(() -> bot.slack.calls("views.open").size() == 1);
        JsonObject view = bot.slack.calls("views.open").get(0).json("view").getAsJsonObject();
        assertThat(view.get("callback_id").getAsString()).isEqualTo(SlackViews.ANSWER_MODAL);

        JsonObject values = new JsonObject();
        values.add(SlackViews.ANSWER_QUESTION_BLOCK, single(SlackViews.ANSWER_QUESTION_ACTION,
                SlackPayloads.plainTextValue("Q1")));
        values.add(SlackViews.ANSWER_TEXT_BLOCK, single(SlackViews.ANSWER_TEXT_ACTION,
                SlackPayloads.plainTextValue("Pool size = cores * 2, then measure.")));
        bot.slack.awaitAck(bot.slack.sendInteractive(SlackPayloads.viewSubmission(SlackViews.ANSWER_MODAL, ANN,
                view.get("private_metadata").getAsString(), values)));

        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
        // The answer is Cat's and lives at the message: a 👍 on that message counts for Cat.
        long before = bot.reputation(CAT);
        bot.react(BOB, "+1", "1700000800.000100", true);
        await().atMost(WAIT).until(() -> bot.reputation(CAT) == before + 10);
    }

    @Test
    @DisplayName("App Home shows the member's reputation, tags and the open questions in their tags")
    void appHome() {
        bot.ask(ANN, "How do I size a connection pool? #java");

        bot.event(SlackPayloads.newEventId(), SlackPayloads.appHomeOpened(BOB), 0);

        await().atMost(WAIT).until(() -> bot.slack.calls("views.publish").size() == 1);
        FakeSlack.ApiCall publish = bot.slack.calls("views.publish").get(0);
        assertThat(publish.param("user_id")).isEqualTo(BOB);
        JsonObject view = publish.json("view").getAsJsonObject();
        assertThat(view.get("type").getAsString()).isEqualTo("home");
        assertThat(view.get("blocks").toString()).contains("reputation").contains("#java")
                .contains("Q1");
    }

    private static JsonObject single(String actionId, JsonObject value) {
        JsonObject block = new JsonObject();
        block.add(actionId, value);
        return block;
    }
}
