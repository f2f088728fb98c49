package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlackStartTest {

    @Test
    @DisplayName("with Slack tokens set, the run command starts the Slack front door instead of the console")
    void slackTokensStartSlack() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Launcher launcher = new Launcher(Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-launcher-test", "SLACK_APP_TOKEN", "xapp-launcher-test",
                    "SLACK_API_URL", slack.apiUrl(),
                    "BANDURA_DATABASE_URL", "jdbc:h2:mem:launcher-slack;DB_CLOSE_DELAY=-1"),
                    new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> launcher.run(new String[0]));
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> slack.connected() || running.isDone());
                assertThat(running).as(err.toString(StandardCharsets.UTF_8)).isNotDone();
                String envelope = slack.sendCommand(SlackPayloads.slashCommand("/help", "", "U0ALICE", "alice",
                        "C0GENERAL", slack.responseUrl()));
                assertThat(slack.awaitAck(envelope)).isNotNull();
                await().atMost(Duration.ofSeconds(10)).until(() -> slack.responses().stream()
                        .anyMatch(response -> response.text().contains("/ask")));
                assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Bandura console");
            } finally {
                launcher.stop();
            }
            assertThat(running.get()).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("xoxb-launcher-test")
                    .doesNotContain("xapp-launcher-test");
        }
    }

    @Test
    @DisplayName("Slack HTTP mode is served by the one web server: signed requests reach Bolt, bad signatures get 401")
    void slackHttpModeOnTheWebServer() throws Exception {
        String secret = "launcher-signing-secret";
        try (FakeSlack slack = new FakeSlack()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Launcher launcher = new Launcher(Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-launcher-test", "SLACK_SIGNING_SECRET", secret,
                    "SLACK_API_URL", slack.apiUrl(), "BANDURA_HTTP_PORT", "0",
                    "BANDURA_DATABASE_URL", "jdbc:h2:mem:launcher-slack-http;DB_CLOSE_DELAY=-1"),
                    new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> launcher.run(new String[0]));
            try {
                Pattern startLine = Pattern.compile("Knowledge base: (http://127\\.0\\.0\\.1:\\d+)/");
                await().atMost(Duration.ofSeconds(20)).until(() -> running.isDone()
                        || startLine.matcher(out.toString(StandardCharsets.UTF_8)).find());
                assertThat(running).as(err.toString(StandardCharsets.UTF_8)).isNotDone();
                Matcher base = startLine.matcher(out.toString(StandardCharsets.UTF_8));
                assertThat(base.find()).isTrue();
                URI events = URI.create(base.group(1) + "/slack/events");
                String body = SlackPayloads.slashCommandForm("/help", "", "U0ALICE", "alice", "C0GENERAL",
                        slack.responseUrl());

                HttpResponse<String> signed = post(events, body, SlackPayloads.signatureHeaders(secret, body,
                        Instant.now()));
                HttpResponse<String> forged = post(events, body, SlackPayloads.signatureHeaders("wrong", body,
                        Instant.now()));

                assertThat(signed.statusCode()).isEqualTo(200);
                assertThat(forged.statusCode()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(10)).until(() -> slack.responses().stream()
                        .anyMatch(response -> response.text().contains("/ask")));
                assertThat(slack.responses()).hasSize(1);
            } finally {
                launcher.stop();
            }
        }
    }

    private static HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
