package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bandura.core.command.Command;
import org.bandura.core.reply.Reply;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What Bolt 1.51.0 gets wrong by default, proven fixed: slow handlers, unhandled events, exceptions, shutdown. */
class SocketModeBehaviourTest {

    private FakeSlack slack;
    private RecordingCore core;
    private SlackFrontDoor door;
    private Set<Thread> threadsBefore;

    @BeforeEach
    void start() throws Exception {
        threadsBefore = Thread.getAllStackTraces().keySet();
        slack = new FakeSlack();
        slack.addUser("U0ANN", "Ann", false);
        core = new RecordingCore();
        door = new SlackFrontDoor(core, SlackSettings.socketMode("xoxb-test-token", "xapp-test-token")
                .withApiUrl(slack.apiUrl()));
        door.start();
        slack.awaitConnected();
    }

    @AfterEach
    void stop() throws Exception {
        door.close();
        slack.close();
    }

    @Test
    @DisplayName("Acknowledged means committed: no command, vote or reply is acked before the core has finished it")
    void ackWaitsForTheCore() {
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Instant> finished = new ConcurrentHashMap<>();
        core.answerWith((actor, command) -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.put(command.getClass().getSimpleName() + finished.size(), Instant.now());
            return Reply.ok("done");
        });
        List<String> envelopes = new ArrayList<>();
        envelopes.add(slack.sendCommand(SlackPayloads.slashCommand("/tags", "", "U0ANN", "ann", "C0HELP",
                slack.responseUrl())));
        envelopes.add(slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.reaction(true, "U0ANN", "+1", "C0HELP", "1700000600.000300", "U0BOB"))));
        envelopes.add(slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.message("U0ANN", "C0HELP", "1700000600.000400", "1700000600.000100", "an answer"))));

        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> slack.acks().isEmpty());
        Instant released = Instant.now();
        release.countDown();

        envelopes.forEach(slack::awaitAck);
        assertThat(finished).hasSize(3);
        for (String envelope : envelopes) {
            assertThat(slack.acks().get(envelope).at()).isAfterOrEqualTo(released)
                    .isAfterOrEqualTo(finished.values().stream().min(Instant::compareTo).orElseThrow());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 1);
    }

    @Test
    @DisplayName("An event nobody handles is acked anyway, so Slack does not retry it")
    void unhandledEventIsAcked() {
        JsonObject joined = new JsonObject();
        joined.addProperty("type", "member_joined_channel");
        joined.addProperty("user", "U0ANN");
        joined.addProperty("channel", "C0HELP");
        joined.addProperty("event_ts", "1700000000.000100");

        slack.awaitAck(slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(), joined)));
        assertThat(core.calls()).isEmpty();
    }

    @Test
    @DisplayName("A listener that throws still acks, with a polite private text and no stack trace")
    void exceptionStillAcksPolitely() {
        JsonObject broken = SlackPayloads.slashCommand("/tags", "", "U0ANN", "ann", "C0HELP", slack.responseUrl());
        broken.remove("user_id");

        FakeSlack.Ack ack = slack.awaitAck(slack.sendCommand(broken));

        assertThat(ack.payload().get("text").getAsString()).isEqualTo(SlackListeners.SORRY);
        assertThat(ack.payload().get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(ack.message().toString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    @DisplayName("A core failure before the ack reaches the user as a polite private text in the ack")
    void coreFailureIsPolite() {
        core.answerWith((actor, command) -> {
            throw new IllegalStateException("boom");
        });

        FakeSlack.Ack ack = slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand("/tags", "", "U0ANN", "ann",
                "C0HELP", slack.responseUrl())));

        assertThat(ack.payload().get("text").getAsString()).isEqualTo(SlackListeners.SORRY);
        assertThat(ack.message().toString()).doesNotContain("boom").doesNotContain("Exception");
    }

    @Test
    @DisplayName("A button press runs its command line as the presser in the press's workspace, before the ack")
    void buttonPressRunsAsPresser() {
        core.answerWith((actor, command) -> Reply.error("Q7 is your own question, so there is nothing to claim."));

        String url = slack.responseUrl();
        slack.awaitAck(slack.sendInteractive(claimPress("U0ANN", url)));

        // The core ran before the ack: the call is there as soon as the ack is
        assertThat(core.calls()).singleElement().satisfies(call -> {
            assertThat(call.actor().workspace().externalId()).isEqualTo(FakeSlack.TEAM);
            assertThat(call.actor().userId()).isEqualTo("U0ANN");
            assertThat(call.command()).isEqualTo(new Command.Claim(7));
            assertThat(call.eventKey()).startsWith("button:");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 1);
        assertThat(slack.responses().get(0).responseType()).isEqualTo("ephemeral");
        assertThat(slack.responses().get(0).text()).isEqualTo("Q7 is your own question, so there is nothing to claim.");
        assertThat(slack.posts()).isEmpty();
    }

    @Test
    @DisplayName("A button press whose command fails is acked and answered politely, privately, without a trace")
    void failingButtonPressIsPolite() {
        core.answerWith((actor, command) -> {
            throw new IllegalStateException("boom");
        });

        FakeSlack.Ack ack = slack.awaitAck(slack.sendInteractive(claimPress("U0ANN", slack.responseUrl())));

        assertThat(ack.message().toString()).doesNotContain("Exception").doesNotContain("boom");
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 1);
        assertThat(slack.responses().get(0).text()).isEqualTo(SlackListeners.SORRY);
        assertThat(slack.responses().get(0).responseType()).isEqualTo("ephemeral");
        assertThat(slack.responses().get(0).body().get("replace_original").getAsBoolean()).isFalse();
    }

    /** "I'm on it" for Q7 pressed on a thread message in C0HELP. */
    private static JsonObject claimPress(String user, String responseUrl) {
        JsonObject button = new JsonObject();
        button.addProperty("type", "button");
        button.addProperty("action_id", org.bandura.core.reply.Action.claim(7).id());
        button.addProperty("value", "/claim Q7");
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", "I'm on it");
        button.add("text", text);
        FakeSlack.Posted message = new FakeSlack.Posted("C0HELP", "1700000000.000300", "1700000000.000200",
                "<@U0ANN> this question is in your tags.", new com.google.gson.JsonArray());
        return SlackPayloads.blockAction(user, message, SlackViews.BUTTONS_BLOCK, button, responseUrl);
    }

    @Test
    @DisplayName("Messages from bots (the bot's own thread replies included) never reach the core")
    void botMessagesAreIgnored() {
        JsonObject own = SlackPayloads.message(FakeSlack.BOT_USER, "C0HELP", "1700000600.000200",
                "1700000600.000100", "<@U0BOB> this question is in your tags.");
        own.addProperty("bot_id", FakeSlack.BOT_ID);
        JsonObject human = SlackPayloads.message("U0ANN", "C0HELP", "1700000600.000300", "1700000600.000100",
                "thanks");

        slack.awaitAck(slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(), own)));
        slack.awaitAck(slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(), human)));

        await().atMost(Duration.ofSeconds(5)).until(() -> core.calls().size() == 1);
        assertThat(core.commands(Command.ThreadMessage.class))
                .containsExactly(new Command.ThreadMessage("C0HELP:1700000600.000100", "C0HELP:1700000600.000300",
                        "thanks"));
    }

    @Test
    @DisplayName("Edits and deletions of chat messages reach the core with the message key")
    void editAndDelete() {
        slack.awaitAck(slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.messageChanged("U0ANN", "C0HELP", "1700000600.000300", "1700000600.000100",
                        "better &amp; shorter"))));
        slack.awaitAck(slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.messageDeleted("U0ANN", "C0HELP", "1700000600.000300"))));

        await().atMost(Duration.ofSeconds(5)).until(() -> core.calls().size() == 2);
        assertThat(core.commands(Command.EditMessage.class))
                .containsExactly(new Command.EditMessage("C0HELP:1700000600.000300", "better & shorter"));
        assertThat(core.commands(Command.DeleteMessage.class))
                .containsExactly(new Command.DeleteMessage("C0HELP:1700000600.000300"));
    }

    @Test
    @DisplayName("close() ends the connection and leaves no Bolt, Socket Mode, websocket or HTTP client thread")
    void closeLeavesNoThreads() throws Exception {
        slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand("/tags", "", "U0ANN", "ann", "C0HELP",
                slack.responseUrl())));
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 1);

        door.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(newThreads()).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> !slack.connected());
    }

    @Test
    @DisplayName("On a 'disconnect' message the bot reconnects to the URL apps.connections.open returns")
    void reconnectsOnDisconnect() {
        int opened = slack.calls("apps.connections.open").size();

        slack.sendDisconnect();

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("apps.connections.open").size() > opened
                && slack.connected());
        slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand("/tags", "", "U0ANN", "ann", "C0HELP",
                slack.responseUrl())));
    }

    @Test
    @DisplayName("A revoked or wrong bot token fails start() with a readable message that shows no token")
    void badTokenFailsStart() throws Exception {
        try (FakeSlack refusing = new FakeSlack()) {
            refusing.rejectTokens();
            SlackFrontDoor broken = new SlackFrontDoor(core, SlackSettings.socketMode("xoxb-wrong-token",
                    "xapp-wrong-token").withApiUrl(refusing.apiUrl()));
            try {
                assertThatThrownBy(broken::start).hasMessageContaining("invalid_auth")
                        .hasMessageNotContaining("xoxb-wrong").hasMessageNotContaining("xapp-wrong");
            } finally {
                broken.close();
            }
        }
    }

    private List<String> newThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !threadsBefore.contains(thread))
                .map(Thread::getName)
                .filter(name -> !name.startsWith("fake-slack") && !name.startsWith("awaitility"))
                .collect(Collectors.toList());
    }
}
