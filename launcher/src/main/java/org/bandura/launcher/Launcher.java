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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bandura.config.BanduraConfig;
import org.bandura.config.ConfigException;
import org.bandura.config.ConfigLoader;
import org.bandura.console.ConsoleFrontDoor;
import org.bandura.core.BanduraCore;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.followup.EscalationSchedule;
import org.bandura.core.followup.FollowUpSettings;
import org.bandura.core.followup.ThankYouDetector;
import org.bandura.core.search.SearchSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CommunityRules;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.service.JobRunner;
import org.bandura.core.service.ProgressSettings;
import org.bandura.core.reputation.Badges;
import org.bandura.discord.DiscordFrontDoor;
import org.bandura.discord.DiscordSettings;
import org.bandura.discord.DiscordStartException;
import org.bandura.core.knowledge.KnowledgeBase;
import org.bandura.core.health.HealthMeasures;
import org.bandura.core.health.HealthSettings;
import org.bandura.core.knowledge.IndexKnowledgeSearch;
import org.bandura.core.knowledge.WebSignIn;
import org.bandura.slack.SlackFrontDoor;
import org.bandura.slack.SlackHttpHandler;
import org.bandura.slack.SlackSettings;
import org.bandura.web.PortTakenException;
import org.bandura.web.WebServer;
import org.bandura.web.WebSettings;
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
    private volatile boolean consoleRunning;
    /** What to close on stop, front doors first and the database last. */
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile CoreService core;
    private volatile Duration shutdownGrace = Duration.ofSeconds(20);
    private boolean shutDown;

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
            ConfigLoader loader = new ConfigLoader(env, ConfigLoader.DEFAULT_PATH);
            config = loader.load();
            loader.unknownVariableWarnings().forEach(log::warn);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        shutdownGrace = config.shutdown().grace();
        if (args.length > 0) {
            if (args[0].equals("copy-database")) {
                return CopyDatabaseCommand.run(args, databaseSettings(config.database()), env, out, err);
            }
            err.println("Unknown argument '" + args[0] + "'. Run without arguments to start the bot, or: "
                    + CopyDatabaseCommand.USAGE);
            return 2;
        }
        DatabaseSettings databaseSettings = databaseSettings(config.database());
        Database database;
        try {
            database = Database.open(databaseSettings);
        } catch (RuntimeException e) {
            err.println("Can't open the database at " + databaseSettings.redactedUrl() + ": "
                    + databaseSettings.redact(rootMessage(e)) + "\nCheck database.url (BANDURA_DATABASE_URL), "
                    + "database.user and database.password.");
            return 1;
        }
        try {
            addResource(database);
            CoreService core = new CoreService(database, coreSettings(config.core()).withProgress(progressSettings(config)),
                    followUpSettings(config.followUp()),
                    Clock.systemUTC(), new SearchSettings(Path.of(config.search().indexDir()), config.search().maxLag()));
            addResource(core);
            this.core = core;
            // Every process runs jobs (escalations, reminders, the nightly rebuild), the console included.
            addResource(new BackgroundJobs(new JobRunner(database, Clock.systemUTC(), workerId(),
                    core.jobHandlers()), core::scheduleDigests, Duration.ofSeconds(30)));
            Metrics metrics = null;
            BanduraCore front = core;
            if (config.http().metrics()) {
                metrics = new Metrics(database);
                addResource(metrics);
                front = metrics.meter(core);
            }
            SlackFrontDoor slack = null;
            if (config.slack().enabled()) {
                slack = new SlackFrontDoor(front, slackSettings(config.slack()))
                        .catchUpWithin(config.catchUp().window());
                addResource(slack);
            }
            boolean slackHttpMode = slack != null && slack.httpHandler().isPresent();
            if (config.http().enabled() || slackHttpMode) {
                Optional<WebServer> web = startWeb(config.http(), database, core, front, metrics, slack,
                        slackHttpMode, config);
                if (web.isEmpty() && (config.http().explicit() || slackHttpMode)) {
                    return 1;
                }
                web.ifPresent(this::addResource);
            }
            if (!config.anyChatPlatform()) {
                consoleRunning = true;
                runConsole(front, database, config);
                return 0;
            }
            if (slack != null) {
                slack.start();
                slack.deliverJobPosts(new DatabaseOutbox(database, Clock.systemUTC()),
                        config.followUp().slackFallbackChannel(), config.followUp().slackFallbackUsergroup(),
                        config.progress().slackDigestChannel(), Duration.ofSeconds(10));
            }
            if (config.discord().enabled()) {
                DiscordFrontDoor discord = new DiscordFrontDoor(front, discordSettings(config.discord()))
                        .catchUpWithin(config.catchUp().window());
                addResource(discord);
                discord.start();
                discord.deliverJobPosts(new DatabaseOutbox(database, Clock.systemUTC()),
                        config.followUp().discordFallbackChannel(), config.followUp().discordFallbackRole(),
                        config.progress().discordDigestChannel(), Duration.ofSeconds(10));
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
            shutDown();
        }
    }

    /**
     * Starts the one HTTP server: knowledge base, /healthz, /metrics and Slack's HTTP mode. A taken port stops the
     * start when the operator chose the port (or Slack needs it); with the defaults Bandura says so and runs on.
     */
    private Optional<WebServer> startWeb(BanduraConfig.HttpConfig http, Database database, CoreService core,
                                         BanduraCore front, Metrics metrics, SlackFrontDoor slack,
                                         boolean slackHttpMode, BanduraConfig config) {
        WebSettings settings = new WebSettings(http.bind(), http.port(), http.publicUrl(),
                WebSettings.Visibility.parse(http.webVisibility()), http.metrics(),
                http.workspaceVisibility().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, entry -> WebSettings.Visibility.parse(entry.getValue()))));
        ProgressSettings progress = progressSettings(config);
        KnowledgeBase knowledge = new KnowledgeBase(database, new IndexKnowledgeSearch(database, core.search()),
                Clock.systemUTC(), progress.zone(), progress.badges());
        WebServer server = new WebServer(settings, front, knowledge, new WebSignIn(database, Clock.systemUTC()),
                database::isReachable);
        if (metrics != null) {
            server.serveMetrics(metrics::scrape);
        }
        server.serveHealth(new WebServer.HealthDashboard(new HealthMeasures(database, Clock.systemUTC(),
                healthSettings(config)), config.health().membersMaySee()));
        if (slackHttpMode) {
            SlackHttpHandler handler = slack.httpHandler().orElseThrow();
            server.mount("/slack/events", request -> slackResponse(handler.handle(new SlackHttpHandler.Call(
                    request.method(), request.path(), request.rawQuery(), request.headers(), request.body(),
                    request.remoteAddress()))));
        }
        try {
            server.start();
        } catch (PortTakenException e) {
            if (http.explicit() || slackHttpMode) {
                err.println("Can't start: " + e.getMessage() + ". Set http.port (BANDURA_HTTP_PORT) to a free port, "
                        + "or 0 for any free one" + (slackHttpMode ? "." : ", or http.enabled: false to run without the web."));
            } else {
                out.println("Knowledge base not started: " + e.getMessage() + " (set http.port, or 0 for any free "
                        + "port). Running on without the web.");
            }
            return Optional.empty();
        }
        if (settings.anyVisible()) {
            core.enableWebSignIn(server.publicUrl());
            out.println("Knowledge base: " + server.publicUrl() + "/ — type /web to sign in");
        }
        log.info("HTTP server on {}:{} (/healthz{})", http.bind(), server.port(),
                slackHttpMode ? ", /slack/events" : "");
        return Optional.of(server);
    }

    private static WebServer.RawResponse slackResponse(SlackHttpHandler.Result result) {
        return new WebServer.RawResponse(result.status(), result.contentType(), result.headers(),
                result.body().getBytes(StandardCharsets.UTF_8));
    }

    private void runConsole(BanduraCore core, Database database, BanduraConfig config) throws IOException {
        ConsoleFrontDoor console = new ConsoleFrontDoor(core, config.console().moderators(),
                System.getProperty("user.name", "me"), new DatabaseOutbox(database, Clock.systemUTC()));
        console.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
    }

    static DiscordSettings discordSettings(BanduraConfig.DiscordConfig discord) {
        return new DiscordSettings(discord.token(), discord.restUrl(), discord.gatewayUrl(), discord.qaChannel(),
                discord.moderatorRoles(), discord.devGuilds(), discord.upvoteEmoji(), discord.downvoteEmoji(),
                discord.acceptEmoji(), discord.shardTotal(), discord.shardMin(), discord.shardMax(),
                discord.answerReaction());
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
                database.poolSize(), database.connectionTimeout(), database.retryAfter());
    }

    /** The community-health measures' settings: workspace.time-zone, health.sla, the learned-expert threshold. */
    static HealthSettings healthSettings(BanduraConfig config) {
        return new HealthSettings(config.health().sla(), java.time.ZoneId.of(config.health().timeZone()),
                config.followUp().learnedExpertThreshold());
    }

    /** workspace.time-zone, badges.*, digest.day/time and health.sla for the core's progress and digest. */
    static ProgressSettings progressSettings(BanduraConfig config) {
        BanduraConfig.ProgressConfig progress = config.progress();
        return new ProgressSettings(java.time.ZoneId.of(config.health().timeZone()), new Badges.Thresholds(
                progress.helpful(), progress.quick(), progress.quickWithin(), progress.mentor(), progress.curious()),
                progress.digestDay(), progress.digestTime(), config.health().sla());
    }

    static FollowUpSettings followUpSettings(BanduraConfig.FollowUpConfig followUp) {
        return new FollowUpSettings(followUp.learnedExpertThreshold(), new EscalationSchedule.Timing(followUp.first(),
                followUp.second(), followUp.last(), followUp.giveUp(), followUp.claimHold()), followUp.acceptReminder(),
                followUp.thankYouPhrases().isEmpty() ? ThankYouDetector.DEFAULT_PHRASES : followUp.thankYouPhrases());
    }

    static CoreSettings coreSettings(BanduraConfig.CoreConfig core) {
        BanduraConfig.CommunityConfig community = core.community();
        return new CoreSettings(core.maxQuestionLength(), core.expertsPerQuestion(), core.dailyVoteCap(),
                core.tagExpertThreshold(), core.maxTagsPerQuestion(), new CommunityRules(community.inferMinQuestions(),
                community.createTagMinReputation(), community.maxExpertTags(), community.answerMinChars()));
    }

    private void awaitStop() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops a running bot gracefully (SIGTERM runs this): no new commands, the ones in flight finish (up to
     * {@code shutdown.grace}), then front doors, HTTP server and jobs close, and the database closes last.
     */
    void stop() {
        stopRequested.countDown();
        if (consoleRunning) {
            shutDown(); // the console thread may be blocked reading input, so stop from here
            return;
        }
        try {
            stopped.await(shutdownGrace.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void addResource(AutoCloseable resource) {
        if (shutDown) {
            throw new IllegalStateException("stopping");
        }
        resources.add(0, resource);
    }

    /** Runs once, whether the bot stops by itself (end of console input) or is asked to; later calls wait for it. */
    private synchronized void shutDown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        CoreService running = core;
        if (running != null) {
            running.stopAccepting(shutdownGrace);
        }
        closeAll(resources);
        resources.clear();
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
