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
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiscordStartTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Launcher launcher(Map<String, String> env) {
        return new Launcher(env, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("with DISCORD_TOKEN set, the run command connects to Discord and registers the commands")
    void discordTokenStartsDiscord() throws Exception {
        try (FakeDiscord discord = new FakeDiscord().start()) {
            Launcher launcher = launcher(Map.of("DISCORD_TOKEN", FakeDiscord.TOKEN,
                    "DISCORD_REST_URL", discord.restUrl(),
                    "BANDURA_DISCORD_DEV_GUILDS", discord.guildId,
                    "BANDURA_DATABASE_URL", "jdbc:h2:mem:launcher-discord;DB_CLOSE_DELAY=-1"));
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> launcher.run(new String[0]));
            try {
                String commands = "/applications/" + discord.applicationId + "/guilds/" + discord.guildId + "/commands";
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !discord.calls("PUT", commands).isEmpty() || running.isDone());
                assertThat(running).as(err.toString(StandardCharsets.UTF_8)).isNotDone();
                assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Bandura console");
            } finally {
                launcher.stop();
            }
            assertThat(running.get()).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(FakeDiscord.TOKEN);
        }
    }

    @Test
    @DisplayName("a wrong token stops the start with one line saying what to fix")
    void wrongToken() throws Exception {
        try (FakeDiscord discord = new FakeDiscord().start()) {
            int status = launcher(Map.of("DISCORD_TOKEN", "wrong-token", "DISCORD_REST_URL", discord.restUrl(),
                    "BANDURA_DATABASE_URL", "jdbc:h2:mem:launcher-discord-bad;DB_CLOSE_DELAY=-1")).run(new String[0]);
            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Can't start Discord:")
                    .doesNotContain("Exception").doesNotContain("wrong-token");
        }
    }
}
