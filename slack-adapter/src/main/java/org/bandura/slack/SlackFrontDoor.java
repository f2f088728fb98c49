package org.bandura.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.bandura.core.BanduraCore;
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
    private SocketModeApp socketModeApp;

    public SlackFrontDoor(BanduraCore core, SlackSettings settings) {
        this(core, settings, Clock.systemUTC());
    }

    SlackFrontDoor(BanduraCore core, SlackSettings settings, Clock clock) {
        this.settings = settings;
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
        SlackOutbox outbox = new SlackOutbox(slack, settings.botToken());
        new SlackListeners(core, settings, outbox, new Members(settings, clock), app.executorService())
                .register(app);
        this.httpHandler = settings.socketMode() ? null : new SlackHttpHandler(app);
    }

    /**
     * Connects: checks the bot token ({@code auth.test}), then opens the Socket Mode connection, or in HTTP mode
     * gets ready to serve {@link #httpHandler()}.
     */
    public synchronized void start() throws Exception {
        if (settings.socketMode()) {
            socketModeApp = new SocketModeApp(settings.appToken(), app, SocketModeClient.Backend.JavaWebSocket,
                    context -> {
                        LOG.error("Slack request failed before its ack", context.getException());
                        return politeAck();
                    },
                    settings.socketConcurrency());
            socketModeApp.startAsync();
            LOG.info("Slack front door connected in Socket Mode ({})", settings);
        } else {
            app.start();
            LOG.info("Slack front door ready in HTTP mode ({})", settings);
        }
    }

    /** The handler for {@code POST /slack/events}; empty in Socket Mode. */
    public Optional<SlackHttpHandler> httpHandler() {
        return Optional.ofNullable(httpHandler);
    }

    /** Closes the socket-mode client, the SocketModeApp, Bolt's executor and the HTTP client: no thread is left. */
    @Override
    public synchronized void close() {
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
