package org.bandura.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP mode: bridges the JDK HTTP server to {@link App#run} through Bolt's request parser. Bolt verifies the
 * signature (a bad or stale one gets 401) and routes commands, events and interactivity; this class only copies
 * bytes in and out.
 */
public final class SlackHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SlackHttpHandler.class);
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final App app;
    private final SlackRequestParser parser;

    SlackHttpHandler(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, "text/plain", "Use POST");
                return;
            }
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (bytes.length > MAX_BODY_BYTES) {
                send(exchange, 413, "text/plain", "Too large");
                return;
            }
            String body = new String(bytes, StandardCharsets.UTF_8);
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Map<String, List<String>> query = QueryStringParser.toMap(rawQuery == null ? "" : rawQuery);
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(exchange.getRequestURI().getPath())
                    .queryString(query)
                    .headers(new RequestHeaders(exchange.getRequestHeaders()))
                    .requestBody(body)
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
            Response response;
            if (request == null) {
                response = Response.builder().statusCode(400).body("Not a Slack request").build();
            } else {
                response = run(request);
            }
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            }
            send(exchange, response.getStatusCode(), response.getContentType(), response.getBody());
        }
    }

    private Response run(Request<?> request) {
        try {
            return app.run(request);
        } catch (Exception e) {
            LOG.error("Slack request failed before its ack", e);
            return SlackFrontDoor.politeAck();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
