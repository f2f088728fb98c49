package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.core.testing.TestCore.user;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.Database;
import org.bandura.core.reply.Reply;
import org.bandura.core.service.CoreService;
import org.bandura.core.testing.MutableClock;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While the index is rebuilt the bot keeps answering, and /search says it is warming up instead of "no results". */
class WarmingUpTest {

    @TempDir
    Path indexDir;

    private final Database database = Database.open(TestDatabases.h2());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final Actor asker = user("asker");
    private final Actor helper = user("helper");
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private CoreService core;

    @AfterEach
    void close() {
        resume.countDown();
        if (core != null) {
            core.close();
        }
        database.close();
    }

    private String run(String query) {
        Reply reply = core.handle(asker, new Command.Search(query));
        return reply.text().toPlainString();
    }

    @Test
    @DisplayName("a rebuild held after its first page: /search answers 'warming up', /ask and /answer still work, then search finds both")
    void searchSaysWarmingUpDuringRebuild() throws InterruptedException {
        core = new CoreService(database, TestCore.settings(), clock,
                new SearchSettings(indexDir, SearchSettings.DEFAULT_MAX_LAG));
        await().atMost(Duration.ofSeconds(20)).until(() -> !core.search().warmingUp());
        core.handle(asker, new Command.Ask("Why does my Kubernetes pod restart every hour? #kubernetes", List.of()));
        core.handle(helper, new Command.Answer(1, "Check the liveness probe timeout.", null));
        assertThat(run("kubernetes")).contains("Q1");

        core.searchIndex().afterRebuildPage(() -> {
            paused.countDown();
            try {
                resume.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        core.searchIndex().rebuildInBackground();
        assertThat(paused.await(20, TimeUnit.SECONDS)).as("the rebuild reached its first page").isTrue();

        assertThat(core.search().warmingUp()).isTrue();
        assertThat(run("kubernetes")).contains("warming up").doesNotContain("Q1");
        Reply ask = core.handle(asker, new Command.Ask("Postgres vacuum never finishes #sql", List.of()));
        assertThat(ask.status()).isEqualTo(Reply.Status.OK);
        assertThat(ask.text().toPlainString()).contains("Q2 posted");
        assertThat(core.handle(helper, new Command.Answer(2, "Run VACUUM VERBOSE to see what holds it.", null))
                .status()).isEqualTo(Reply.Status.OK);
        assertThat(run("vacuum")).contains("warming up");

        resume.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> !core.search().warmingUp());
        assertThat(run("kubernetes")).contains("Q1");
        assertThat(run("vacuum")).as("the question asked during the rebuild is found after it").contains("Q2");
    }
}
