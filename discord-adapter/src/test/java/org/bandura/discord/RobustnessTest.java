package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.bandura.core.command.Command;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The adapter's error handler and gateway override")
class RobustnessTest {

    private DiscordFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static ScriptedCore failingCore() {
        return new ScriptedCore().answering((actor, command) -> {
            if (command instanceof Command.Ask || command instanceof Command.ListTags) {
                throw new IllegalStateException("database on fire");
            }
            return org.bandura.core.reply.Reply.ok("ok");
        });
    }

    @Test
    @DisplayName("an exception while answering a command becomes one polite ephemeral line, no stack trace")
    void exceptionInCommand() throws Exception {
        fixture = DiscordFixture.start(failingCore());
        FakeDiscord discord = fixture.discord;

        String tags = discord.slashCommand(discord.asker, discord.textChannelId, "tags", null);

        FakeDiscord.Call reply = fixture.awaitCallback(tags);
        assertThat(reply.body().path("data").path("content").asText()).isEqualTo(BanduraListener.SORRY);
        assertThat(reply.body().path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(reply.body().path("data").path("allowed_mentions").path("parse")).isEmpty();
    }

    @Test
    @DisplayName("an exception while /ask is being saved (before the defer) becomes one polite ephemeral reply")
    void exceptionBeforeDefer() throws Exception {
        fixture = DiscordFixture.start(failingCore());
        FakeDiscord discord = fixture.discord;

        String ask = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null, "question", "Pools?");

        FakeDiscord.Call reply = fixture.awaitCallback(ask);
        assertThat(reply.body().path("data").path("content").asText()).isEqualTo(BanduraListener.SORRY);
        assertThat(reply.body().path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(discord.callbacks(ask)).hasSize(1);
        assertThat(discord.originalEdits(ask)).isEmpty();
        assertThat(discord.threadIds()).isEmpty();
    }

    @Test
    @DisplayName("discord.gateway-url overrides the URL that GET /gateway/bot answers")
    void gatewayOverride() throws Exception {
        fixture = DiscordFixture.startWith(new ScriptedCore(), (discord, settings) -> {
            discord.advertiseDeadGateway();
            return settings.withGatewayUrl(discord.gatewayUrl());
        });

        assertThat(fixture.discord.identifyCount()).isEqualTo(1);
        assertThat(fixture.discord.calls("GET", "/gateway/bot")).hasSize(1);
    }
}
