package org.bandura.discord;

import java.time.Duration;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.testing.TestCore;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh real core on H2 and a running front door against the local fake Discord, for each test. */
abstract class RealCoreTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    TestCore testCore;
    DiscordFixture fixture;
    FakeDiscord discord;
    WorkspaceRef guild;

    @BeforeEach
    void startDiscordAndCore() throws Exception {
        testCore = TestCore.onH2();
        fixture = DiscordFixture.start(testCore.core());
        discord = fixture.discord;
        guild = new WorkspaceRef(Platform.DISCORD, discord.guildId, "Fake Guild");
    }

    @AfterEach
    void stopDiscordAndCore() throws Exception {
        fixture.close();
        testCore.close();
    }

    long reputation(FakeDiscord.User user) {
        return testCore.reputation(guild, user.id());
    }
}
