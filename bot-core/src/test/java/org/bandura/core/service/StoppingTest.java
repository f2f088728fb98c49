package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The core's part of a graceful stop; the whole stop (SIGTERM to a running jar) is GracefulStopIT. */
class StoppingTest {

    private final TestCore bandura = TestCore.onH2();

    @AfterEach
    void close() {
        bandura.close();
    }

    @Test
    @DisplayName("once stopping, a new command is told to try again and changes nothing; /help still answers")
    void refusesNewCommandsWhenStopping() {
        assertThat(bandura.run(user("bob"), "/ask Before the stop #ops").isOk()).isTrue();

        assertThat(bandura.service().stopAccepting(Duration.ofSeconds(1))).as("nothing in flight").isTrue();

        Reply refused = bandura.run(user("bob"), "/ask During the stop #ops");
        assertThat(refused.isError()).isTrue();
        assertThat(refused.text().toPlainString())
                .isEqualTo("I'm restarting right now, so nothing was saved. Please try again in a minute.");
        assertThat(bandura.rows("question")).isEqualTo(1);
        assertThat(bandura.run(user("bob"), "/help").isOk()).isTrue();
    }
}
