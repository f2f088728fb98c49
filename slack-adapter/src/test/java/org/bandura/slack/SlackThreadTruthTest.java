package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.slack.SlackHarness.ANN;
import static org.bandura.slack.SlackHarness.BOB;
import static org.bandura.slack.SlackHarness.CHANNEL;

import java.time.Duration;
import org.bandura.slack.fake.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real Bolt ↔ fake Slack ↔ real core: the accept notice in the thread follows the question's state. */
@DisplayName("The thread tells the truth on Slack")
class SlackThreadTruthTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SlackHarness bot;
    private FakeSlack.Posted question;
    private String answer;

    @BeforeEach
    void questionWithAnswer() throws Exception {
        bot = SlackHarness.socketModeWithJavaExpert();
        question = bot.ask(ANN, "How do I size a connection pool? #java");
        answer = bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
    }

    private FakeSlack.Posted notice() {
        await().atMost(WAIT).until(() -> bot.slack.posts().stream().anyMatch(post -> post.text().contains("accepted")));
        return bot.slack.posts().stream().filter(post -> post.text().contains("accepted")).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("the notice mentions exactly the answerer; unaccept deletes it and the status is open again")
    void unacceptDeletesNotice() {
        bot.react(ANN, "white_check_mark", answer, true);
        FakeSlack.Posted notice = notice();
        assertThat(notice.text()).contains("<@" + BOB + ">").doesNotContain("<@" + ANN + ">");
        assertThat(notice.threadTs()).isEqualTo(question.ts());

        bot.react(ANN, "white_check_mark", answer, false);

        await().atMost(WAIT).until(() -> bot.slack.calls("chat.delete").size() == 1);
        assertThat(bot.slack.messageText(CHANNEL, notice.ts())).isNull();
        await().atMost(WAIT).until(() -> bot.slack.messageBlocks(CHANNEL, question.ts()).toString().contains("Open"));
    }

    @Test
    @DisplayName("with /privacy announcements off the notice names the answerer without a mention")
    void silentNotice() {
        bot.command(BOB, "/privacy", "announcements off");
        await().atMost(WAIT).until(() -> bot.responses().stream()
                .anyMatch(response -> response.text().contains("announcements off")));

        bot.react(ANN, "white_check_mark", answer, true);

        assertThat(notice().text()).contains("A1 by Bob").doesNotContain("<@" + BOB + ">");
    }
}
