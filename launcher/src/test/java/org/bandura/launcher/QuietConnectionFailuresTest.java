package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuietConnectionFailuresTest {

    private final LoggerContext context = new LoggerContext();
    private final QuietConnectionFailures filter = new QuietConnectionFailures();

    private FilterReply decide(String logger, Throwable thrown) {
        return filter.decide(null, context.getLogger(logger), Level.WARN, "{}", new Object[] {thrown}, null);
    }

    @Test
    @DisplayName("expected connection failures of the pool and the Slack socket are dropped; every other trace still shows")
    void onlyExpectedFailuresAreQuiet() {
        SQLException refused = new SQLException("Connection refused", "08001", new ConnectException("Connection refused"));
        assertThat(decide("com.zaxxer.hikari.pool.HikariPool", refused)).isEqualTo(FilterReply.DENY);
        assertThat(decide("com.slack.api.socket_mode.SocketModeClient", new ConnectException("refused")))
                .isEqualTo(FilterReply.DENY);

        assertThat(decide("com.zaxxer.hikari.pool.HikariPool", new IllegalStateException("a bug")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("com.slack.api.socket_mode.SocketModeClient", new IllegalStateException("a bug")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.bandura.core.service.CoreService", refused)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("com.zaxxer.hikari"), Level.WARN, "no trace", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
