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
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real Bolt in Socket Mode ↔ local fake Slack ↔ real core ↔ real H2. */
class SlackEndToEndTest {

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
    @DisplayName("/ask: ack within 3 s, Block Kit question in the channel, expert mentioned in its thread, id to the asker")
    void askPostsQuestionAndMentionsExpert() {
        // WHEN Ann asks a java question
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");

        // THEN the question shows its id, text and tags
        assertThat(question.channel()).isEqualTo(CHANNEL);
        assertThat(question.threadTs()).isNull();
        assertThat(question.blocksJson()).contains("*Q1* How do I size a connection pool? #java")
                .contains("`java`").contains("asked by Ann");
        // AND its thread mentions exactly the routed expert
        FakeSlack.Posted thread = bot.slack.posts().get(1);
        assertThat(thread.threadTs()).isEqualTo(question.ts());
        assertThat(thread.text()).contains("<@" + BOB + ">").doesNotContain("<@" + ANN + ">");
        // AND Ann privately gets the id
        await().atMost(WAIT).until(() -> bot.responses().size() == 2);
        FakeSlack.Responded toAsker = bot.responses().get(1);
        assertThat(toAsker.responseType()).isEqualTo("ephemeral");
        assertThat(toAsker.text()).contains("Q1");
        // AND the core knows where the question lives: a reply in its thread becomes an answer
        bot.reply(CAT, question.ts(), "Start with cores * 2.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
    }

    @Test
    @DisplayName("Similar questions reach the asker privately, at most three")
    void similarQuestions() {
        bot.ask(ANN, "How do I size a connection pool? #java");
        bot.ask(CAT, "Connection pool size for postgres? #java");
        await().atMost(WAIT).until(() -> bot.responses().size() == 3);
        assertThat(bot.responses()).map(FakeSlack.Responded::text)
                .anySatisfy(text -> assertThat(text).contains("*Q2*").contains("Similar questions").contains("Q1"));
    }

    @Test
    @DisplayName("A thread reply by someone else is an answer; the asker's own reply is a follow-up")
    void threadRepliesBecomeAnswers() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");

        bot.reply(ANN, question.ts(), "I use HikariCP, if that matters.");
        bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");

        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
        await().atMost(WAIT).until(() -> !bot.slack.ephemerals().isEmpty());
        FakeSlack.ApiCall thanks = bot.slack.ephemerals().get(0);
        assertThat(thanks.param("user")).isEqualTo(BOB);
        assertThat(thanks.param("thread_ts")).isEqualTo(question.ts());
        assertThat(thanks.param("text")).contains("A1");
    }

    @Test
    @DisplayName("👍 on an answer gives its author +10; removing the reaction takes it back")
    void upvoteAndRetract() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
        long before = bot.reputation(BOB);

        bot.react(CAT, "+1", answer, true);
        await().atMost(WAIT).until(() -> bot.reputation(BOB) == before + 10);

        bot.react(CAT, "+1", answer, false);
        await().atMost(WAIT).until(() -> bot.reputation(BOB) == before);
    }

    @Test
    @DisplayName("A redelivered reaction event (a Slack retry) counts once, even after the vote was taken back")
    void redeliveredEventCountsOnce() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
        long before = bot.reputation(BOB);
        String added = SlackPayloads.newEventId();

        // Cat upvotes, then takes it back
        bot.event(added, SlackPayloads.reaction(true, CAT, "+1", CHANNEL, answer, BOB), 0);
        await().atMost(WAIT).until(() -> bot.reputation(BOB) == before + 10);
        bot.react(CAT, "+1", answer, false);
        await().atMost(WAIT).until(() -> bot.reputation(BOB) == before);

        // WHEN Slack redelivers the first reaction_added (same event id, retry_attempt 1), then Ada upvotes
        bot.event(added, SlackPayloads.reaction(true, CAT, "+1", CHANNEL, answer, BOB), 1);
        bot.react(ADMIN, "+1", answer, true);

        // THEN only Ada's vote counts, and it stays that way
        await().atMost(WAIT).during(Duration.ofMillis(500))
                .until(() -> bot.reputation(BOB) == before + 10 && bot.testCore.rows("vote") == 1);
    }

    @Test
    @DisplayName("a retried slash command (same trigger id, retry_attempt 1) asks its question once")
    void retriedSlashCommandCountsOnce() {
        JsonObject ask = SlackPayloads.slashCommand("/ask", "Is this asked twice? #java", ANN, "ann", CHANNEL,
                bot.slack.responseUrl());
        bot.slack.awaitAck(bot.slack.send("slash_commands", ask, 0));
        await().atMost(WAIT).until(() -> bot.testCore.rows("question") == 1);
        bot.slack.awaitAck(bot.slack.send("slash_commands", ask, 1));
        bot.command(BOB, "/tags", "");
        await().atMost(WAIT).until(() -> bot.responses().stream().anyMatch(r -> r.text().contains("#java — 1 question")));
        assertThat(bot.testCore.rows("question")).isEqualTo(1);
    }

    @Test
    @DisplayName("✅ by the asker accepts: confirmed in the thread and the question message shows it is solved")
    void acceptByAsker() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);

        bot.react(ANN, "white_check_mark", answer, true);

        await().atMost(WAIT).until(() -> bot.slack.calls("chat.update").size() == 1);
        assertThat(bot.slack.messageBlocks(CHANNEL, question.ts()).toString())
                .contains("Solved").contains("A1 by Bob").contains("*Q1* How do I size");
        FakeSlack.Posted confirmation = bot.slack.posts().get(bot.slack.posts().size() - 1);
        assertThat(confirmation.threadTs()).isEqualTo(question.ts());
        assertThat(confirmation.text()).contains("A1").contains("accepted");
    }

    @Test
    @DisplayName("✅ by a workspace admin accepts too; ✅ by anyone else is ignored")
    void acceptByModeratorOnly() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);

        bot.react(CAT, "white_check_mark", answer, true);
        bot.react(ADMIN, "white_check_mark", answer, true);

        await().atMost(WAIT).until(() -> bot.slack.calls("chat.update").size() == 1);
        assertThat(bot.slack.messageBlocks(CHANNEL, question.ts()).toString()).contains("accepted by Ada");
    }

    @Test
    @DisplayName("<!channel>, <!here> and <@U…> typed by a user are escaped everywhere; only the expert is pinged")
    void userTextNeverPings() {
        FakeSlack.Posted question = bot.ask(ANN,
                "Is <!channel> ok & what about &lt;!here&gt; or <@U0CAT|cat>? #java");

        String everything = question.blocksJson() + question.text();
        assertThat(everything).doesNotContain("<!channel>").doesNotContain("<!here>").doesNotContain("<@U0CAT")
                .contains("@channel").contains("&amp;").contains("&lt;!here&gt;");
        await().atMost(WAIT).until(() -> bot.responses().size() == 2);
        for (FakeSlack.Posted post : bot.slack.posts()) {
            assertThat(post.text()).doesNotContain("<!");
            assertThat(post.text().replace("<@" + BOB + ">", "")).doesNotContain("<@");
        }
        for (FakeSlack.Responded response : bot.responses()) {
            assertThat(response.text()).doesNotContain("<!").doesNotContain("<@U0CAT");
        }
    }

    @Test
    @DisplayName("Bad input gets a private, polite error: at ack time, or from the core after it")
    void badInputIsAnEphemeralError() {
        FakeSlack.Ack usage = bot.command(ANN, "/expert", "");
        assertThat(usage.payload().get("text").getAsString()).contains("Usage: /expert");
        assertThat(usage.payload().has("response_type") ? usage.payload().get("response_type").getAsString()
                : "ephemeral").isEqualTo("ephemeral");

        bot.command(ANN, "/ask", "x".repeat(5000));
        await().atMost(WAIT).until(() -> bot.responses().size() == 2);
        FakeSlack.Responded refusal = bot.responses().get(1);
        assertThat(refusal.responseType()).isEqualTo("ephemeral");
        assertThat(refusal.text()).doesNotContain("Exception");
        assertThat(bot.slack.posts()).isEmpty();
    }

    @Test
    @DisplayName("Removing the ✅ un-accepts: the question message shows it is open again")
    void unacceptByRemovingReaction() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
        bot.react(ANN, "white_check_mark", answer, true);
        await().atMost(WAIT).until(() -> bot.slack.calls("chat.update").size() == 1);

        bot.react(ANN, "white_check_mark", answer, false);

        await().atMost(WAIT).until(() -> bot.slack.calls("chat.update").size() == 2);
        assertThat(bot.slack.messageBlocks(CHANNEL, question.ts()).toString()).contains("Open")
                .doesNotContain("Solved").contains("*Q1* How do I size");
    }

    @Test
    @DisplayName("Deleting an answer message removes the answer and reverses the reputation it earned")
    void deletedAnswerMessage() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);
        long before = bot.reputation(BOB);
        bot.react(CAT, "+1", answer, true);
        await().atMost(WAIT).until(() -> bot.reputation(BOB) == before + 10);

        bot.event(SlackPayloads.newEventId(), SlackPayloads.messageDeleted(BOB, CHANNEL, answer), 0);

        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 0);
        assertThat(bot.reputation(BOB)).isEqualTo(before);
    }

    @Test
    @DisplayName("An edited answer message updates the stored answer, as plain text")
    void editedAnswerMessage() {
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);

        bot.event(SlackPayloads.newEventId(), SlackPayloads.messageChanged(BOB, CHANNEL, answer, question.ts(),
                "Start with cores * 2 &amp; measure."), 0);

        await().atMost(WAIT).until(() -> bot.slack.ephemerals().stream()
                .anyMatch(call -> call.param("text").contains("A1 updated")));
    }

    @Test
    @DisplayName("Users listed as moderators in the settings may accept like workspace admins")
    void moderatorFromSettings() throws Exception {
        bot.close();
        bot = SlackHarness.socketMode(java.util.List.of(CAT));
        FakeSlack.Posted question = bot.ask(ANN, "How do I size a connection pool? #java");
        String answer = bot.reply(BOB, question.ts(), "Start with cores * 2 and measure.");
        await().atMost(WAIT).until(() -> bot.testCore.rows("answer") == 1);

        bot.react(CAT, "white_check_mark", answer, true);

        await().atMost(WAIT).until(() -> bot.slack.calls("chat.update").size() == 1);
        assertThat(bot.slack.messageBlocks(CHANNEL, question.ts()).toString()).contains("accepted by Cat");
    }

    @Test
    @DisplayName("/tags, /top, /profile, /search, /unanswered, /expert list, /help and /web answer privately, as the core says")
    void otherCommands() {
        bot.testCore.service().enableWebSignIn("http://kb.test");
        bot.ask(ANN, "How do I size a connection pool? #java");
        await().atMost(WAIT).until(() -> bot.responses().size() == 2);
        String[][] commands = {
                {"/tags", "", "java"},
                {"/top", "java week", ""},
                {"/profile", "", "reputation"},
                {"/search", "connection pool", ""},
                {"/unanswered", "java", "Q1"},
                {"/expert", "list java", "Bob"},
                {"/help", "", "/ask"},
                {"/web", "", "http://kb.test/login/"},
                {"/web", "logout", "weren't signed in"}};
        for (String[] command : commands) {
            int before = bot.responses().size();

            bot.command(ANN, command[0], command[1]);

            await().atMost(WAIT).until(() -> bot.responses().size() == before + 1);
            FakeSlack.Responded response = bot.responses().get(before);
            assertThat(response.responseType()).as(command[0]).isEqualTo("ephemeral");
            assertThat(response.text()).as(command[0]).isNotBlank().contains(command[2]).doesNotContain("<!");
        }
    }
}
