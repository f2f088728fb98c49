package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
}
