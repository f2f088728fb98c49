package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.slack.SlackHarness.ANN;
import static org.bandura.slack.SlackHarness.BOB;
import static org.bandura.slack.SlackHarness.CHANNEL;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.search.SearchFilter;
import org.bandura.slack.fake.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Everything the bot posts goes through the outbox: real Bolt in Socket Mode against the fake Slack, which answers
 * 429, 503 or a refusal when told to. The outbox clock is the test core's: tests move it and drive delivery.
 */
class SlackOutboxDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SlackHarness bot;

    @BeforeEach
    void start() throws Exception {
        bot = SlackHarness.socketModeWithJavaExpert();
        bot.testCore.service().outbox().pace(Platform.SLACK, Duration.ofSeconds(1)); // Slack's real pace
        bot.testCore.clock().advance(Duration.ofSeconds(5)); // past the pace of the /expert reply
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    @DisplayName("HTTP 429: the question is posted once, exactly Retry-After later by the outbox clock")
    void rateLimitedPostWaitsRetryAfter() {
        bot.slack.retryAfter(30);
        bot.slack.rateLimit("chat.postMessage", 1);
        bot.command(ANN, "/ask", "How do I size a connection pool? #java");
        await().atMost(WAIT).until(() -> bot.slack.calls("chat.postMessage").size() == 1);
        assertThat(bot.slack.posts()).isEmpty();
        assertThat(unanswered()).as("not visible before its post").doesNotContain("Q1");

        bot.testCore.clock().advance(Duration.ofSeconds(29));
        bot.door.deliverNow();
        assertThat(bot.slack.calls("chat.postMessage")).hasSize(1);

        bot.testCore.clock().advance(Duration.ofSeconds(1));
        bot.door.deliverNow();
        await().atMost(WAIT).until(() -> bot.slack.posts().size() == 1);
        assertThat(bot.slack.posts().get(0).blocksJson()).contains("*Q1* How do I size a connection pool?");
        assertThat(unanswered()).contains("Q1");

        // the experts' mention follows in the thread, one pace later
        bot.testCore.clock().advance(Duration.ofSeconds(1));
        bot.door.deliverNow();
        await().atMost(WAIT).until(() -> bot.slack.posts().size() == 2);
        assertThat(bot.slack.posts().get(1).threadTs()).isEqualTo(bot.slack.posts().get(0).ts());
        assertThat(bot.slack.posts().get(1).text()).contains("<@" + BOB + ">");
        await().atMost(WAIT).until(() -> bot.responses().stream().anyMatch(r -> r.text().contains("*Q1*")));
        assertThat(bot.slack.posts().stream().filter(post -> post.threadTs() == null)).hasSize(1);
    }

    @Test
    @DisplayName("HTTP 503: retried after the back-off; posted once")
    void serverErrorIsRetried() {
        bot.slack.serverError("chat.postMessage", 1);
        bot.command(ANN, "/ask", "Why is the build slow? #java");
        await().atMost(WAIT).until(() -> bot.slack.calls("chat.postMessage").size() == 1);
        assertThat(bot.slack.posts()).isEmpty();

        bot.testCore.clock().advance(Duration.ofSeconds(1));
        bot.door.deliverNow();
        await().atMost(WAIT).until(() -> bot.slack.posts().size() == 1);
        assertThat(bot.slack.posts().get(0).blocksJson()).contains("*Q1* Why is the build slow?");
        assertThat(lastError()).contains("HTTP 503");
    }

    @Test
    @DisplayName("not_in_channel: the asker is told how to fix it, and the question is gone from /search and /unanswered")
    void notInChannelRemovesQuestionAndTellsAsker() {
        bot.slack.refuse("chat.postMessage", CHANNEL, "not_in_channel");
        bot.command(ANN, "/ask", "Where are the deploy logs? #java");
        await().atMost(WAIT).until(() -> bot.responses().stream()
                .anyMatch(r -> r.text().contains("couldn't post your question Q1")));
        FakeSlack.Responded told = bot.responses().stream()
                .filter(r -> r.text().contains("couldn't post your question Q1")).findFirst().orElseThrow();
        assertThat(told.responseType()).isEqualTo("ephemeral");
        assertThat(told.text()).contains("I'm not in <#" + CHANNEL + ">: invite me with /invite @Bandura")
                .contains("Where are the deploy logs?");
        assertThat(bot.slack.posts()).isEmpty();
        assertThat(unanswered()).doesNotContain("Q1");
        assertThat(bot.testCore.service().search().search(bot.testCore.workspaceId(SlackHarness.WORKSPACE),
                "deploy logs", SearchFilter.ANY, 0, 10).hits()).isEmpty();
        assertThat(bot.testCore.rows("question")).as("kept soft-deleted, for the ledger").isEqualTo(1);
    }

    @Test
    @DisplayName("order per channel: a retried early post holds back the later one")
    void orderKeptWhenEarlyPostRetried() {
        bot.slack.serverError("chat.postMessage", 1);
        bot.command(ANN, "/ask", "First question about pools? #java");
        await().atMost(WAIT).until(() -> bot.slack.calls("chat.postMessage").size() == 1);
        bot.command(ANN, "/ask", "Second question about threads? #java");
        bot.door.deliverNow();
        assertThat(bot.slack.posts()).as("the second waits behind the first's retry").isEmpty();

        for (int step = 0; step < 8 && bot.slack.posts().size() < 4; step++) {
            bot.testCore.clock().advance(Duration.ofSeconds(1));
            bot.door.deliverNow();
        }
        await().atMost(WAIT).until(() -> bot.slack.posts().size() == 4);
        List<String> questions = bot.slack.posts().stream().filter(post -> post.threadTs() == null)
                .map(FakeSlack.Posted::blocksJson).toList();
        assertThat(questions).hasSize(2);
        assertThat(questions.get(0)).contains("*Q1*");
        assertThat(questions.get(1)).contains("*Q2*");
    }

    @Test
    @DisplayName("pace: no two posts to one channel within 1 s of the outbox clock")
    void paceOnePostPerSecondPerChannel() {
        for (int i = 1; i <= 3; i++) {
            bot.command(ANN, "/ask", "Question number " + i + " about pools? #java");
        }
        for (int step = 0; step < 40 && bot.slack.posts().size() < 6; step++) {
            bot.testCore.clock().advance(Duration.ofMillis(250));
            bot.door.deliverNow();
        }
        await().atMost(WAIT).until(() -> bot.slack.posts().size() == 6);
        List<Instant> sent = bot.testCore.database().inTransaction(sql -> sql.list(
                "SELECT delivered_at FROM outbox_message WHERE order_key = ? AND delivered_at IS NOT NULL "
                        + "ORDER BY delivered_at", row -> row.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                CHANNEL));
        assertThat(sent).hasSizeGreaterThanOrEqualTo(6);
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < sent.size(); i++) {
            gaps.add(Duration.between(sent.get(i - 1), sent.get(i)));
        }
        assertThat(gaps).allMatch(gap -> gap.compareTo(Duration.ofSeconds(1)) >= 0);
    }

    @Test
    @DisplayName("with the database gone the member still hears back: the reply is sent directly, once")
    void replyWithoutStorageIsSentDirectly() {
        int before = bot.responses().size();
        bot.testCore.database().close();
        bot.command(ANN, "/top", "");
        await().atMost(WAIT).until(() -> bot.responses().size() > before);
        assertThat(bot.responses().get(before).text()).contains("nothing was saved");
        assertThat(bot.responses().get(before).responseType()).isEqualTo("ephemeral");
    }

    private String unanswered() {
        return bot.testCore.run(new Actor(SlackHarness.WORKSPACE, ANN, "Ann", false), "/unanswered").text()
                .toPlainString();
    }

    private String lastError() {
        return bot.testCore.database().inTransaction(sql -> sql.one(
                "SELECT last_error FROM outbox_message WHERE kind = 'QUESTION'", row -> row.getString(1)).orElse(""));
    }
}
