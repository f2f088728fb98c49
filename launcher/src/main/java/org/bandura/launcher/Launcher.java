package org.bandura.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bandura.config.BanduraConfig;
import org.bandura.config.ConfigException;
import org.bandura.config.ConfigLoader;
import org.bandura.console.ConsoleFrontDoor;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.search.SearchSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.service.JobRunner;
import org.bandura.discord.DiscordFrontDoor;
import org.bandura.discord.DiscordSettings;
import org.bandura.discord.DiscordStartException;
import org.bandura.slack.SlackFrontDoor;
import org.bandura.slack.SlackSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that builds Bandura's object graph, by hand, in small factory methods.
 */
final class Launcher {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    Launcher(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run() {
        return run(new String[0]);
    }

    /** @return the process exit status */
    int run(String[] args) {
        try {
            return start(args);
        } finally {
            stopped.countDown();
        }
    }

    private int start(String[] args) {
        BanduraConfig config;
        try {
            config = new ConfigLoader(env, ConfigLoader.DEFAULT_PATH).load();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (args.length > 0) {
            if (args[0].equals("copy-database")) {
                return CopyDatabaseCommand.run(args, databaseSettings(config.database()), env, out, err);
            }
            err.println("Unknown argument '" + args[0] + "'. Run without arguments to start the bot, or: "
                    + CopyDatabaseCommand.USAGE);
            return 2;
        }
        Database database;
        try {
            database = Database.open(databaseSettings(config.database()));
        } catch (RuntimeException e) {
            err.println("Can't open the database at " + databaseSettings(config.database()).redactedUrl() + ": "
                    + rootMessage(e) + "\nCheck database.url (BANDURA_DATABASE_URL), database.user and "
                    + "database.password.");
            return 1;
        }
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(database);
        try {
            CoreService core = new CoreService(database, coreSettings(config.core()), Clock.systemUTC(),
                    new SearchSettings(Path.of(config.search().indexDir()), config.search().maxLag()));
            resources.add(0, core);
            HttpEndpoints http = null;
            if (config.http().enabled()) {
                http = new HttpEndpoints(config.http().bind(), config.http().port(), database::isReachable);
                resources.add(0, http);
            }
            if (!config.anyChatPlatform()) {
                if (http != null) {
                    http.start();
                }
                runConsole(core, config);
                return 0;
            }
            if (http == null && config.slack().enabled() && !config.slack().socketMode()) {
                // Slack HTTP mode is served by the embedded server, so it is on whenever that mode is.
                http = new HttpEndpoints(config.http().bind(), config.http().port(), database::isReachable);
                resources.add(0, http);
            }
            resources.add(0, new BackgroundJobs(new JobRunner(database, Clock.systemUTC(), workerId(),
                    JobRunner.standardHandlers()), Duration.ofSeconds(30)));
            if (config.slack().enabled()) {
                SlackFrontDoor slack = new SlackFrontDoor(core, slackSettings(config.slack()));
                resources.add(0, slack);
                slack.start();
                if (http != null) {
                    HttpEndpoints endpoints = http;
                    slack.httpHandler().ifPresent(handler -> endpoints.mount("/slack/events", handler));
                }
            }
            if (config.discord().enabled()) {
                DiscordFrontDoor discord = new DiscordFrontDoor(core, discordSettings(config.discord()));
                resources.add(0, discord);
                discord.start();
            }
            if (http != null) {
                http.start();
                log.info("HTTP server on {}:{} (/healthz{})", config.http().bind(), http.port(),
                        config.slack().enabled() && !config.slack().socketMode() ? ", /slack/events" : "");
            }
            awaitStop();
            return 0;
        } catch (IOException e) {
            err.println("Can't start: " + e.getMessage());
            return 1;
        } catch (DiscordStartException e) {
            err.println("Can't start Discord: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("Can't start: " + rootMessage(e));
            return 1;
        } finally {
            closeAll(resources);
        }
    }

    private void runConsole(CoreService core, BanduraConfig config) throws IOException {
        ConsoleFrontDoor console = new ConsoleFrontDoor(core, config.console().moderators(),
                System.getProperty("user.name", "me"));
        console.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
    }

    static DiscordSettings discordSettings(BanduraConfig.DiscordConfig discord) {
        return new DiscordSettings(discord.token(), discord.restUrl(), discord.gatewayUrl(), discord.qaChannel(),
                discord.moderatorRoles(), discord.devGuilds(), discord.upvoteEmoji(), discord.downvoteEmoji(),
                discord.acceptEmoji(), discord.shardTotal(), discord.shardMin(), discord.shardMax());
    }

    static SlackSettings slackSettings(BanduraConfig.SlackConfig slack) {
        return new SlackSettings(slack.botToken(), slack.appToken(), slack.signingSecret(), slack.apiUrl(),
                slack.moderators(), slack.upvoteEmoji(), slack.downvoteEmoji(), slack.acceptEmoji(),
                slack.socketConcurrency());
    }

    private static String workerId() {
        return ProcessHandle.current().pid() + "@" + System.getProperty("user.name", "bandura");
    }

    static DatabaseSettings databaseSettings(BanduraConfig.DatabaseConfig database) {
        return new DatabaseSettings(database.url(), database.user(), database.password(), database.schema(),
                database.poolSize(), database.connectionTimeout());
    }

    static CoreSettings coreSettings(BanduraConfig.CoreConfig core) {
        return new CoreSettings(core.maxQuestionLength(), core.expertsPerQuestion(), core.dailyVoteCap(),
                core.tagExpertThreshold(), core.maxTagsPerQuestion());
    }

    private void awaitStop() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks a running bot to close its front doors and database, and waits (up to 20 s) until it has. */
    void stop() {
        stopRequested.countDown();
        try {
            stopped.await(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
