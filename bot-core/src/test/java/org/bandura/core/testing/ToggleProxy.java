package org.bandura.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bandura.core.persistence.DatabaseSettings;

/**
 * A TCP proxy on 127.0.0.1 in front of a real database server that a test can "stop" (every connection cut, new
 * ones refused) and "start" again, without touching the server other tests use.
 */
public final class ToggleProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    public ToggleProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "toggle-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code direct} (a PostgreSQL schema from {@link TestDatabases}) reached through this proxy instead. */
    public DatabaseSettings route(DatabaseSettings direct, int poolSize, Duration connectionTimeout,
                                  Duration retryAfter) {
        String target = targetHost + ":" + targetPort;
        if (!direct.url().contains(target)) {
            throw new IllegalArgumentException(direct.redactedUrl() + " does not point at " + target);
        }
        return new DatabaseSettings(direct.url().replace(target, "127.0.0.1:" + port()), direct.user(),
                direct.password(), direct.schema(), poolSize, connectionTimeout, retryAfter);
    }

    /** Cuts every connection and refuses new ones, as a stopped server would. */
    public void stop() {
        down = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public void start() {
        down = false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "toggle-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        server.close();
    }
}
