package org.bandura.core.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.bandura.core.testing.ToggleProxy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The database goes away and comes back while people use the bot. */
class OutageTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private static DatabaseSettings through(ToggleProxy proxy, DatabaseSettings direct) {
        return proxy.route(direct, 4, Duration.ofMillis(800), RETRY_AFTER);
    }

    /** Polls until a command succeeds, moving the clock past each retry-after window the failures open. */
    private static void awaitRecovery(TestCore bot) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            bot.clock().advance(RETRY_AFTER);
            return bot.run(user("bob"), "/tags").isOk();
        });
    }

    @Test
    @DisplayName("commands in the gap get the polite error, later ones succeed without a restart, nothing confirmed is lost")
    void databaseStopsAndReturns() throws Exception {
        DatabaseSettings direct = TestDatabases.postgres();
        try (ToggleProxy proxy = new ToggleProxy("127.0.0.1", 5432)) {
            DatabaseSettings viaProxy = through(proxy, direct);
            try (TestCore owner = TestCore.on(direct, TestCore.settings());
                 TestCore bot = TestCore.attach(viaProxy, TestCore.settings())) {
                List<Integer> confirmed = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    assertThat(bot.run(user("bob"), "/ask Before outage " + i + " #ops").isOk()).isTrue();
                    confirmed.add(i);
                }

                proxy.stop();
                for (int i = 0; i < 3; i++) {
                    Reply reply = bot.run(user("bob"), "/ask During outage " + i + " #ops");
                    assertThat(reply.isError()).isTrue();
                    assertThat(reply.text().toPlainString())
                            .isEqualTo("I can't reach my storage right now, so nothing was saved. "
                                    + "Please try again in a moment.");
                }
                assertThat(bot.database().isReachable()).isFalse();

                proxy.start();
                awaitRecovery(bot);
                assertThat(bot.run(user("bob"), "/ask After outage #ops").isOk()).isTrue();
                assertThat(bot.database().isReachable()).isTrue();

                List<String> titles = owner.database().inTransaction(sql -> sql.list(
                        "SELECT title FROM question ORDER BY number", row -> row.getString(1)));
                assertThat(titles).startsWith("Before outage 1 #ops", "Before outage 2 #ops", "Before outage 3 #ops",
                        "Before outage 4 #ops", "Before outage 5 #ops").endsWith("After outage #ops")
                        .noneMatch(title -> title.startsWith("During"));
                assertThat(confirmed).hasSize(5);
            }
        }
    }

    @Test
    @DisplayName("after the first failed connection, commands and health checks answer at once until retry-after passes; /help always works")
    void answersAtOnceDuringAnOutage() throws Exception {
        DatabaseSettings direct = TestDatabases.postgres();
        try (ToggleProxy proxy = new ToggleProxy("127.0.0.1", 5432);
             TestCore owner = TestCore.on(direct, TestCore.settings());
             TestCore bot = TestCore.attach(through(proxy, direct), TestCore.settings())) {
            assertThat(bot.run(user("bob"), "/ask Before #ops").isOk()).isTrue();

            // GIVEN the database went away and one command found out (waiting the connection timeout once)
            proxy.stop();
            assertThat(bot.run(user("bob"), "/ask First in the gap #ops").text().toPlainString())
                    .startsWith("I can't reach my storage right now");

            // WHEN the database is back but retry-after has not passed
            proxy.start();
            // THEN nothing tries to connect: commands and the health check answer from what the failure taught
            assertThat(bot.run(user("bob"), "/ask Second in the gap #ops").text().toPlainString())
                    .startsWith("I can't reach my storage right now");
            assertThat(bot.database().isReachable()).isFalse();
            // AND /help needs no storage at all
            Reply help = bot.run(user("bob"), "/help");
            assertThat(help.isOk()).isTrue();
            assertThat(help.text().toPlainString()).contains("/ask");

            // WHEN retry-after has passed, the next command connects again
            awaitRecovery(bot);
            assertThat(bot.run(user("bob"), "/ask After #ops").isOk()).isTrue();
            assertThat(bot.database().isReachable()).isTrue();
            List<String> titles = owner.database().inTransaction(sql -> sql.list(
                    "SELECT title FROM question ORDER BY number", row -> row.getString(1)));
            assertThat(titles).containsExactly("Before #ops", "After #ops");
        }
    }
}
