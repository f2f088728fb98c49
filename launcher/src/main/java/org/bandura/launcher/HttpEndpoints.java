package org.bandura.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** The embedded HTTP server: {@code /healthz} always, and whatever the front doors mount (Slack HTTP mode). */
final class HttpEndpoints implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    HttpEndpoints(String bind, int port, BooleanSupplier databaseReachable) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "bandura-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", exchange -> health(exchange, databaseReachable));
    }

    void mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, BooleanSupplier databaseReachable) throws IOException {
        boolean up = databaseReachable.getAsBoolean();
        byte[] body = ("{\"status\":\"" + (up ? "ok" : "degraded") + "\",\"database\":\"" + (up ? "up" : "down")
                + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(up ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
