package org.bandura.slack.fake;

import static org.awaitility.Awaitility.await;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local Slack on 127.0.0.1 for tests: the Web API methods the bot calls (each call recorded), response URLs,
 * and a Socket Mode websocket endpoint that says hello, sends envelopes and records every ack.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String TEAM = "T0BANDURA";
    public static final String TEAM_DOMAIN = "acme";
    public static final String BOT_USER = "U0BOT";
    public static final String BOT_ID = "B0BOT";
    public static final String APP_ID = "A0BANDURA";

    /** One Web API call as the fake received it. */
    public record ApiCall(String method, Map<String, String> params, String authorization, Instant at) {
        public String param(String name) {
            return params.get(name);
        }

        public JsonElement json(String name) {
            String value = params.get(name);
            return value == null ? null : JsonParser.parseString(value);
        }
    }

    /** A response the bot posted to a command's or shortcut's response URL. */
    public record Responded(String path, JsonObject body, Instant at) {
        public String text() {
            return body.has("text") ? body.get("text").getAsString() : "";
        }

        public String responseType() {
            return body.has("response_type") ? body.get("response_type").getAsString() : "ephemeral";
        }
    }

    /** An ack the bot sent for an envelope. */
    public record Ack(String envelopeId, JsonObject message, Instant at) {
        public JsonObject payload() {
            return message.has("payload") ? message.getAsJsonObject("payload") : new JsonObject();
        }
    }

    /** A message the bot posted, as it is now (after any chat.update). */
    public record Posted(String channel, String ts, String threadTs, String text, JsonArray blocks) {
        public String blocksJson() {
            return blocks.toString();
        }
    }

    private static final org.eclipse.jetty.websocket.api.Callback WS_NOOP =
            org.eclipse.jetty.websocket.api.Callback.NOOP;

    private final Gson gson = new Gson();
    private final Server server;
    private final ServerConnector connector;
    private final List<ApiCall> calls = new CopyOnWriteArrayList<>();
    private final List<Responded> responses = new CopyOnWriteArrayList<>();
    private final Map<String, Ack> acks = new ConcurrentHashMap<>();
    private final Map<String, Instant> sent = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> users = new ConcurrentHashMap<>();
    private final Map<String, Posted> messages = new ConcurrentHashMap<>();
    private final List<String> postOrder = new CopyOnWriteArrayList<>();
    /** Response URL path → the message (channel:ts) whose button was pressed. */
    private final Map<String, String> pressedMessages = new ConcurrentHashMap<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000_100L);
    private volatile boolean rejectTokens;
    private volatile String socketUrl;

    public FakeSlack() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("fake-slack");
        server = new Server(threads, new ScheduledExecutorScheduler("fake-slack-scheduler", true), null);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler websocket = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(5));
            container.addMapping("/link", (request, response, callback) -> new SocketModeEndpoint());
        });
        websocket.setHandler(new WebApi());
        server.setHandler(websocket);
        server.start();
    }

    /** The Web API base URL to give the bot, ending in {@code /}. */
    public String apiUrl() {
        return baseUrl() + "/api/";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** A fresh response URL on this fake, as Slack puts into commands and shortcuts. */
    public String responseUrl() {
        return baseUrl() + "/respond/" + UUID.randomUUID();
    }

    /**
     * A response URL for a button press on a posted message: like Slack's, a response with
     * {@code replace_original: true} replaces that message (text and blocks) and {@code delete_original: true}
     * deletes it; other responses are new messages (recorded in {@link #responses()}).
     */
    public String responseUrlFor(String channel, String ts) {
        String url = responseUrl();
        pressedMessages.put(url.substring(baseUrl().length()), channel + ":" + ts);
        return url;
    }

    public void addUser(String id, String displayName, boolean admin) {
        JsonObject user = new JsonObject();
        user.addProperty("id", id);
        user.addProperty("team_id", TEAM);
        user.addProperty("name", displayName.toLowerCase());
        user.addProperty("real_name", displayName);
        user.addProperty("is_admin", admin);
        user.addProperty("is_owner", false);
        user.addProperty("is_bot", false);
        JsonObject profile = new JsonObject();
        profile.addProperty("display_name", displayName);
        profile.addProperty("real_name", displayName);
        user.add("profile", profile);
        users.put(id, user);
    }

    // ------------------------------------------------------------------ recordings

    public List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    public List<ApiCall> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    public List<Responded> responses() {
        return List.copyOf(responses);
    }

    public Map<String, Ack> acks() {
        return Map.copyOf(acks);
    }

    /** Messages posted with chat.postMessage, in order, as they are now. */
    public List<Posted> posts() {
        return postOrder.stream().map(messages::get).toList();
    }

    /** Ephemeral messages sent with chat.postEphemeral, as (user, text) calls. */
    public List<ApiCall> ephemerals() {
        return calls("chat.postEphemeral");
    }

    /** The current text of a posted message, after any chat.update. */
    public String messageText(String channel, String ts) {
        Posted posted = messages.get(channel + ":" + ts);
        return posted == null ? null : posted.text();
    }

    /** A posted message as it is now (after chat.update or a replace through a response URL); null if gone. */
    public Posted message(String channel, String ts) {
        return messages.get(channel + ":" + ts);
    }

    public JsonArray messageBlocks(String channel, String ts) {
        Posted posted = messages.get(channel + ":" + ts);
        return posted == null ? null : posted.blocks();
    }

    // ------------------------------------------------------------------ Socket Mode

    public boolean connected() {
        return sessions.stream().anyMatch(Session::isOpen);
    }

    public void awaitConnected() {
        await().atMost(Duration.ofSeconds(10)).until(this::connected);
    }

    /** Sends one envelope on the open Socket Mode connection and returns its id. */
    public String send(String type, JsonObject payload, int retryAttempt) {
        String envelopeId = UUID.randomUUID().toString();
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        envelope.add("payload", payload);
        envelope.addProperty("type", type);
        envelope.addProperty("accepts_response_payload", !"events_api".equals(type));
        if ("events_api".equals(type)) {
            envelope.addProperty("retry_attempt", retryAttempt);
            envelope.addProperty("retry_reason", retryAttempt == 0 ? "" : "timeout");
        }
        Session session = sessions.stream().filter(Session::isOpen).reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("No Socket Mode connection"));
        sent.put(envelopeId, Instant.now());
        session.sendText(gson.toJson(envelope), WS_NOOP);
        return envelopeId;
    }

    /** Asks the bot to reconnect, as Slack does before it recycles a connection. */
    public void sendDisconnect() {
        JsonObject disconnect = new JsonObject();
        disconnect.addProperty("type", "disconnect");
        disconnect.addProperty("reason", "refresh_requested");
        Session session = sessions.stream().filter(Session::isOpen).reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("No Socket Mode connection"));
        session.sendText(gson.toJson(disconnect), WS_NOOP);
    }

    /** From now on every token is refused ({@code invalid_auth}), as for a revoked app. */
    /** Hands out a websocket URL where nothing listens, as when a firewall blocks Slack's websocket hosts. */
    public void refuseWebSockets() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        socketUrl = "ws://127.0.0.1:" + closedPort + "/link";
    }

    public void rejectTokens() {
        rejectTokens = true;
    }

    public String sendCommand(JsonObject payload) {
        return send("slash_commands", payload, 0);
    }

    public String sendEvent(JsonObject payload) {
        return send("events_api", payload, 0);
    }

    public String sendInteractive(JsonObject payload) {
        return send("interactive", payload, 0);
    }

    /** Waits for the ack of an envelope; fails unless it came within Slack's 3 seconds. */
    public Ack awaitAck(String envelopeId) {
        await().atMost(Duration.ofSeconds(3)).until(() -> acks.containsKey(envelopeId));
        Ack ack = acks.get(envelopeId);
        Duration took = Duration.between(sent.get(envelopeId), ack.at());
        if (took.compareTo(Duration.ofSeconds(3)) > 0) {
            throw new AssertionError("Ack for " + envelopeId + " took " + took);
        }
        return ack;
    }

    public Duration ackDelay(String envelopeId) {
        return Duration.between(sent.get(envelopeId), acks.get(envelopeId).at());
    }

    @Override
    public void close() {
        for (Session session : sessions) {
            if (session.isOpen()) {
                session.close();
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The fake Slack did not stop", e);
        }
    }

    // ------------------------------------------------------------------ implementation

    public final class SocketModeEndpoint implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            sessions.add(session);
            JsonObject hello = new JsonObject();
            hello.addProperty("type", "hello");
            hello.addProperty("num_connections", 1);
            JsonObject info = new JsonObject();
            info.addProperty("app_id", APP_ID);
            hello.add("connection_info", info);
            JsonObject debug = new JsonObject();
            debug.addProperty("host", "fake-slack");
            debug.addProperty("approximate_connection_time", 18060);
            hello.add("debug_info", debug);
            session.sendText(gson.toJson(hello), WS_NOOP);
        }

        @Override
        public void onWebSocketText(String message) {
            JsonObject json = JsonParser.parseString(message).getAsJsonObject();
            if (json.has("envelope_id")) {
                String id = json.get("envelope_id").getAsString();
                acks.putIfAbsent(id, new Ack(id, json, Instant.now()));
            }
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            session.sendPong(payload, WS_NOOP);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback done) {
            sessions.remove(session);
            done.succeed();
        }
    }

    private final class WebApi extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            String json;
            if (path.startsWith("/respond/")) {
                JsonObject responded = JsonParser.parseString(body).getAsJsonObject();
                responses.add(new Responded(path, responded, Instant.now()));
                actOnOriginal(path, responded);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
            if (!path.startsWith("/api/")) {
                response.setStatus(404);
                callback.succeeded();
                return true;
            }
            String method = path.substring("/api/".length());
            Map<String, String> params = params(request.getHeaders().get(HttpHeader.CONTENT_TYPE), body);
            String query = request.getHttpURI().getQuery();
            if (query != null) {
                params.putAll(form(query));
            }
            calls.add(new ApiCall(method, params, request.getHeaders().get(HttpHeader.AUTHORIZATION), Instant.now()));
            if (serverErrorNow(method)) {
                response.setStatus(503);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                Content.Sink.write(response, true, "upstream unavailable", callback);
                return true;
            }
            String refusal = refusalNow(method, params.get("channel"));
            if (refusal != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                Content.Sink.write(response, true, "{\"ok\":false,\"error\":\"" + refusal + "\"}", callback);
                return true;
            }
            if (rateLimitedNow(method)) {
                response.setStatus(429);
                response.getHeaders().put("Retry-After", Integer.toString(retryAfterSeconds));
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                Content.Sink.write(response, true, "{\"ok\":false,\"error\":\"ratelimited\"}", callback);
                return true;
            }
            json = gson.toJson(answer(method, params));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, json, callback);
            return true;
        }
    }

    private void actOnOriginal(String path, JsonObject responded) {
        String key = pressedMessages.get(path);
        if (key == null) {
            return;
        }
        if (flag(responded, "delete_original")) {
            messages.remove(key);
            postOrder.remove(key);
        } else if (flag(responded, "replace_original")) {
            messages.computeIfPresent(key, (k, old) -> new Posted(old.channel(), old.ts(), old.threadTs(),
                    responded.has("text") ? responded.get("text").getAsString() : old.text(),
                    responded.has("blocks") ? responded.getAsJsonArray("blocks") : new JsonArray()));
        }
    }

    private static boolean flag(JsonObject body, String name) {
        return body.has(name) && body.get(name).isJsonPrimitive() && body.get(name).getAsBoolean();
    }

    private JsonObject answer(String method, Map<String, String> params) {
        JsonObject out = new JsonObject();
        if (rejectTokens) {
            out.addProperty("ok", false);
            out.addProperty("error", "invalid_auth");
            return out;
        }
        out.addProperty("ok", true);
        switch (method) {
            case "auth.test" -> {
                out.addProperty("url", "https://" + TEAM_DOMAIN + ".slack.com/");
                out.addProperty("team", "Acme");
                out.addProperty("user", "bandura");
                out.addProperty("team_id", TEAM);
                out.addProperty("user_id", BOT_USER);
                out.addProperty("bot_id", BOT_ID);
                out.addProperty("is_enterprise_install", false);
            }
            case "apps.connections.open" -> out.addProperty("url", socketUrl != null ? socketUrl
                    : baseUrl().replace("http://", "ws://") + "/link?ticket=" + UUID.randomUUID());
            case "bots.info" -> {
                JsonObject bot = new JsonObject();
                bot.addProperty("id", BOT_ID);
                bot.addProperty("user_id", BOT_USER);
                bot.addProperty("app_id", APP_ID);
                bot.addProperty("name", "bandura");
                out.add("bot", bot);
            }
            case "users.info" -> {
                JsonObject user = users.get(params.get("user"));
                if (user == null) {
                    out.addProperty("ok", false);
                    out.addProperty("error", "user_not_found");
                } else {
                    out.add("user", user);
                }
            }
            case "chat.postMessage" -> {
                String ts = nextTs();
                String channel = params.get("channel");
                JsonArray blocks = params.containsKey("blocks")
                        ? JsonParser.parseString(params.get("blocks")).getAsJsonArray() : new JsonArray();
                messages.put(channel + ":" + ts,
                        new Posted(channel, ts, params.get("thread_ts"), params.get("text"), blocks));
                postOrder.add(channel + ":" + ts);
                out.addProperty("channel", channel);
                out.addProperty("ts", ts);
                JsonObject message = new JsonObject();
                message.addProperty("type", "message");
                message.addProperty("user", BOT_USER);
                message.addProperty("bot_id", BOT_ID);
                message.addProperty("text", params.get("text"));
                message.addProperty("ts", ts);
                out.add("message", message);
            }
            case "chat.delete" -> {
                String key = params.get("channel") + ":" + params.get("ts");
                if (messages.remove(key) == null) {
                    out.addProperty("ok", false);
                    out.addProperty("error", "message_not_found");
                } else {
                    postOrder.remove(key);
                    out.addProperty("channel", params.get("channel"));
                    out.addProperty("ts", params.get("ts"));
                }
            }
            case "chat.update" -> {
                String key = params.get("channel") + ":" + params.get("ts");
                Posted old = messages.get(key);
                if (old == null) {
                    out.addProperty("ok", false);
                    out.addProperty("error", "message_not_found");
                } else {
                    JsonArray blocks = params.containsKey("blocks")
                            ? JsonParser.parseString(params.get("blocks")).getAsJsonArray() : old.blocks();
                    messages.put(key, new Posted(old.channel(), old.ts(), old.threadTs(),
                            params.getOrDefault("text", old.text()), blocks));
                    out.addProperty("channel", old.channel());
                    out.addProperty("ts", old.ts());
                }
            }
            case "conversations.history" -> {
                JsonArray list = new JsonArray();
                Posted posted = messages.get(params.get("channel") + ":" + params.get("latest"));
                if (posted != null) {
                    JsonObject message = new JsonObject();
                    message.addProperty("type", "message");
                    message.addProperty("user", BOT_USER);
                    message.addProperty("bot_id", BOT_ID);
                    message.addProperty("text", posted.text());
                    message.addProperty("ts", posted.ts());
                    message.add("blocks", posted.blocks());
                    list.add(message);
                }
                out.add("messages", list);
                out.addProperty("has_more", false);
            }
            case "conversations.replies" -> replies(params, out);
            case "chat.postEphemeral" -> out.addProperty("message_ts", nextTs());
            case "views.open", "views.publish" -> {
                JsonObject view = JsonParser.parseString(params.getOrDefault("view", "{}")).getAsJsonObject();
                view.addProperty("id", "V" + clock.incrementAndGet());
                out.add("view", view);
            }
            default -> {
                out.addProperty("ok", false);
                out.addProperty("error", "unknown_method");
            }
        }
        return out;
    }

    private String nextTs() {
        long micros = clock.incrementAndGet();
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }

    private static Map<String, String> params(String contentType, String body) {
        if (contentType != null && contentType.startsWith("application/json")) {
            Map<String, String> params = new LinkedHashMap<>();
            JsonObject json = JsonParser.parseString(body).getAsJsonObject();
            json.entrySet().forEach(entry -> params.put(entry.getKey(), entry.getValue().isJsonPrimitive()
                    ? entry.getValue().getAsString() : entry.getValue().toString()));
            return params;
        }
        return form(body);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** All texts the bot posted with chat.postMessage, in order. */
    public List<String> postedTexts() {
        List<String> texts = new ArrayList<>();
        calls("chat.postMessage").forEach(call -> texts.add(call.param("text")));
        return texts;
    }

    // ------------------------------------------------------------------ catch-up: thread history

    /** People's thread replies by {@code channel:ts}, as {@code conversations.replies} shows them. */
    private final Map<String, JsonObject> replies = new ConcurrentHashMap<>();
    /** Reactions by {@code channel:ts} of the message, then emoji name, then the users in order. */
    private final Map<String, Map<String, List<String>>> reactionUsers = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> rateLimits = new ConcurrentHashMap<>();

    /** Undoes {@link #refuseWebSockets()}: {@code apps.connections.open} hands out this server's websocket again. */
    public void acceptWebSockets() {
        socketUrl = null;
    }

    /** A person's reply in a thread, kept in history (whether or not its event is also sent). */
    public void keepReply(String user, String channel, String ts, String threadTs, String text) {
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("user", user);
        message.addProperty("text", text);
        message.addProperty("ts", ts);
        message.addProperty("thread_ts", threadTs);
        replies.put(channel + ":" + ts, message);
    }

    /** A reply edited (in history only). */
    public void editKeptReply(String channel, String ts, String text) {
        JsonObject message = replies.get(channel + ":" + ts);
        message.addProperty("text", text);
        JsonObject edited = new JsonObject();
        edited.addProperty("user", message.get("user").getAsString());
        edited.addProperty("ts", nextTs());
        message.add("edited", edited);
    }

    /** A reply deleted (in history only). */
    public void deleteKeptReply(String channel, String ts) {
        replies.remove(channel + ":" + ts);
        reactionUsers.remove(channel + ":" + ts);
    }

    /** A reaction on a message, kept in history (whether or not its event is also sent). */
    public void keepReaction(String user, String channel, String ts, String emoji) {
        List<String> users = reactionUsers.computeIfAbsent(channel + ":" + ts, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(emoji, name -> new CopyOnWriteArrayList<>());
        if (!users.contains(user)) {
            users.add(user);
        }
    }

    private final Map<String, java.util.concurrent.atomic.AtomicInteger> serverErrors = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private volatile int retryAfterSeconds = 2;

    /** The {@code Retry-After} (seconds) rate-limited calls get; 2 unless set. */
    public void retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
    }

    /** The next {@code times} calls of {@code method} get HTTP 503. */
    public void serverError(String method, int times) {
        serverErrors.put(method, new java.util.concurrent.atomic.AtomicInteger(times));
    }

    private boolean serverErrorNow(String method) {
        java.util.concurrent.atomic.AtomicInteger left = serverErrors.get(method);
        return left != null && left.getAndDecrement() > 0;
    }

    /** Every call of {@code method} for {@code channel} gets {@code ok: false} with {@code error} (as Slack answers). */
    public void refuse(String method, String channel, String error) {
        refusals.put(method + " " + channel, error);
    }

    private String refusalNow(String method, String channel) {
        return channel == null ? null : refusals.get(method + " " + channel);
    }

    /** The next {@code times} calls of {@code method} get HTTP 429 with {@code Retry-After: 2} (see {@link #retryAfter}). */
    public void rateLimit(String method, int times) {
        rateLimits.put(method, new java.util.concurrent.atomic.AtomicInteger(times));
    }

    private boolean rateLimitedNow(String method) {
        java.util.concurrent.atomic.AtomicInteger left = rateLimits.get(method);
        return left != null && left.getAndDecrement() > 0;
    }

    /**
     * {@code conversations.replies}: the parent first (always, as Slack does), then the replies from {@code oldest}
     * ({@code inclusive}), oldest first, {@code limit} per page with a cursor; {@code thread_not_found} when the parent
     * is gone.
     */
    private void replies(Map<String, String> params, JsonObject out) {
        String channel = params.get("channel");
        String threadTs = params.get("ts");
        Posted parent = messages.get(channel + ":" + threadTs);
        if (parent == null) {
            out.addProperty("ok", false);
            out.addProperty("error", "thread_not_found");
            return;
        }
        java.math.BigDecimal oldest = new java.math.BigDecimal(params.getOrDefault("oldest", "0"));
        boolean inclusive = "true".equals(params.get("inclusive")) || "1".equals(params.get("inclusive"));
        int limit = Integer.parseInt(params.getOrDefault("limit", "1000"));
        int offset = params.get("cursor") == null || params.get("cursor").isEmpty() ? 0
                : Integer.parseInt(params.get("cursor"));
        List<JsonObject> thread = replies.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(channel + ":"))
                .map(Map.Entry::getValue)
                .filter(message -> threadTs.equals(message.get("thread_ts").getAsString()))
                .filter(message -> {
                    int order = new java.math.BigDecimal(message.get("ts").getAsString()).compareTo(oldest);
                    return inclusive ? order >= 0 : order > 0;
                })
                .sorted(java.util.Comparator.comparing(message -> new java.math.BigDecimal(
                        message.get("ts").getAsString())))
                .toList();
        JsonArray list = new JsonArray();
        JsonObject first = new JsonObject();
        first.addProperty("type", "message");
        first.addProperty("user", BOT_USER);
        first.addProperty("bot_id", BOT_ID);
        first.addProperty("text", parent.text());
        first.addProperty("ts", parent.ts());
        first.addProperty("thread_ts", parent.ts());
        first.addProperty("reply_count", thread.size());
        list.add(withReactions(channel, first));
        int end = Math.min(thread.size(), offset + limit);
        for (JsonObject message : thread.subList(Math.min(offset, end), end)) {
            list.add(withReactions(channel, message.deepCopy()));
        }
        out.add("messages", list);
        out.addProperty("has_more", end < thread.size());
        JsonObject metadata = new JsonObject();
        metadata.addProperty("next_cursor", end < thread.size() ? String.valueOf(end) : "");
        out.add("response_metadata", metadata);
    }

    private JsonObject withReactions(String channel, JsonObject message) {
        Map<String, List<String>> byEmoji = reactionUsers.getOrDefault(channel + ":" + message.get("ts").getAsString(),
                Map.of());
        JsonArray reactions = new JsonArray();
        byEmoji.forEach((name, users) -> {
            if (!users.isEmpty()) {
                JsonObject reaction = new JsonObject();
                reaction.addProperty("name", name);
                JsonArray who = new JsonArray();
                users.forEach(who::add);
                reaction.add("users", who);
                reaction.addProperty("count", users.size());
                reactions.add(reaction);
            }
        });
        if (!reactions.isEmpty()) {
            message.add("reactions", reactions);
        }
        return message;
    }
}
