package org.bandura.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP mode: hands one request's raw bytes and headers to {@link App#run} through Bolt's request parser. Bolt
 * verifies the signature (a bad or stale one gets 401) and routes commands, events and interactivity; this class
 * knows no HTTP server, so whichever server the launcher runs copies bytes in and out.
 */
public final class SlackHttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SlackHttpHandler.class);
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** One HTTP request as received: the body's exact bytes, since the signature covers them. */
    public record Call(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                       String remoteAddress) {
    }

    /** @param contentType null when Bolt set none */
    public record Result(int status, String contentType, Map<String, List<String>> headers, String body) {
        public Result {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            body = body == null ? "" : body;
        }
    }

    private final App app;
    private final SlackRequestParser parser;

    SlackHttpHandler(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    public Result handle(Call call) {
        if (!"POST".equalsIgnoreCase(call.method())) {
            return new Result(405, "text/plain", Map.of("Allow", List.of("POST")), "Use POST");
        }
        if (call.body().length > MAX_BODY_BYTES) {
            return new Result(413, "text/plain", Map.of(), "Too large");
        }
        Map<String, List<String>> query = QueryStringParser.toMap(call.rawQuery() == null ? "" : call.rawQuery());
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(call.path())
                .queryString(query)
                .headers(new RequestHeaders(caseInsensitive(call.headers())))
                .requestBody(new String(call.body(), StandardCharsets.UTF_8))
                .remoteAddress(call.remoteAddress())
                .build());
        Response response = request == null ? Response.builder().statusCode(400).body("Not a Slack request").build()
                : run(request);
        return new Result(response.getStatusCode(), response.getContentType(), response.getHeaders(),
                response.getBody());
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        return copy;
    }

    private Response run(Request<?> request) {
        try {
            return app.run(request);
        } catch (Exception e) {
            if (SlackListeners.LeaveUnacknowledged.in(e)) {
                // Slack retries an event whose request failed: it comes again once this process (or another) is up.
                return Response.builder().statusCode(503).contentType("text/plain; charset=utf-8")
                        .body("Restarting: deliver this event again").build();
            }
            LOG.error("Slack request failed before its ack", e);
            return SlackFrontDoor.politeAck();
        }
    }
}
