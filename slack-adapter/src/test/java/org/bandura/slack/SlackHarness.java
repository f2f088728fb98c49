package org.bandura.slack;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bandura.core.BanduraCore;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.testing.TestCore;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;

/**
 * One running bot for a test: the local fake Slack, a real core on a fresh H2 database, and the real Bolt app in
 * Socket Mode between them.
 */
final class SlackHarness implements AutoCloseable {

    static final String CHANNEL = "C0HELP";
    static final String ANN = "U0ANN";
    static final String BOB = "U0BOB";
    static final String CAT = "U0CAT";
    static final String ADMIN = "U0ADMIN";
    static final WorkspaceRef WORKSPACE = new WorkspaceRef(Platform.SLACK, FakeSlack.TEAM, FakeSlack.TEAM_DOMAIN);

    final FakeSlack slack;
    final TestCore testCore;
    final SlackFrontDoor door;
    private final AtomicLong userTs = new AtomicLong(1_700_001_000_000_100L);

    static SlackHarness socketMode() throws Exception {
        return socketMode(List.of());
    }

    /** Socket Mode with Bob following #java, so questions tagged java are routed to him. */
    static SlackHarness socketModeWithJavaExpert() throws Exception {
        SlackHarness bot = socketMode();
        bot.command(BOB, "/expert", "add java");
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.responses().size() == 1);
        return bot;
    }

    /** With extra moderators from the settings (besides workspace admins). */
    static SlackHarness socketMode(List<String> moderators) throws Exception {
        FakeSlack slack = new FakeSlack();
        TestCore core = TestCore.onH2();
        return new SlackHarness(slack, core, core.core(), SlackSettings.socketMode("xoxb-test-token", "xapp-test-token")
                .withApiUrl(slack.apiUrl()).withModerators(moderators));
    }

    SlackHarness(FakeSlack slack, TestCore testCore, BanduraCore core, SlackSettings settings) throws Exception {
        this.slack = slack;
        this.testCore = testCore;
        if (testCore != null) {
            // These tests are about what is posted, not when: the real pace (one post per second per channel, by the
            // outbox clock, which they don't move) is proven by SlackOutboxDeliveryTest.
            testCore.service().outbox().pace(Platform.SLACK, Duration.ZERO);
        }
        slack.addUser(ANN, "Ann", false);
        slack.addUser(BOB, "Bob", false);
        slack.addUser(CAT, "Cat", false);
        slack.addUser(ADMIN, "Ada", true);
        this.door = new SlackFrontDoor(core, settings);
        if (testCore != null) {
            door.noFollowUpPasses(); // with no pace everything due goes out in the pass a command triggers
        }
        door.start();
        if (settings.socketMode()) {
            slack.awaitConnected();
        }
    }

    /** Sends a slash command and waits for its ack (within 3 s). */
    FakeSlack.Ack command(String user, String command, String text) {
        return slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand(command, text, user,
                user.toLowerCase(), CHANNEL, slack.responseUrl())));
    }

    /** Asks through /ask and returns the posted question message once the thread reply is there too. */
    FakeSlack.Posted ask(String user, String text) {
        int before = slack.posts().size();
        command(user, "/ask", text);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.posts().size() >= before + 2);
        return slack.posts().get(before);
    }

    /** A user's reply in a thread; returns the reply's ts. */
    String reply(String user, String threadTs, String text) {
        String ts = nextTs();
        event(SlackPayloads.newEventId(), SlackPayloads.message(user, CHANNEL, ts, threadTs, text), 0);
        return ts;
    }

    /** Sends an event callback and waits for its ack. */
    FakeSlack.Ack event(String eventId, JsonObject event, int retryAttempt) {
        return slack.awaitAck(slack.send("events_api", SlackPayloads.eventCallback(eventId, event), retryAttempt));
    }

    String react(String user, String emoji, String ts, boolean added) {
        String eventId = SlackPayloads.newEventId();
        event(eventId, SlackPayloads.reaction(added, user, emoji, CHANNEL, ts, BOB), 0);
        return eventId;
    }

    /** The buttons of a posted message as it is now: (block id, button element), in order. */
    List<Map.Entry<String, JsonObject>> buttons(FakeSlack.Posted message) {
        FakeSlack.Posted now = slack.message(message.channel(), message.ts());
        List<Map.Entry<String, JsonObject>> buttons = new ArrayList<>();
        if (now == null) {
            return buttons;
        }
        for (JsonElement block : now.blocks()) {
            JsonObject object = block.getAsJsonObject();
            if ("actions".equals(object.get("type").getAsString())) {
                String blockId = object.has("block_id") ? object.get("block_id").getAsString() : null;
                object.getAsJsonArray("elements").forEach(element -> buttons.add(
                        Map.entry(blockId, element.getAsJsonObject())));
            }
        }
        return buttons;
    }

    /**
     * Presses the button labelled {@code label} on a posted message as it is now, as {@code user}, and waits for the
     * ack (within 3 s). Returns the press's response URL.
     */
    String press(String user, FakeSlack.Posted message, String label) {
        Map.Entry<String, JsonObject> button = buttons(message).stream()
                .filter(entry -> entry.getValue().getAsJsonObject("text").get("text").getAsString().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("No button " + label + " on " + message));
        return press(user, slack.message(message.channel(), message.ts()), button.getKey(), button.getValue());
    }

    /** Presses a given button element, even one the message no longer shows (a stale client). */
    String press(String user, FakeSlack.Posted message, String blockId, JsonObject button) {
        String responseUrl = slack.responseUrlFor(message.channel(), message.ts());
        slack.awaitAck(slack.sendInteractive(SlackPayloads.blockAction(user, message, blockId, button, responseUrl)));
        return responseUrl;
    }

    long reputation(String user) {
        return testCore.reputation(WORKSPACE, user);
    }

    List<FakeSlack.Responded> responses() {
        return slack.responses();
    }

    String nextTs() {
        long micros = userTs.incrementAndGet();
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }

    @Override
    public void close() {
        door.close();
        slack.close();
        testCore.close();
    }
}
