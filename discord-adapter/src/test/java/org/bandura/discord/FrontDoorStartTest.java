package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Start-up against a local Discord")
class FrontDoorStartTest {

    private FakeDiscord discord;

    @BeforeEach
    void startDiscord() throws Exception {
        discord = new FakeDiscord().start();
    }

    @AfterEach
    void stopDiscord() throws Exception {
        discord.close();
    }

    private DiscordSettings settings(String token) {
        return DiscordSettings.of(token).withRestUrl(discord.restUrl()).withDevGuildIds(List.of(discord.guildId));
    }

    @Test
    @DisplayName("connects through GET /gateway/bot on the REST URL and registers the commands in the dev guild")
    void startsAndRegistersCommands() {
        try (DiscordFrontDoor door = new DiscordFrontDoor(new ScriptedCore(), settings(FakeDiscord.TOKEN))) {
            door.start();

            assertThat(discord.calls("GET", "/gateway/bot")).hasSize(1);
            assertThat(discord.calls("GET", "/users/@me")).hasSize(1);
            List<FakeDiscord.Call> registered =
                    discord.calls("PUT", "/applications/" + discord.applicationId + "/guilds/" + discord.guildId
                            + "/commands");
            assertThat(registered).hasSize(1);
            assertThat(registered.get(0).body().findValuesAsText("name"))
                    .contains("ask", "expert", "tags", "top", "profile", "search", "unanswered", "help",
                            "Accept answer");
            assertThat(door.inviteUrl())
                    .startsWith("https://discord.com/oauth2/authorize?client_id=" + discord.applicationId)
                    .contains("scope=bot%20applications.commands")
                    .contains("permissions=" + net.dv8tion.jda.api.Permission.getRaw(DiscordFrontDoor.PERMISSIONS));
        }
    }

    @Test
    @DisplayName("without dev guilds the commands are registered globally")
    void registersGlobally() {
        DiscordSettings global = DiscordSettings.of(FakeDiscord.TOKEN).withRestUrl(discord.restUrl());
        try (DiscordFrontDoor door = new DiscordFrontDoor(new ScriptedCore(), global)) {
            door.start();

            assertThat(discord.calls("PUT", "/applications/" + discord.applicationId + "/commands")).hasSize(1);
            assertThat(discord.calls("PUT", "/applications/.*/guilds/.*")).isEmpty();
        }
    }

    @Test
    @DisplayName("a wrong token fails fast with one line saying what to fix")
    void wrongToken() {
        DiscordFrontDoor door = new DiscordFrontDoor(new ScriptedCore(), settings("wrong-token"),
                Duration.ofSeconds(20));

        assertThatThrownBy(door::start)
                .isInstanceOf(DiscordStartException.class)
                .hasMessage(DiscordFrontDoor.BAD_TOKEN);
    }

    @Test
    @DisplayName("a missing Message Content intent fails fast with one line saying what to fix")
    void missingIntent() {
        discord.refuseMessageContent();
        DiscordFrontDoor door = new DiscordFrontDoor(new ScriptedCore(), settings(FakeDiscord.TOKEN),
                Duration.ofSeconds(20));

        assertThatThrownBy(door::start)
                .isInstanceOf(DiscordStartException.class)
                .hasMessage(DiscordFrontDoor.MISSING_INTENT);
    }
}
