package org.bandura.discord;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.bandura.core.BanduraCore;
import org.bandura.discord.fake.FakeDiscord;

/** A fake Discord and a started front door on it, for one test. */
final class DiscordFixture implements AutoCloseable {

    final FakeDiscord discord;
    final DiscordFrontDoor door;
    private final boolean ownsDiscord;

    private DiscordFixture(FakeDiscord discord, DiscordFrontDoor door, boolean ownsDiscord) {
        this.discord = discord;
        this.door = door;
        this.ownsDiscord = ownsDiscord;
    }

    /** A second front door (another bot process) on a fake Discord another fixture owns. */
    static DiscordFixture join(FakeDiscord discord, BanduraCore core) {
        DiscordFrontDoor door = new DiscordFrontDoor(core, settings(discord), Duration.ofSeconds(20));
        door.start();
        return new DiscordFixture(discord, door, false);
    }

    private static DiscordSettings settings(FakeDiscord discord) {
        return DiscordSettings.of(FakeDiscord.TOKEN).withRestUrl(discord.restUrl())
                .withDevGuildIds(List.of(discord.guildId)).withModeratorRoleNames(List.of("Q&A Mods"));
    }

    static DiscordFixture start(BanduraCore core) throws Exception {
        return start(core, UnaryOperator.identity());
    }

    static DiscordFixture start(BanduraCore core, UnaryOperator<DiscordSettings> tweak) throws Exception {
        return startWith(core, (discord, settings) -> tweak.apply(settings));
    }

    /** Starts with settings that may depend on the fake's ids (channels, guild). */
    static DiscordFixture startWith(BanduraCore core,
                                    BiFunction<FakeDiscord, DiscordSettings, DiscordSettings> tweak) throws Exception {
        return startWith(core, tweak, UnaryOperator.identity());
    }

    /** Also configures the front door before it starts (e.g. a short call deadline). */
    static DiscordFixture startWith(BanduraCore core, BiFunction<FakeDiscord, DiscordSettings, DiscordSettings> tweak,
                                    UnaryOperator<DiscordFrontDoor> configure) throws Exception {
        FakeDiscord discord = new FakeDiscord().start();
        DiscordSettings settings = tweak.apply(discord, settings(discord));
        DiscordFrontDoor door = configure.apply(new DiscordFrontDoor(core, settings, Duration.ofSeconds(20)));
        try {
            door.start();
        } catch (RuntimeException e) {
            discord.close();
            throw e;
        }
        return new DiscordFixture(discord, door, true);
    }

    /** Waits until the bot has posted {@code count} messages to the channel and returns the last. */
    FakeDiscord.Call awaitMessage(String channelId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> discord.messagesTo(channelId).size() >= count);
        return discord.messagesTo(channelId).get(count - 1);
    }

    FakeDiscord.Call awaitOriginalEdit(String interactionId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !discord.originalEdits(interactionId).isEmpty());
        return discord.originalEdits(interactionId).get(0);
    }

    FakeDiscord.Call awaitCallback(String interactionId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !discord.callbacks(interactionId).isEmpty());
        return discord.callbacks(interactionId).get(0);
    }

    @Override
    public void close() throws Exception {
        door.close();
        if (ownsDiscord) {
            discord.close();
        }
    }
}
