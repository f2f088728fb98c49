package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import java.util.List;
import org.bandura.core.command.Command;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two bot processes on one PostgreSQL schema, each with its own index, following the same change sequence. */
class TwoProcessSearchTest {

    private static boolean finds(TestCore process, long workspace, String query, long number) {
        return process.service().search().search(workspace, query, SearchFilter.ANY, 0, 10).hits().stream()
                .anyMatch(hit -> hit.questionNumber() == number);
    }

    @Test
    @DisplayName("each process finds the other's new question and answer through its background follower")
    void eachFindsTheOthers() {
        DatabaseSettings database = TestDatabases.postgres();
        try (TestCore first = TestCore.on(database, TestCore.settings());
             TestCore second = TestCore.attach(database, TestCore.settings())) {
            first.run(user("ann"), new Command.Ask("Why is the Zookeeper quorum lost at night? #ops", List.of()));
            long workspace = first.workspaceId(TestCore.CONSOLE);
            assertThat(finds(first, workspace, "zookeeper", 1)).isTrue();

            // No explicit catch-up: the follower polls every half search.max-lag (1 s by default).
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> finds(second, workspace, "zookeeper quorum", 1));

            second.run(user("ben"), "/answer Q1 The snapshot cron job starves the leader.");
            assertThat(finds(second, workspace, "snapshot", 1)).isTrue();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> finds(first, workspace, "snapshot cron", 1));
        }
    }
}
