package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.testing.TestCore;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** HTTP mode: an HTTP server copying raw bytes (as the launcher's web server does) → SlackHttpHandler → Bolt → real core. */
class HttpModeTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeSlack slack;
    private TestCore core;
    private SlackFrontDoor door;
    private HttpServer server;
    private URI events;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        slack.addUser("U0ANN", "Ann", false);
        slack.addUser("U0CAT", "Cat", false);
        slack.addUser("U0ADMIN", "Ada", true);
        core = TestCore.onH2();
        core.service().outbox().pace(org.bandura.core.model.Platform.SLACK, Duration.ZERO); // pace: SlackOutboxDeliveryTest
        door = new SlackFrontDoor(core.core(), SlackSettings.httpMode("xoxb-test-token", SECRET)
                .withApiUrl(slack.apiUrl()));
        door.start();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slack/events", JdkHttpBridge.of(door.httpHandler().orElseThrow()));
        server.start();
        events = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        door.close();
        slack.close();
        core.close();
    }

    @Test
    @DisplayName("A correctly signed slash command is accepted and answered through its response URL")
    void signedCommandIsAccepted() throws Exception {
        String body = helpCommand();

        HttpResponse<String> response = post(body, signed(body, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 1);
        assertThat(slack.responses().get(0).text()).contains("/ask");
        assertThat(slack.responses().get(0).responseType()).isEqualTo("ephemeral");
    }

    @Test
    @DisplayName("The 200 means committed: the /ask question and a thread reply's answer are stored when it arrives")
    void okMeansCommitted() throws Exception {
        String ask = SlackPayloads.slashCommandForm("/ask", "How do I size a connection pool?", "U0ANN", "ann",
                "C0HELP", slack.responseUrl());

        assertThat(post(ask, signed(ask, Instant.now())).statusCode()).isEqualTo(200);

        assertThat(stored("SELECT title FROM question")).containsExactly("How do I size a connection pool?");
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.posts().stream()
                .anyMatch(post -> post.threadTs() != null));
        String thread = slack.posts().stream().filter(post -> post.threadTs() != null).findFirst().orElseThrow()
                .threadTs();
        String reply = SlackPayloads.eventCallback(SlackPayloads.newEventId(), SlackPayloads.message("U0CAT",
                "C0HELP", "1700009999.000100", thread, "Start with two connections per core and measure.")).toString();

        assertThat(post(reply, signed(reply, Instant.now())).statusCode()).isEqualTo(200);

        assertThat(stored("SELECT message_key FROM answer")).containsExactly("C0HELP:1700009999.000100");
    }

    private List<String> stored(String query) {
        return core.database().inTransaction(sql -> sql.list(query, row -> row.getString(1)));
    }

    @Test
    @DisplayName("A signed event callback is acked with 200 and reaches the core")
    void signedEventIsAccepted() throws Exception {
        String body = SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.appHomeOpened("U0ANN")).toString();

        HttpResponse<String> response = post(body, signed(body, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.publish").size() == 1);
    }

    @Test
    @DisplayName("A bad signature gets 401 and nothing runs")
    void badSignatureIsRejected() throws Exception {
        String body = helpCommand();
        Map<String, String> headers = signed(body, Instant.now());
        headers.put("X-Slack-Signature", "v0=" + "0".repeat(64));

        assertThat(post(body, headers).statusCode()).isEqualTo(401);
        assertThat(post(body, Map.of()).statusCode()).isEqualTo(401);
        assertThat(slack.responses()).isEmpty();
    }

    @Test
    @DisplayName("A correctly signed request older than 5 minutes (a replay) gets 401")
    void staleRequestIsRejected() throws Exception {
        String body = helpCommand();

        HttpResponse<String> response = post(body, signed(body, Instant.now().minus(Duration.ofMinutes(6))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(slack.responses()).isEmpty();
    }

    @Test
    @DisplayName("Anything but POST gets 405")
    void onlyPost() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(events).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    @DisplayName("Slack's URL verification challenge is answered when signed")
    void urlVerification() throws Exception {
        String body = "{\"token\":\"legacy\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";

        HttpResponse<String> response = post(body, signed(body, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    private String helpCommand() {
        return SlackPayloads.slashCommandForm("/help", "", "U0ANN", "ann", "C0HELP", slack.responseUrl());
    }

    private static Map<String, String> signed(String body, Instant when) {
        return SlackPayloads.signatureHeaders(SECRET, body, when);
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        String contentType = body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
        HttpRequest.Builder request = HttpRequest.newBuilder(events)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("A signed request whose handler throws still gets 200 with a polite private text")
    void failingHandlerAnswersPolitely() throws Exception {
        String body = helpCommand().replace("user_id=U0ANN&", "");

        HttpResponse<String> response = post(body, signed(body, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(SlackListeners.SORRY).doesNotContain("Exception");
    }

    @Test
    @DisplayName("While stopping, an event gets 503 (Slack retries it) and a slash command the polite 'restarting'")
    void stoppingLeavesEventsForTheRetry() throws Exception {
        Actor ann = new Actor(SlackHarness.WORKSPACE, "U0ANN", "Ann", false);
        Actor bob = new Actor(SlackHarness.WORKSPACE, "U0BOB", "Bob", false);
        core.core().handle(ann, new Command.Ask("How do I size a connection pool? #java", List.of()));
        core.core().handle(ann, new Command.LinkQuestion(1, "C0HELP", "C0HELP:1.0", "C0HELP:1.0"));
        core.core().handle(bob, new Command.ThreadMessage("C0HELP:1.0", "C0HELP:2.0", "cores * 2"));
        core.service().stopAccepting(Duration.ZERO);

        String vote = SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.reaction(true, "U0CAT", "+1", "C0HELP", "2.0", "U0BOB")).toString();
        HttpResponse<String> response = post(vote, signed(vote, Instant.now()));
        String command = SlackPayloads.slashCommandForm("/tags", "", "U0CAT", "cat", "C0HELP", slack.responseUrl());
        HttpResponse<String> commandResponse = post(command, signed(command, Instant.now()));

        assertThat(response.statusCode()).as("not acknowledged: Slack delivers it again").isEqualTo(503);
        assertThat(core.rows("vote")).isZero();
        assertThat(commandResponse.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().stream()
                .anyMatch(r -> r.text().contains("I'm restarting right now")));
        assertThat(slack.ephemerals()).noneMatch(call -> call.param("text").contains("restarting"));
    }

    @Test
    @DisplayName("A retried reaction (X-Slack-Retry-Num, same event id) counts once, even after it was taken back")
    void retriedEventCountsOnce() throws Exception {
        // GIVEN Ann's question Q1, linked to message 1.0, and Bob's answer A1 at message 2.0
        Actor ann = new Actor(SlackHarness.WORKSPACE, "U0ANN", "Ann", false);
        Actor bob = new Actor(SlackHarness.WORKSPACE, "U0BOB", "Bob", false);
        core.core().handle(ann, new Command.Ask("How do I size a connection pool? #java", List.of()));
        core.core().handle(ann, new Command.LinkQuestion(1, "C0HELP", "C0HELP:1.0", "C0HELP:1.0"));
        assertThat(core.core().handle(bob, new Command.ThreadMessage("C0HELP:1.0", "C0HELP:2.0", "cores * 2"))
                .isOk()).isTrue();
        long before = core.reputation(SlackHarness.WORKSPACE, "U0BOB");
        String body = SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.reaction(true, "U0CAT", "+1", "C0HELP", "2.0", "U0BOB")).toString();
        String removed = SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.reaction(false, "U0CAT", "+1", "C0HELP", "2.0", "U0BOB")).toString();
        String later = SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.reaction(true, "U0ADMIN", "+1", "C0HELP", "2.0", "U0BOB")).toString();
        assertThat(post(body, signed(body, Instant.now())).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> core.reputation(SlackHarness.WORKSPACE, "U0BOB") == before + 10);
        assertThat(post(removed, signed(removed, Instant.now())).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> core.reputation(SlackHarness.WORKSPACE, "U0BOB") == before);

        // WHEN Slack retries Cat's first 👍 (same body, X-Slack-Retry-Num: 1), then Ada upvotes
        Map<String, String> retry = signed(body, Instant.now());
        retry.put("X-Slack-Retry-Num", "1");
        retry.put("X-Slack-Retry-Reason", "http_timeout");
        assertThat(post(body, retry).statusCode()).isEqualTo(200);
        assertThat(post(later, signed(later, Instant.now())).statusCode()).isEqualTo(200);

        // THEN only Ada's vote counts, and it stays that way
        await().atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(500))
                .until(() -> core.reputation(SlackHarness.WORKSPACE, "U0BOB") == before + 10
                        && core.rows("vote") == 1);
    }

    @Test
    @DisplayName("A signed button press (block_actions) runs as the presser and is committed before the 200")
    void buttonPressIsCommittedBeforeTheAck() throws Exception {
        // GIVEN Ann's question Q1 and Bob's answer A1, and the private prompt Ann got with its Accept button
        Actor ann = new Actor(SlackHarness.WORKSPACE, "U0ANN", "Ann", false);
        Actor bob = new Actor(SlackHarness.WORKSPACE, "U0BOB", "Bob", false);
        core.core().handle(ann, new Command.Ask("How do I size a connection pool? #java", List.of()));
        core.core().handle(ann, new Command.LinkQuestion(1, "C0HELP", "C0HELP:1.0", "C0HELP:1.0"));
        core.core().handle(bob, new Command.ThreadMessage("C0HELP:1.0", "C0HELP:2.0", "Start with cores * 2."));
        long before = core.reputation(SlackHarness.WORKSPACE, "U0BOB");
        JsonObject accept = new JsonObject();
        accept.addProperty("type", "button");
        accept.addProperty("action_id", "bandura:/accept A1");
        accept.addProperty("value", "/accept A1");
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", "Accept");
        accept.add("text", text);
        JsonObject actions = new JsonObject();
        actions.addProperty("type", "actions");
        actions.addProperty("block_id", SlackViews.BUTTONS_BLOCK);
        JsonArray elements = new JsonArray();
        elements.add(accept);
        actions.add("elements", elements);
        JsonArray blocks = new JsonArray();
        blocks.add(actions);
        FakeSlack.Posted prompt = new FakeSlack.Posted("D0ANN", "3.0", null, "Did A1 by Bob solve Q1?", blocks);
        String json = SlackPayloads.blockAction("U0ANN", prompt, SlackViews.BUTTONS_BLOCK, accept,
                slack.responseUrl()).toString();
        String body = "payload=" + java.net.URLEncoder.encode(json, StandardCharsets.UTF_8);

        // WHEN Ann presses it
        HttpResponse<String> response = post(body, signed(body, Instant.now()));

        // THEN the accept is in the database by the time Slack gets its 200
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(core.reputation(SlackHarness.WORKSPACE, "U0BOB")).isEqualTo(before + 15);
        // AND the prompt is replaced by the outcome, and the thread gets the confirmation
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 1);
        assertThat(slack.responses().get(0).body().get("replace_original").getAsBoolean()).isTrue();
        assertThat(slack.responses().get(0).text()).contains("Accepted A1.");
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.posts().stream()
                .anyMatch(post -> "1.0".equals(post.threadTs()) && post.text().contains("accepted answer to Q1")));
    }
}
