package org.bandura.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bandura.core.BanduraCore;
import org.bandura.core.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bandura in a Slack workspace. Socket Mode when an app token is set (no public URL needed); otherwise HTTP mode,
 * where the launcher mounts {@link #httpHandler()} at {@code /slack/events} on its embedded server.
 */
public final class SlackFrontDoor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackFrontDoor.class);

    private final SlackSettings settings;
    private final Slack slack;
    private final App app;
    private final SlackHttpHandler httpHandler;
    private final SlackOutbox api;
    private SocketModeApp socketModeApp;
    private final SocketModeStatus socketModeStatus = new SocketModeStatus();
    private ScheduledExecutorService jobPostTimer;
    private final BanduraCore core;
    private final Clock clock;
    private volatile Duration catchUpWithin = Duration.ofDays(14);
    private volatile SlackCatchUp.Pause catchUpPause = wait -> Thread.sleep(wait.toMillis());
    private volatile SlackCatchUp catchUp;

    public SlackFrontDoor(BanduraCore core, SlackSettings settings) {
        this(core, settings, Clock.systemUTC());
    }

    SlackFrontDoor(BanduraCore core, SlackSettings settings, Clock clock) {
        this.settings = settings;
        this.core = core;
        this.clock = clock;
        // A fresh SlackConfig: SlackConfig.DEFAULT is immutable, and the API URL must be configurable.
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setStatsEnabled(false);
        this.slack = Slack.getInstance(config);
        this.app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                // Unhandled events are acked anyway, so Slack does not retry them.
                .allEventsApiAutoAckEnabled(true)
                .build());
        this.api = new SlackOutbox(slack, settings.botToken(), core);
        // job messages are posted from the start; deliverJobPosts adds the fallback and digest places
        api.jobMessages(new SlackJobPosts(api, settings.moderatorUserIds(), new SlackJobPosts.Places(null, null))::post);
        new SlackListeners(core, settings, api, new Members(settings, clock), app.executorService())
                .register(app);
        this.httpHandler = settings.socketMode() ? null : new SlackHttpHandler(app);
    }

    /**
     * Connects: checks the bot token ({@code auth.test}), then opens the Socket Mode connection, or in HTTP mode
     * gets ready to serve {@link #httpHandler()}.
     */
    public synchronized void start() throws Exception {
        checkBotToken();
        catchUp = new SlackCatchUp(core, settings, api, catchUpWithin, clock, catchUpPause);
        if (settings.socketMode()) {
            socketModeApp = new SocketModeApp(settings.appToken(), app, SocketModeClient.Backend.JavaWebSocket,
                    context -> {
                        if (SlackListeners.LeaveUnacknowledged.in(context.getException())) {
                            return null; // no ack: Slack delivers the event again
                        }
                        LOG.error("Slack request failed before its ack", context.getException());
                        return politeAck();
                    },
                    settings.socketConcurrency());
            LOG.info("Slack front door connecting in Socket Mode ({})", settings);
            socketModeApp.startAsync();
            socketModeStatus.follow(socketModeApp.getClient(), Duration.ofSeconds(5));
            catchUp.follow(socketModeApp.getClient());
        } else {
            app.start();
            LOG.info("Slack front door ready in HTTP mode ({})", settings);
        }
        catchUp.schedule("start");
    }

    /**
     * How far back catch-up after downtime looks: open questions asked within this (config {@code catch-up.days},
     * default 14 days). Call before {@link #start()}.
     */
    public SlackFrontDoor catchUpWithin(Duration within) {
        if (within == null || within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("catch-up window must be positive, was " + within);
        }
        this.catchUpWithin = within;
        return this;
    }

    /** For tests: how catch-up waits out a 429 (the default sleeps). Call before {@link #start()}. */
    void catchUpPause(SlackCatchUp.Pause pause) {
        this.catchUpPause = pause;
    }

    /** The catch-up queued last (at start or after a long reconnect): completes with the commands it ran. */
    CompletableFuture<Integer> latestCatchUp() {
        SlackCatchUp current = catchUp;
        return current == null ? CompletableFuture.completedFuture(0) : current.latest();
    }

    /** True while the Socket Mode websocket is open and Slack has said hello on it. */
    public boolean socketModeConnected() {
        return socketModeStatus.isConnected();
    }

    /**
     * Asks Slack about the bot token before Bolt does, because Bolt reports an unreachable API URL as "The token is
     * invalid". A network failure and a rejected token need different fixes, so they get different messages.
     */
    private void checkBotToken() {
        AuthTestResponse response;
        try {
            response = slack.methods(settings.botToken()).authTest(request -> request);
        } catch (IOException e) {
            throw new IllegalStateException("Can't reach the Slack API at " + settings.apiUrl() + " (" + e.getClass()
                    .getSimpleName() + ": " + e.getMessage() + "). Check slack.api-url (SLACK_API_URL), the network "
                    + "and any proxy; the bot token was not checked.", e);
        } catch (SlackApiException e) {
            throw new IllegalStateException("The Slack API at " + settings.apiUrl() + " answered HTTP "
                    + e.getResponse().code() + " instead of checking the token. Check slack.api-url (SLACK_API_URL).");
        }
        if (!response.isOk()) {
            throw new IllegalStateException("Slack rejected the bot token (auth.test error: " + response.getError()
                    + "). Copy a fresh xoxb- token from OAuth & Permissions into SLACK_BOT_TOKEN.");
        }
    }

    /**
     * Delivers the core's outbox (job output such as escalations and accept prompts, and anything a command left
     * that is waiting for a retry) every {@code every}, from a single daemon thread. The {@code outbox} argument is
     * no longer read: delivery goes through the core's outbox ({@link BanduraCore#deliver}), which every command
     * writes to.
     *
     * @param fallbackChannel   channel id for fallback posts; null: the question's channel
     * @param fallbackUsergroup user group id mentioned in fallback posts; null for none
     */
    public synchronized void deliverJobPosts(Outbox outbox, String fallbackChannel, String fallbackUsergroup,
                                             Duration every) {
        deliverJobPosts(outbox, fallbackChannel, fallbackUsergroup, null, every);
    }

    /** @param digestChannel channel id where the weekly digest is posted ({@code digest.channel}); null: not posted */
    public synchronized void deliverJobPosts(Outbox outbox, String fallbackChannel, String fallbackUsergroup,
                                             String digestChannel, Duration every) {
        SlackJobPosts jobPosts = new SlackJobPosts(api, settings.moderatorUserIds(),
                new SlackJobPosts.Places(fallbackChannel, fallbackUsergroup, digestChannel));
        api.jobMessages(jobPosts::post);
        jobPostTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bandura-slack-job-posts");
            thread.setDaemon(true);
            return thread;
        });
        jobPostTimer.scheduleWithFixedDelay(this::deliverJobPostsNow, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One delivery pass of the outbox, for the timer and for tests. @return how many rows were delivered */
    int deliverJobPostsNow() {
        return api.deliverNow();
    }

    /** For tests whose outbox has no pace: no follow-up delivery pass a second after one that posted. */
    void noFollowUpPasses() {
        api.followUpPasses(Duration.ZERO);
    }

    /** One delivery pass of the outbox on the calling thread (tests drive it after moving the clock). */
    int deliverNow() {
        return api.deliverNow();
    }

    /** The handler for {@code POST /slack/events}; empty in Socket Mode. */
    public Optional<SlackHttpHandler> httpHandler() {
        return Optional.ofNullable(httpHandler);
    }

    /** Closes the socket-mode client, the SocketModeApp, Bolt's executor and the HTTP client: no thread is left. */
    @Override
    public synchronized void close() {
        if (catchUp != null) {
            catchUp.close();
            catchUp = null;
        }
        if (jobPostTimer != null) {
            jobPostTimer.shutdownNow();
            jobPostTimer = null;
        }
        api.close();
        if (socketModeApp != null) {
            SocketModeClient client = socketModeApp.getClient();
            try {
                if (client != null) {
                    client.close();
                }
                socketModeApp.close();
            } catch (Exception e) {
                LOG.warn("Closing the Socket Mode connection failed: {}", e.toString());
            }
            socketModeApp = null;
        }
        app.stop();
        ExecutorService executor = app.executorService();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            slack.close();
        } catch (Exception e) {
            LOG.warn("Closing the Slack client failed: {}", e.toString());
        }
    }

    /** What Slack gets when a listener throws: an ack with a polite private text, never a stack trace. */
    static Response politeAck() {
        return Response.json(200, Map.of("response_type", "ephemeral", "text", SlackListeners.SORRY));
    }
}
