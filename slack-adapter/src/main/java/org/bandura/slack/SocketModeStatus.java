package org.bandura.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the log the truth about the Socket Mode connection: "connected" only once Slack has said hello on the
 * websocket, and one WARN line per outage (not a stack trace on every retry) while it can't connect.
 */
final class SocketModeStatus {

    private static final Logger LOG = LoggerFactory.getLogger(SlackFrontDoor.class);

    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean outageReported = new AtomicBoolean();

    /**
     * Follows the client from now on, and waits up to {@code patience} for the first connection so that a
     * websocket that can't connect at start is reported too (its first failure may precede this call).
     */
    void follow(SocketModeClient client, Duration patience) throws InterruptedException {
        client.addWebSocketMessageListener(message -> {
            if (isHello(message)) {
                connected();
            }
        });
        client.addWebSocketErrorListener(this::failed);
        client.addWebSocketCloseListener((code, reason) -> connected.set(false));
        long deadline = System.nanoTime() + patience.toNanos();
        while (!connected.get() && System.nanoTime() < deadline) {
            if (client.verifyConnection()) {
                connected();
            } else {
                Thread.sleep(100);
            }
        }
        if (!connected.get()) {
            failed("not connected " + patience.toSeconds() + " s after start");
        }
    }

    boolean isConnected() {
        return connected.get();
    }

    private void connected() {
        if (connected.compareAndSet(false, true)) {
            outageReported.set(false);
            LOG.info("Slack front door connected in Socket Mode.");
        }
    }

    private void failed(Throwable reason) {
        failed(reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage());
    }

    private void failed(String reason) {
        connected.set(false);
        if (outageReported.compareAndSet(false, true)) {
            LOG.warn("Slack Socket Mode can't connect ({}). Bandura keeps retrying every few seconds and logs when it "
                    + "is connected; check that this host can open websockets to Slack (proxy, firewall).", reason);
        }
    }

    private static boolean isHello(String message) {
        try {
            JsonElement json = JsonParser.parseString(message);
            return json.isJsonObject() && json.getAsJsonObject().has("type")
                    && "hello".equals(json.getAsJsonObject().get("type").getAsString());
        } catch (JsonSyntaxException | IllegalStateException | UnsupportedOperationException e) {
            return false;
        }
    }
}
