package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.testing.TestCore;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Graceful stop on Slack (issue 8 §3): after SIGTERM the core refuses new commands. An event it refused must not be
 * acked (Slack never sends an acked event again, and nobody saw an error): Slack delivers it again after the
 * restart, where it counts once. Slash commands get the polite "restarting" answer, which the member sees.
 */
class SlackStopTest {

    private static final String CHANNEL = "C0HELP";
    private static final String ANN = "U0ANN";
    private static final String BOB = "U0BOB";
    private static final String CAT = "U0CAT";
    private static final WorkspaceRef WORKSPACE = new WorkspaceRef(Platform.SLACK, FakeSlack.TEAM,
            FakeSlack.TEAM_DOMAIN);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeSlack slack;
    private TestCore stopping;
    private TestCore restarted;
    private SlackFrontDoor firstDoor;
    private SlackFrontDoor secondDoor;
    private SlackSettings settings;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        slack.addUser(ANN, "Ann", false);
        slack.addUser(BOB, "Bob", false);
        slack.addUser(CAT, "Cat", false);
        stopping = TestCore.onH2();
        // One envelope thread: envelopes are handled in the order sent, so an ack proves the earlier ones handled.
        settings = new SlackSettings("xoxb-test-token", "xapp-test-token", null, slack.apiUrl(), List.of(), null,
                null, null, 1);
        firstDoor = new SlackFrontDoor(stopping.core(), settings);
        firstDoor.start();
        slack.awaitConnected();
    }

    @AfterEach
    void stop() {
        if (secondDoor != null) {
            secondDoor.close();
        }
        firstDoor.close();
        if (restarted != null) {
            restarted.close();
        }
        stopping.close();
        slack.close();
    }

    @Test
    @DisplayName("a reply and a vote arriving while the bot stops are not acked; redelivered after the restart, each counts once")
    void eventsDuringStopAreDeliveredAgain() throws Exception {
        slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand("/ask", "How do I size a connection pool? #java",
                ANN, "ann", CHANNEL, slack.responseUrl())));
        await().atMost(WAIT).until(() -> slack.posts().size() >= 1 && stopping.rows("question") == 1);
        String question = slack.posts().get(0).ts();
        String answer = "1700000700.000100";
        slack.keepReply(BOB, CHANNEL, answer, question, "Start with cores * 2 and measure.");
        slack.awaitAck(slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.message(BOB, CHANNEL, answer, question, "Start with cores * 2 and measure."))));
        await().atMost(WAIT).until(() -> stopping.rows("answer") == 1);
        long bobBefore = stopping.reputation(WORKSPACE, BOB);

        // SIGTERM: the core stops taking commands (the socket stays open during the grace period)
        assertThat(stopping.service().stopAccepting(Duration.ZERO)).isTrue();
        JsonObject vote = SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.reaction(true, CAT, "+1", CHANNEL, answer, BOB));
        JsonObject reply = SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.message(CAT, CHANNEL, "1700000700.000200", question, "Also set a connection timeout."));
        // The reply is in the thread's history too, as on Slack; the vote is not, so only its redelivery can count it
        slack.keepReply(CAT, CHANNEL, "1700000700.000200", question, "Also set a connection timeout.");
        String voteEnvelope = slack.send("events_api", vote, 0);
        String replyEnvelope = slack.send("events_api", reply, 0);
        // A slash command sent after them: its ack means both events were handled (one envelope thread, in order)
        slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand("/tags", "", CAT, "cat", CHANNEL,
                slack.responseUrl())));

        assertThat(slack.acks()).doesNotContainKeys(voteEnvelope, replyEnvelope);
        await().atMost(WAIT).until(() -> slack.responses().stream()
                .anyMatch(r -> r.text().contains("I'm restarting right now")));
        assertThat(slack.ephemerals()).as("an unacked event will still count: nobody is told it failed")
                .noneMatch(call -> call.param("text").contains("restarting"));
        assertThat(stopping.rows("vote")).isZero();
        assertThat(stopping.rows("answer")).isEqualTo(1);

        // The old process closes its socket; the new one connects and Slack delivers the unacked events again
        firstDoor.close();
        restarted = TestCore.attach(stopping.database().settings(), TestCore.settings());
        secondDoor = new SlackFrontDoor(restarted.core(), settings);
        secondDoor.start();
        slack.awaitConnected();
        secondDoor.latestCatchUp().get(20, TimeUnit.SECONDS);
        slack.awaitAck(slack.send("events_api", vote, 1));
        slack.awaitAck(slack.send("events_api", reply, 1));
        await().atMost(WAIT).until(() -> restarted.rows("vote") == 1 && restarted.rows("answer") == 2);

        // A further redelivery (Slack retries up to three times) changes nothing
        slack.awaitAck(slack.send("events_api", vote, 2));
        slack.awaitAck(slack.send("events_api", reply, 2));
        assertThat(restarted.rows("vote")).isEqualTo(1);
        assertThat(restarted.rows("answer")).isEqualTo(2);
        assertThat(restarted.reputation(WORKSPACE, BOB)).isEqualTo(bobBefore + 10);
    }

    @Test
    @DisplayName("an event refused while stopping is read back by catch-up at the next start, and a late redelivery is a no-op")
    void eventsDuringStopAreCaughtUp() throws Exception {
        slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand("/ask", "How do I size a connection pool? #java",
                ANN, "ann", CHANNEL, slack.responseUrl())));
        await().atMost(WAIT).until(() -> slack.posts().size() >= 1 && stopping.rows("question") == 1);
        String question = slack.posts().get(0).ts();

        stopping.service().stopAccepting(Duration.ZERO);
        String answer = "1700000700.000300";
        slack.keepReply(BOB, CHANNEL, answer, question, "Start with cores * 2 and measure.");
        JsonObject reply = SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.message(BOB, CHANNEL, answer, question, "Start with cores * 2 and measure."));
        String replyEnvelope = slack.send("events_api", reply, 0);
        slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand("/tags", "", CAT, "cat", CHANNEL,
                slack.responseUrl())));
        assertThat(slack.acks()).doesNotContainKey(replyEnvelope);

        firstDoor.close();
        restarted = TestCore.attach(stopping.database().settings(), TestCore.settings());
        secondDoor = new SlackFrontDoor(restarted.core(), settings);
        secondDoor.start();
        slack.awaitConnected();
        assertThat(secondDoor.latestCatchUp().get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(restarted.rows("answer")).isEqualTo(1);

        slack.awaitAck(slack.send("events_api", reply, 1));
        assertThat(restarted.rows("answer")).isEqualTo(1);
    }
}
