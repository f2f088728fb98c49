package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.core.testing.TestCore.user;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bandura.core.command.Command;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.testing.TestDatabases;
import org.bandura.core.testing.ToggleProxy;
import org.bandura.slack.fake.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What an admin reads in the log, with the packaged logging configuration (launcher's logback.xml). */
class LogOutputTest {

    @TempDir
    Path dir;

    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void usePackagedLogging() throws Exception {
        configure(getClass().getClassLoader().getResource("logback.xml"));
        captured.setContext(logging);
        captured.start();
        logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(captured);
    }

    @AfterEach
    void restoreTestLogging() throws Exception {
        URL testConfig = getClass().getClassLoader().getResource("logback-test.xml");
        if (testConfig != null) {
            configure(testConfig);
        }
    }

    private void configure(URL config) throws Exception {
        logging.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(config);
    }

    private List<ILoggingEvent> warningsAndErrors() {
        return captured.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    @Test
    @DisplayName("PostgreSQL going away mid-run is one WARN line saying what to do, with no stack trace, however many commands fail")
    void outageIsOneLine() throws Exception {
        DatabaseSettings direct = TestDatabases.postgres();
        try (ToggleProxy proxy = new ToggleProxy("127.0.0.1", 5432)) {
            try (Database database = Database.open(proxy.route(direct, 2, Duration.ofMillis(500), Duration.ofMinutes(1)));
                 CoreService core = new CoreService(database, CoreSettings.defaults(), Clock.systemUTC())) {
                assertThat(core.handle(user("bob"), new Command.ListTags()).isOk()).isTrue();
                proxy.stop();
                for (int i = 0; i < 3; i++) {
                    assertThat(core.handle(user("bob"), new Command.ListTags()).isError()).isTrue();
                }
            }
        } finally {
            TestDatabases.dropSchema(direct.schema());
        }
        assertThat(captured.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
        assertThat(warningsAndErrors()).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .startsWith("Storage unreachable at jdbc:postgresql://127.0.0.1:")
                .contains("start the database server or check database.url"));
    }

    @Test
    @DisplayName("an unreachable database at start is one line on stderr, no trace in the log, and a URL password stays hidden")
    void unreachableAtStart() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Launcher(Map.of("BANDURA_DATABASE_URL", "jdbc:postgresql://bandura:Pa55word@127.0.0.1:1/nowhere",
                "BANDURA_DATABASE_CONNECTION_TIMEOUT", "500ms"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Pa55word")
                .startsWith("Can't open the database at jdbc:postgresql://bandura:***@127.0.0.1:1/nowhere: ");
        assertThat(captured.list).allSatisfy(event -> {
            assertThat(event.getThrowableProxy()).isNull();
            assertThat(event.getFormattedMessage()).doesNotContain("Pa55word");
        });
    }

    @Test
    @DisplayName("a mistyped BANDURA_ variable is warned about once at start, with the closest key")
    void unknownVariableWarning() {
        String url = "jdbc:h2:file:" + dir.resolve("data/bandura").toAbsolutePath();
        int status = new Launcher(Map.of("BANDURA_DATABASE_URL", url, "BANDURA_DATABASE_POOLSIZE", "abc"),
                new ByteArrayInputStream("/help\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        assertThat(status).isZero();
        assertThat(warningsAndErrors()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Environment variable BANDURA_DATABASE_POOLSIZE matches no configuration key and is ignored. "
                        + "Did you mean BANDURA_DATABASE_POOL_SIZE (database.pool-size)?");
    }

    @Test
    @DisplayName("a Socket Mode websocket that can't connect is one WARN line, never 'connected', and no trace per retry")
    void socketModeThatCantConnect() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            slack.refuseWebSockets();
            Launcher launcher = new Launcher(Map.of("SLACK_BOT_TOKEN", "xoxb-log-test", "SLACK_APP_TOKEN", "xapp-log-test",
                    "SLACK_API_URL", slack.apiUrl(), "BANDURA_DATABASE_URL", "jdbc:h2:mem:log-slack;DB_CLOSE_DELAY=-1"),
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> launcher.run(new String[0]));
            try {
                // The SDK's session monitor retries every 5 s: wait for a retry after the first failure.
                await().atMost(Duration.ofSeconds(30)).until(() -> slack.calls("apps.connections.open").size() >= 2
                        && !warningsAndErrors().isEmpty() || running.isDone());
                assertThat(running).isNotDone();
            } finally {
                launcher.stop();
            }
        }
        assertThat(captured.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull())
                .noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains("connected in Socket Mode"));
        assertThat(warningsAndErrors()).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .startsWith("Slack Socket Mode can't connect (").contains("check that this host can open websockets"));
    }
}
