package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Graceful stop on Discord (issue 8 §3), with real JDA against the local fake: gateway events the stopping core
 * refused are left as they are (a 👍 is not taken back) and catch-up at the next start records them, once;
 * interactions get the polite "restarting" reply.
 */
@DisplayName("Stopping on Discord")
class DiscordStopTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestCore stopping;
    private TestCore restarted;
    private FakeDiscord discord;
    private DiscordFrontDoor door;
    private WorkspaceRef guild;

    @BeforeEach
    void start() throws Exception {
        stopping = TestCore.onH2();
        discord = new FakeDiscord().start();
        guild = new WorkspaceRef(Platform.DISCORD, discord.guildId, "Fake Guild");
        door = startBot(stopping);
    }

    @AfterEach
    void stop() throws Exception {
        door.close();
        discord.close();
        if (restarted != null) {
            restarted.close();
        }
        stopping.close();
    }

    private DiscordFrontDoor startBot(TestCore core) throws Exception {
        DiscordFrontDoor started = new DiscordFrontDoor(core.core(), DiscordSettings.of(FakeDiscord.TOKEN)
                .withRestUrl(discord.restUrl()).withDevGuildIds(List.of(discord.guildId)), Duration.ofSeconds(20));
        started.start();
        started.latestCatchUp().get(20, TimeUnit.SECONDS);
        return started;
    }

    @Test
    @DisplayName("a reply and a 👍 while stopping stay on Discord and are recorded once at the next start; /top is told to retry")
    void gatewayEventsDuringStopAreCaughtUp() throws Exception {
        String ask = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a HikariCP pool?", "tags", "java");
        await().atMost(WAIT).until(() -> !discord.originalEdits(ask).isEmpty() && discord.threadIds().size() == 1);
        String thread = discord.threadIds().get(0);
        String answer = discord.userMessage(discord.expert, thread, "Start with cores * 2 and measure.")
                .path("id").asText();
        await().atMost(WAIT).until(() -> stopping.rows("answer") == 1);
        long expertBefore = stopping.reputation(guild, discord.expert.id());

        // SIGTERM: the core stops taking commands while the gateway is still connected
        assertThat(stopping.service().stopAccepting(Duration.ZERO)).isTrue();
        discord.reactLive(discord.stranger, thread, answer, "👍");
        discord.userMessage(discord.stranger, thread, "Also set a connection timeout, or requests queue forever.");
        // An interaction after them: JDA hands events to the listener in order, so its reply means both were handled
        String top = discord.slashCommand(discord.stranger, discord.textChannelId, "top", null);
        await().atMost(WAIT).until(() -> !discord.callbacks(top).isEmpty() || !discord.originalEdits(top).isEmpty());
        String told = (discord.callbacks(top).isEmpty() ? discord.originalEdits(top).get(0).body()
                : discord.callbacks(top).get(0).body()).toString();
        assertThat(told).contains("restarting");

        assertThat(stopping.rows("vote")).isZero();
        assertThat(stopping.rows("answer")).isEqualTo(1);
        assertThat(discord.calls("DELETE", "/channels/" + thread + "/messages/" + answer + "/reactions/.*"))
                .as("the 👍 is not taken back: catch-up will count it").isEmpty();
        assertThat(discord.messagesTo(thread)).as("nothing said in the thread")
                .noneMatch(call -> call.body().toString().contains("restarting"));

        // The next process starts on the same database and reads the thread back
        door.close();
        restarted = TestCore.attach(stopping.database().settings(), TestCore.settings());
        door = startBot(restarted);

        assertThat(restarted.rows("answer")).isEqualTo(2);
        assertThat(restarted.rows("vote")).isEqualTo(1);
        assertThat(restarted.reputation(guild, discord.expert.id())).isEqualTo(expertBefore + 10);

        // Starting once more changes nothing
        door.close();
        door = startBot(restarted);
        assertThat(restarted.rows("answer")).isEqualTo(2);
        assertThat(restarted.rows("vote")).isEqualTo(1);
    }
}
