package org.bandura.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local Discord for tests: REST under {@code /api/v10/} and a gateway websocket at {@code /gateway}, both on
 * 127.0.0.1 and a free port, built on Jetty 12. It knows one guild with a text channel, a forum channel (tags
 * java, sql, Solved), roles and members; it records every REST call and lets tests inject gateway events.
 * Payload shapes follow discord/discord-api-docs' examples plus what JDA 6 reads.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String TOKEN = "fake-bot-token";
    private static final long DISCORD_EPOCH = 1420070400000L;
    private static final AtomicLong SEQUENCE = new AtomicLong();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern MULTIPART_JSON = Pattern.compile(
            "name=\"payload_json\"[^\\r\\n]*\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n(.*?)\\r?\\n--", Pattern.DOTALL);

    /** A REST call as the fake received it; {@code body} is the JSON payload or null. */
    public record Call(String method, String path, String query, JsonNode body, long receivedNanos) {
        public boolean is(String method, String pathPattern) {
            return this.method.equals(method) && path.matches(pathPattern);
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }

    /** A member of the fake guild. */
    public record User(String id, String name, List<String> roleIds) {
    }

    public final String botId = snowflake();
    public final String applicationId = botId;
    public final String guildId = snowflake();
    public final String textChannelId = snowflake();
    public final String forumChannelId = snowflake();
    public final String botRoleId = snowflake();
    public final String moderatorRoleId = snowflake();
    public final String javaTagId = snowflake();
    public final String sqlTagId = snowflake();
    public final String solvedTagId = snowflake();
    public final User bot = new User(botId, "Bandura", List.of(botRoleId));
    public final User asker = new User(snowflake(), "alice", List.of());
    public final User expert = new User(snowflake(), "bob", List.of());
    public final User stranger = new User(snowflake(), "carol", List.of());
    public final User moderator = new User(snowflake(), "dave", List.of(moderatorRoleId));
    public final String adminRoleId = snowflake();
    /** Has Manage Server through a role that is not named in any setting. */
    public final User admin = new User(snowflake(), "erin", List.of(adminRoleId));
    /** A Discord user who shares no server with the bot (left it, or was never in it). */
    public final User outsider = new User(snowflake(), "mallory", List.of());

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> threads = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
    private final List<ObjectNode> botMessages = new CopyOnWriteArrayList<>();
    private final Map<String, String> interactionChannels = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> interactionFrames = new ConcurrentHashMap<>();
    private final List<GatewaySocket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger identifies = new AtomicInteger();
    private volatile boolean refuseMessageContent;
    private volatile boolean advertiseDeadGateway;
    private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Map<String, String> directMessageChannels = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private volatile boolean forumRequiresTag;
    private volatile long botDeniedInText;
    private Server server;
    private int port;

    /** Like Discord, an interaction can be acknowledged once; a second callback gets error 40060. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    public static String snowflake() {
        long millis = System.currentTimeMillis() - DISCORD_EPOCH;
        return Long.toUnsignedString((millis << 22) | (SEQUENCE.incrementAndGet() & 0x3FFFFF));
    }

    public FakeDiscord start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler gateway = WebSocketUpgradeHandler.from(server, container ->
                container.addMapping("/gateway", (request, response, callback) -> new GatewaySocket()));
        gateway.setHandler(new RestHandler());
        server.setHandler(gateway);
        server.start();
        port = connector.getLocalPort();
        return this;
    }

    /** From now on the gateway closes with 4014 when a client asks for the Message Content intent. */
    public FakeDiscord refuseMessageContent() {
        refuseMessageContent = true;
        return this;
    }

    /** From now on {@code GET /gateway/bot} names a gateway nobody listens on: only an override can connect. */
    public FakeDiscord advertiseDeadGateway() {
        advertiseDeadGateway = true;
        return this;
    }

    /** The id of the bot's direct-message channel with this user. */
    public String directMessageChannel(String userId) {
        return directMessageChannels.computeIfAbsent(userId, user -> snowflake());
    }

    /** The next {@code times} calls whose "METHOD path" matches get a 403, as for a user who closed their DMs. */
    public FakeDiscord refuse(String methodAndPathPattern, int times) {
        refused.put(methodAndPathPattern, new AtomicInteger(times));
        return this;
    }

    /**
     * The next {@code times} calls whose "METHOD path" matches get HTTP {@code status} with Discord's JSON error
     * {@code code} and {@code message}, e.g. 403 / 50013 "Missing Permissions".
     */
    public FakeDiscord failWith(String methodAndPathPattern, int times, int status, int code, String message) {
        failures.add(new Failure(methodAndPathPattern, new AtomicInteger(times), status,
                NODES.objectNode().put("message", message).put("code", code), ""));
        return this;
    }

    /** The next {@code times} matching calls get a bare 5xx, an HTML page with no JSON, as Cloudflare sends. */
    public FakeDiscord serverError(String methodAndPathPattern, int times, int status) {
        return serverError(methodAndPathPattern, "", times, status);
    }

    /** Like {@link #serverError(String, int, int)}, only for calls whose body contains {@code bodyContains}. */
    public FakeDiscord serverError(String methodAndPathPattern, String bodyContains, int times, int status) {
        failures.add(new Failure(methodAndPathPattern, new AtomicInteger(times), status, null, bodyContains));
        return this;
    }

    /**
     * Before the bot connects: the bot's role is an ordinary role (not Administrator) and the text channel denies it
     * {@code permissions} (raw bits), so JDA itself knows what the bot may not do there.
     */
    public FakeDiscord denyBotInTextChannel(long permissions) {
        botDeniedInText = permissions;
        return this;
    }

    /** From now on the forum requires a tag on every post (flag REQUIRE_TAG), and refuses posts without one (40067). */
    public FakeDiscord requireForumTags() {
        forumRequiresTag = true;
        echo("CHANNEL_UPDATE", forumChannelJson());
        return this;
    }

    /** How many injected failures of {@link #failWith}/{@link #serverError} are still to be served. */
    public int failuresLeft() {
        return failures.stream().mapToInt(failure -> Math.max(0, failure.left().get())).sum();
    }

    private record Failure(String pattern, AtomicInteger left, int status, JsonNode body, String bodyContains) {
    }

    /** The next {@code times} calls whose "METHOD path" matches get a 429 (Retry-After: 1, with a via header). */
    public FakeDiscord rateLimit(String methodAndPathPattern, int times) {
        rateLimited.put(methodAndPathPattern, new AtomicInteger(times));
        return this;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + port + "/api/v10/";
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + port + "/gateway";
    }

    /** Gateway sessions open now (a killed bot's session is gone once its connection closed). */
    public int gatewaySessions() {
        return sockets.size();
    }

    public int identifyCount() {
        return identifies.get();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(Predicate<Call> filter) {
        return calls.stream().filter(filter).toList();
    }

    public List<Call> calls(String method, String pathPattern) {
        return calls(call -> call.is(method, pathPattern));
    }

    /** Interaction callbacks (the 3 s acknowledgement) for one interaction. */
    public List<Call> callbacks(String interactionId) {
        return calls("POST", "/interactions/" + interactionId + "/[^/]+/callback");
    }

    /** Edits of the original reply of one interaction (deferred replies end here). */
    public List<Call> originalEdits(String interactionId) {
        return calls("PATCH", "/webhooks/" + applicationId + "/token-" + interactionId + "/messages/(@|%40)original");
    }

    /** Messages the bot posted to a channel or thread, in order. */
    public List<Call> messagesTo(String channelId) {
        return calls("POST", "/channels/" + channelId + "/messages");
    }

    public List<String> threadIds() {
        return new ArrayList<>(threads.keySet());
    }

    public JsonNode thread(String threadId) {
        return threads.get(threadId);
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    // ---------------------------------------------------------------- gateway injections

    /**
     * Sends a dispatch to every connected gateway session (like Discord, which tells each session of an unsharded
     * bot); returns the frame as the first session got it, sequence number included.
     */
    public ObjectNode dispatch(String type, JsonNode data) {
        if (sockets.isEmpty()) {
            throw new IllegalStateException("No gateway session is connected");
        }
        ObjectNode first = null;
        for (GatewaySocket socket : sockets) {
            ObjectNode frame = socket.dispatch(type, data);
            first = first == null ? frame : first;
        }
        return first;
    }

    /** How many gateway sessions are connected (one per running front door). */
    public int sessionCount() {
        return sockets.size();
    }

    /** Sends a frame again, same sequence number and all, as Discord does when it replays events after a resume. */
    public void replay(ObjectNode frame) {
        sockets.get(0).send(frame);
    }

    /** A slash command; {@code options} are name/value pairs of string options. Returns the interaction id. */
    public String slashCommand(User user, String channelId, String name, String subcommand, String... options) {
        ArrayNode optionArray = NODES.arrayNode();
        ObjectNode resolvedUsers = NODES.objectNode();
        ObjectNode resolvedMembers = NODES.objectNode();
        for (int i = 0; i + 1 < options.length; i += 2) {
            boolean userOption = options[i].equals("user");
            optionArray.add(NODES.objectNode().put("name", options[i]).put("type", userOption ? 6 : 3)
                    .put("value", options[i + 1]));
            if (userOption) {
                User target = userById(options[i + 1]);
                resolvedUsers.set(target.id(), userJson(target));
                resolvedMembers.set(target.id(), memberJson(target, false).put("permissions", "0"));
            }
        }
        ObjectNode data = NODES.objectNode().put("id", snowflake()).put("name", name).put("type", 1)
                .put("guild_id", guildId);
        if (subcommand != null) {
            ArrayNode sub = NODES.arrayNode();
            sub.add(NODES.objectNode().put("name", subcommand).put("type", 1).set("options", optionArray));
            data.set("options", sub);
        } else {
            data.set("options", optionArray);
        }
        if (!resolvedUsers.isEmpty()) {
            data.set("resolved", NODES.objectNode().<ObjectNode>set("users", resolvedUsers)
                    .set("members", resolvedMembers));
        }
        return interaction(user, channelId, 2, data);
    }

    /** The "Accept answer"-style message context command on a message posted earlier. Returns the interaction id. */
    public String messageCommand(User user, String channelId, String name, ObjectNode targetMessage) {
        ObjectNode data = NODES.objectNode().put("id", snowflake()).put("name", name).put("type", 3)
                .put("guild_id", guildId).put("target_id", targetMessage.get("id").asText());
        data.set("resolved", NODES.objectNode().set("messages",
                NODES.objectNode().set(targetMessage.get("id").asText(), targetMessage)));
        return interaction(user, channelId, 2, data);
    }

    /** An autocomplete request while {@code focused} is being typed; {@code options} are name/value pairs. */
    public String autocomplete(User user, String channelId, String name, String subcommand, String focused,
                               String... options) {
        ArrayNode optionArray = NODES.arrayNode();
        for (int i = 0; i + 1 < options.length; i += 2) {
            ObjectNode option = NODES.objectNode().put("name", options[i]).put("type", 3).put("value", options[i + 1]);
            if (options[i].equals(focused)) {
                option.put("focused", true);
            }
            optionArray.add(option);
        }
        ObjectNode data = NODES.objectNode().put("id", snowflake()).put("name", name).put("type", 1)
                .put("guild_id", guildId);
        if (subcommand != null) {
            data.set("options", NODES.arrayNode().add(NODES.objectNode().put("name", subcommand).put("type", 1)
                    .set("options", optionArray)));
        } else {
            data.set("options", optionArray);
        }
        return interaction(user, channelId, 4, data);
    }

    private String interaction(User user, String channelId, int type, ObjectNode data) {
        return interaction(user, channelId, type, data, null);
    }

    private String interaction(User user, String channelId, int type, ObjectNode data, ObjectNode message) {
        String id = snowflake();
        interactionChannels.put("token-" + id, channelId);
        ObjectNode payload = NODES.objectNode().put("id", id).put("application_id", applicationId).put("type", type)
                .put("guild_id", guildId).put("channel_id", channelId).put("token", "token-" + id)
                .put("version", 1).put("app_permissions", "8").put("locale", "en-US").put("guild_locale", "en-US")
                .put("context", 0).put("attachment_size_limit", 10485760);
        payload.set("data", data);
        if (message != null) {
            payload.set("message", message);
        }
        payload.set("guild", NODES.objectNode().put("id", guildId).put("locale", "en-US")
                .set("features", NODES.arrayNode()));
        payload.set("channel", channelJson(channelId));
        payload.set("member", memberJson(user, true).put("permissions", permissionsOf(user)));
        payload.set("entitlements", NODES.arrayNode());
        payload.set("authorizing_integration_owners", NODES.objectNode().put("0", guildId));
        interactionFrames.put(id, dispatch("INTERACTION_CREATE", payload));
        return id;
    }

    /**
     * A member presses a button under a message the bot posted in a guild channel or thread (an interaction of
     * type 3, MESSAGE_COMPONENT, with {@code data.custom_id} and {@code data.component_type} 2, and the message it
     * is on, as in discord-api-docs). Returns the interaction id.
     */
    public String buttonPress(User user, ObjectNode message, String customId) {
        return interaction(user, message.get("channel_id").asText(), 3, buttonData(customId), message);
    }

    /**
     * A user presses a button under a direct message the bot sent them: no guild, no member; the user and a DM
     * channel (type 1) instead, and context 1 (BOT_DM). Returns the interaction id.
     */
    public String buttonPressInDm(User user, ObjectNode message, String customId) {
        String id = snowflake();
        String channelId = message.get("channel_id").asText();
        interactionChannels.put("token-" + id, channelId);
        ObjectNode payload = NODES.objectNode().put("id", id).put("application_id", applicationId).put("type", 3)
                .put("channel_id", channelId).put("token", "token-" + id).put("version", 1)
                .put("app_permissions", "8").put("locale", "en-US").put("context", 1)
                .put("attachment_size_limit", 10485760);
        payload.set("data", buttonData(customId));
        payload.set("message", message);
        ObjectNode channel = NODES.objectNode().put("id", channelId).put("type", 1).put("flags", 0)
                .putNull("last_message_id");
        // In a bot DM Discord lists the bot as the recipient (in a user-installed app's DM between friends it
        // lists the other user); JDA tells the two apart this way.
        channel.putArray("recipients").add(userJson(bot));
        payload.set("channel", channel);
        payload.set("user", userJson(user));
        payload.set("entitlements", NODES.arrayNode());
        payload.set("authorizing_integration_owners", NODES.objectNode().put("0", guildId));
        interactionFrames.put(id, dispatch("INTERACTION_CREATE", payload));
        return id;
    }

    private static ObjectNode buttonData(String customId) {
        return NODES.objectNode().put("custom_id", customId).put("component_type", 2);
    }

    /** Messages the bot posted to a channel, thread or DM, as Discord stores them (ids, components), in order. */
    public List<ObjectNode> botMessagesIn(String channelId) {
        return botMessages.stream().filter(message -> message.get("channel_id").asText().equals(channelId))
                .map(message -> messages.getOrDefault(message.get("id").asText(), message)).toList();
    }

    /** The custom ids of a message's buttons, row by row. */
    public static List<String> buttonIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        for (JsonNode row : message.path("components")) {
            for (JsonNode component : row.path("components")) {
                if (component.path("type").asInt() == 2) {
                    ids.add(component.path("custom_id").asText());
                }
            }
        }
        return ids;
    }

    /** A user replies (Discord's "Reply") to an earlier message in a channel or thread. */
    public ObjectNode userReply(User user, String channelId, String content, JsonNode repliedTo) {
        ObjectNode message = messageJson(snowflake(), channelId, user, content);
        message.put("type", 19);
        message.set("message_reference", NODES.objectNode().put("type", 0)
                .put("message_id", repliedTo.get("id").asText()).put("channel_id", channelId).put("guild_id", guildId));
        message.set("referenced_message", repliedTo);
        message.set("member", memberJson(user, false));
        messages.put(message.get("id").asText(), message);
        dispatch("MESSAGE_CREATE", message);
        return message;
    }

    /** A user writes in a channel or thread; returns the message as Discord would show it. */
    public ObjectNode userMessage(User user, String channelId, String content) {
        ObjectNode message = messageJson(snowflake(), channelId, user, content);
        message.set("member", memberJson(user, false));
        messages.put(message.get("id").asText(), message);
        dispatch("MESSAGE_CREATE", message);
        return message;
    }

    public void editMessage(ObjectNode message, String content) {
        ObjectNode edited = message.deepCopy();
        edited.put("content", content).put("edited_timestamp", now());
        messages.put(edited.get("id").asText(), edited);
        dispatch("MESSAGE_UPDATE", edited);
    }

    public void deleteMessage(String channelId, String messageId) {
        dispatch("MESSAGE_DELETE", NODES.objectNode().put("id", messageId).put("channel_id", channelId)
                .put("guild_id", guildId));
    }

    /** A member or moderator deletes a thread (a forum post, or the thread on a question message). */
    public void deleteThread(String threadId) {
        ObjectNode thread = threads.remove(threadId);
        dispatch("THREAD_DELETE", NODES.objectNode().put("id", threadId).put("guild_id", guildId)
                .put("parent_id", thread.get("parent_id").asText()).put("type", 11));
    }

    /** Returns the gateway frame, for {@link #replay}. */
    public ObjectNode reactionAdd(User user, String channelId, String messageId, String emoji) {
        ObjectNode payload = reactionJson(user, channelId, messageId, emoji);
        payload.set("member", memberJson(user, true));
        return dispatch("MESSAGE_REACTION_ADD", payload);
    }

    /** Discord sends no member on removals. */
    public ObjectNode reactionRemove(User user, String channelId, String messageId, String emoji) {
        return dispatch("MESSAGE_REACTION_REMOVE", reactionJson(user, channelId, messageId, emoji));
    }

    /** The gateway frame that carried an interaction, for {@link #replay}. */
    public ObjectNode interactionFrame(String interactionId) {
        return interactionFrames.get(interactionId);
    }

    public ObjectNode message(String messageId) {
        return messages.get(messageId);
    }

    private ObjectNode reactionJson(User user, String channelId, String messageId, String emoji) {
        ObjectNode payload = NODES.objectNode().put("user_id", user.id()).put("channel_id", channelId)
                .put("message_id", messageId).put("guild_id", guildId).put("burst", false).put("type", 0);
        payload.set("emoji", NODES.objectNode().putNull("id").put("name", emoji));
        return payload;
    }

    // ---------------------------------------------------------------- entity JSON

    public User userById(String id) {
        for (User user : List.of(bot, asker, expert, stranger, moderator, admin)) {
            if (user.id().equals(id)) {
                return user;
            }
        }
        throw new IllegalArgumentException("No user " + id);
    }

    private ObjectNode userJson(User user) {
        return NODES.objectNode().put("id", user.id()).put("username", user.name()).put("discriminator", "0")
                .put("global_name", user.name()).putNull("avatar").put("bot", user == bot).put("public_flags", 0);
    }

    private ObjectNode memberJson(User user, boolean withUser) {
        ObjectNode member = NODES.objectNode();
        if (withUser) {
            member.set("user", userJson(user));
        }
        ArrayNode roles = member.putArray("roles");
        user.roleIds().forEach(roles::add);
        return member.putNull("nick").putNull("avatar").put("joined_at", "2024-01-01T00:00:00.000000+00:00")
                .putNull("premium_since").put("deaf", false).put("mute", false).put("flags", 0)
                .put("pending", false);
    }

    private String permissionsOf(User user) {
        if (user == bot) {
            return "8";
        }
        return user.roleIds().contains(adminRoleId) ? "1071698660961" : "1071698660929";
    }

    private ObjectNode role(String id, String name, int position, String permissions) {
        ObjectNode role = NODES.objectNode().put("id", id).put("name", name).put("color", 0).put("hoist", false)
                .putNull("icon").putNull("unicode_emoji").put("position", position).put("permissions", permissions)
                .put("managed", false).put("mentionable", false).put("flags", 0);
        role.set("colors", NODES.objectNode().put("primary_color", 0).putNull("secondary_color")
                .putNull("tertiary_color"));
        return role;
    }

    private ObjectNode textChannelJson() {
        ObjectNode channel = NODES.objectNode().put("id", textChannelId).put("type", 0).put("guild_id", guildId)
                .put("name", "questions").put("position", 0).putNull("topic").put("nsfw", false)
                .putNull("last_message_id").putNull("parent_id").put("rate_limit_per_user", 0)
                .put("default_auto_archive_duration", 1440).put("flags", 0);
        ArrayNode overwrites = channel.putArray("permission_overwrites");
        if (botDeniedInText != 0) {
            overwrites.add(NODES.objectNode().put("id", botRoleId).put("type", 0).put("allow", "0")
                    .put("deny", Long.toString(botDeniedInText)));
        }
        return channel;
    }

    private ObjectNode forumChannelJson() {
        ObjectNode channel = NODES.objectNode().put("id", forumChannelId).put("type", 15).put("guild_id", guildId)
                .put("name", "help-forum").put("position", 1).putNull("topic").put("nsfw", false)
                .putNull("last_message_id").putNull("parent_id").put("rate_limit_per_user", 0)
                .put("default_thread_rate_limit_per_user", 0).put("default_auto_archive_duration", 1440)
                .put("flags", forumRequiresTag ? 16 : 0).putNull("default_reaction_emoji").putNull("default_sort_order")
                .put("default_forum_layout", 0);
        channel.putArray("permission_overwrites");
        ArrayNode tags = channel.putArray("available_tags");
        tags.add(tag(javaTagId, "java"));
        tags.add(tag(sqlTagId, "sql"));
        tags.add(tag(solvedTagId, "Solved"));
        return channel;
    }

    private static ObjectNode tag(String id, String name) {
        return NODES.objectNode().put("id", id).put("name", name).put("moderated", false).putNull("emoji_id")
                .putNull("emoji_name");
    }

    private JsonNode channelJson(String channelId) {
        if (channelId.equals(textChannelId)) {
            return textChannelJson();
        }
        if (channelId.equals(forumChannelId)) {
            return forumChannelJson();
        }
        ObjectNode thread = threads.get(channelId);
        if (thread != null) {
            return thread;
        }
        throw new IllegalArgumentException("No channel " + channelId);
    }

    private ObjectNode guildJson() {
        ObjectNode guild = NODES.objectNode().put("id", guildId).put("name", "Fake Guild").putNull("icon")
                .put("owner_id", moderator.id()).put("afk_timeout", 300).put("verification_level", 0)
                .put("default_message_notifications", 0).put("explicit_content_filter", 0).put("mfa_level", 0)
                .put("premium_tier", 0).put("preferred_locale", "en-US").put("nsfw_level", 0)
                .put("member_count", 6).put("large", false).put("unavailable", false)
                .put("joined_at", "2024-01-01T00:00:00.000000+00:00").put("system_channel_flags", 0);
        guild.putArray("features");
        ArrayNode roles = guild.putArray("roles");
        roles.add(role(guildId, "@everyone", 0, "1071698660929"));
        roles.add(role(botRoleId, "Bandura", 1, botDeniedInText == 0 ? "8"
                : Long.toString(1071698660929L | (1L << 34))));
        roles.add(role(moderatorRoleId, "Q&A Mods", 2, "0"));
        roles.add(role(adminRoleId, "Admins", 3, "32"));
        ArrayNode channels = guild.putArray("channels");
        channels.add(textChannelJson());
        channels.add(forumChannelJson());
        guild.set("threads", activeThreadsJson());
        ArrayNode members = guild.putArray("members");
        for (User user : List.of(bot, asker, expert, stranger, moderator, admin)) {
            members.add(memberJson(user, true));
        }
        guild.putArray("emojis");
        guild.putArray("stickers");
        guild.putArray("voice_states");
        guild.putArray("presences");
        guild.putArray("guild_scheduled_events");
        guild.putArray("stage_instances");
        guild.putArray("soundboard_sounds");
        return guild;
    }

    private ObjectNode messageJson(String id, String channelId, User author, String content) {
        ObjectNode message = NODES.objectNode().put("id", id).put("channel_id", channelId).put("guild_id", guildId)
                .put("content", content).put("timestamp", now()).putNull("edited_timestamp").put("tts", false)
                .put("mention_everyone", false).put("pinned", false).put("type", 0).put("flags", 0);
        message.set("author", userJson(author));
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.putArray("components");
        return message;
    }

    private ObjectNode threadJson(String id, String parentId, String name, JsonNode appliedTags) {
        ObjectNode thread = NODES.objectNode().put("id", id).put("type", 11).put("guild_id", guildId)
                .put("parent_id", parentId).put("name", name).put("owner_id", botId).put("last_message_id", id)
                .put("message_count", 0).put("member_count", 1).put("rate_limit_per_user", 0).put("flags", 0)
                .put("total_message_sent", 0);
        thread.set("thread_metadata", NODES.objectNode().put("archived", false).put("auto_archive_duration", 1440)
                .put("archive_timestamp", now()).put("locked", false).put("create_timestamp", now()));
        thread.set("applied_tags", appliedTags == null ? NODES.arrayNode() : appliedTags);
        thread.set("member", NODES.objectNode().put("id", id).put("user_id", botId)
                .put("join_timestamp", now()).put("flags", 0));
        return thread;
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    // ---------------------------------------------------------------- REST

    private final class RestHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            String fullPath = request.getHttpURI().getPath();
            String path = fullPath.startsWith("/api/v10") ? fullPath.substring("/api/v10".length()) : fullPath;
            String text = Content.Source.asString(request, StandardCharsets.UTF_8);
            JsonNode body = parseBody(request.getHeaders().get(HttpHeader.CONTENT_TYPE), text);
            calls.add(new Call(method, path, request.getHttpURI().getQuery(), body, System.nanoTime()));
            String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            boolean interactionRoute = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
            if (!interactionRoute && !("Bot " + TOKEN).equals(auth)) {
                return respond(response, callback, 401, NODES.objectNode().put("message", "401: Unauthorized")
                        .put("code", 0));
            }
            for (Map.Entry<String, AtomicInteger> limit : rateLimited.entrySet()) {
                if ((method + " " + path).matches(limit.getKey()) && limit.getValue().getAndDecrement() > 0) {
                    response.getHeaders().put("Retry-After", "1");
                    response.getHeaders().put("via", "1.1 google");
                    response.getHeaders().put("X-RateLimit-Scope", "user");
                    return respond(response, callback, 429, NODES.objectNode()
                            .put("message", "You are being rate limited.").put("retry_after", 1.0)
                            .put("global", false));
                }
            }
            for (Map.Entry<String, AtomicInteger> refusal : refused.entrySet()) {
                if ((method + " " + path).matches(refusal.getKey()) && refusal.getValue().getAndDecrement() > 0) {
                    return respond(response, callback, 403, NODES.objectNode()
                            .put("message", "Cannot send messages to this user").put("code", 50007));
                }
            }
            for (Failure failure : failures) {
                if ((method + " " + path).matches(failure.pattern()) && text.contains(failure.bodyContains())
                        && failure.left().getAndDecrement() > 0) {
                    if (failure.body() == null) {
                        response.setStatus(failure.status());
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
                        Content.Sink.write(response, true, "<html><body>" + failure.status() + " Bad Gateway"
                                + "</body></html>", callback);
                        return true;
                    }
                    return respond(response, callback, failure.status(), failure.body());
                }
            }
            String[] route = path.substring(1).split("/");
            if (forumRequiresTag && method.equals("POST") && path.equals("/channels/" + forumChannelId + "/threads")
                    && (body == null || !body.has("applied_tags") || body.get("applied_tags").isEmpty())) {
                return respond(response, callback, 400, NODES.objectNode()
                        .put("message", "A tag is required to create a forum post in this channel").put("code", 40067));
            }
            if (method.equals("POST") && route[0].equals("interactions") && route.length == 4
                    && !acknowledged.add(route[1])) {
                return respond(response, callback, 400, NODES.objectNode()
                        .put("message", "Interaction has already been acknowledged.").put("code", 40060));
            }
            JsonNode answer = catchUpRoute(method, path, request.getHttpURI().getQuery());
            if (answer == null) {
                answer = route(method, path, body);
            }
            if (answer != null && answer.has("fake_status")) {
                return respond(response, callback, answer.get("fake_status").asInt(),
                        ((ObjectNode) answer.deepCopy()).without("fake_status"));
            }
            if (answer == null) {
                return respond(response, callback, 404, NODES.objectNode().put("message", "Unknown route in fake")
                        .put("code", 0));
            }
            if (answer.path("code").asInt() == 10007) {
                return respond(response, callback, 404, answer);
            }
            if (answer.isMissingNode()) {
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
            return respond(response, callback, 200, answer);
        }

        private boolean respond(Response response, Callback callback, int status, JsonNode json) throws Exception {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, JSON.writeValueAsString(json), callback);
            return true;
        }
    }

    private static JsonNode parseBody(String contentType, String text) throws Exception {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (contentType != null && contentType.startsWith("multipart/")) {
            Matcher matcher = MULTIPART_JSON.matcher(text);
            return matcher.find() ? JSON.readTree(matcher.group(1)) : null;
        }
        return JSON.readTree(text);
    }

    /** Answers a REST call; null for unknown routes, a missing node for 204. */
    private JsonNode route(String method, String path, JsonNode body) {
        String[] parts = path.substring(1).split("/");
        if (method.equals("GET") && path.equals("/users/@me")) {
            return userJson(bot).put("verified", true).put("mfa_enabled", false).put("flags", 0);
        }
        if (method.equals("GET") && parts[0].equals("users") && parts.length == 2) {
            return Stream.of(asker, expert, stranger, moderator, admin).filter(user -> user.id().equals(parts[1]))
                    .findFirst().map(this::userJson).orElse(null);
        }
        if (method.equals("POST") && path.equals("/users/@me/channels")) {
            String recipient = text(body, "recipient_id");
            ObjectNode channel = NODES.objectNode().put("id", directMessageChannel(recipient)).put("type", 1)
                    .putNull("last_message_id");
            channel.putArray("recipients").add(NODES.objectNode().put("id", recipient).put("username", "dm")
                    .put("discriminator", "0").putNull("avatar"));
            return channel;
        }
        if (method.equals("GET") && parts[0].equals("guilds") && parts.length == 4 && parts[2].equals("members")) {
            return Stream.of(bot, asker, expert, stranger, moderator, admin).filter(user -> user.id().equals(parts[3]))
                    .findFirst().map(user -> (JsonNode) memberJson(user, true))
                    .orElse(NODES.objectNode().put("message", "Unknown Member").put("code", 10007));
        }
        if (method.equals("GET") && path.equals("/gateway/bot")) {
            String url = advertiseDeadGateway ? "ws://127.0.0.1:1/gateway" : gatewayUrl();
            ObjectNode gateway = NODES.objectNode().put("url", url).put("shards", 1);
            gateway.set("session_start_limit", NODES.objectNode().put("total", 1000).put("remaining", 999)
                    .put("reset_after", 0).put("max_concurrency", 1));
            return gateway;
        }
        if (method.equals("PUT") && parts[0].equals("applications")) {
            ArrayNode registered = NODES.arrayNode();
            for (JsonNode command : body == null ? NODES.arrayNode() : body) {
                ObjectNode copy = ((ObjectNode) command.deepCopy()).put("id", snowflake())
                        .put("application_id", applicationId).put("version", snowflake());
                if (!copy.has("type")) {
                    copy.put("type", 1);
                }
                if (!copy.has("description")) {
                    copy.put("description", "");
                }
                registered.add(copy);
            }
            return registered;
        }
        if (method.equals("POST") && parts[0].equals("interactions") && parts.length == 4) {
            return NODES.missingNode();
        }
        if (parts[0].equals("webhooks") && parts.length >= 3) {
            String channelId = interactionChannels.getOrDefault(parts[2], textChannelId);
            ObjectNode message = messageJson(snowflake(), channelId, bot, text(body, "content"));
            message.put("webhook_id", applicationId).put("application_id", applicationId);
            return message;
        }
        if (parts[0].equals("channels") && parts.length >= 2) {
            String channelId = parts[1];
            if (method.equals("POST") && parts.length == 3 && parts[2].equals("messages")) {
                ObjectNode message = messageJson(snowflake(), channelId, bot, text(body, "content"));
                if (body != null && body.has("components")) {
                    message.set("components", body.get("components"));
                }
                boolean direct = directMessageChannels.containsValue(channelId);
                if (direct) {
                    message.remove("guild_id");
                }
                messages.put(message.get("id").asText(), message);
                botMessages.add(message);
                if (!direct) {
                    echo("MESSAGE_CREATE", message);
                }
                return message;
            }
            if (method.equals("PATCH") && parts.length == 4 && parts[2].equals("messages")) {
                ObjectNode stored = messages.get(parts[3]);
                if (stored == null) {
                    return null;
                }
                ObjectNode edited = stored.deepCopy();
                if (body.has("content")) {
                    edited.put("content", body.get("content").asText());
                }
                if (body.has("components")) {
                    edited.set("components", body.get("components"));
                }
                edited.put("edited_timestamp", now());
                messages.put(parts[3], edited);
                return edited;
            }
            if (method.equals("POST") && parts.length == 5 && parts[2].equals("messages") && parts[4].equals("threads")) {
                ObjectNode thread = threadJson(parts[3], channelId, text(body, "name"), null);
                threads.put(thread.get("id").asText(), thread);
                echo("THREAD_CREATE", thread.deepCopy().put("newly_created", true));
                return thread;
            }
            if (method.equals("POST") && parts.length == 3 && parts[2].equals("threads")) {
                String id = snowflake();
                ObjectNode thread = threadJson(id, channelId, text(body, "name"), body.get("applied_tags"));
                threads.put(id, thread);
                JsonNode starter = body.get("message");
                ObjectNode message = messageJson(id, id, bot, text(starter, "content"));
                messages.put(id, message);
                echo("THREAD_CREATE", thread.deepCopy().put("newly_created", true));
                echo("MESSAGE_CREATE", message);
                ObjectNode answer = thread.deepCopy();
                answer.set("message", message);
                return answer;
            }
            if (method.equals("DELETE") && parts.length == 4 && parts[2].equals("messages")) {
                if (messages.remove(parts[3]) == null) {
                    return null;
                }
                echo("MESSAGE_DELETE", NODES.objectNode().put("id", parts[3]).put("channel_id", channelId)
                        .put("guild_id", guildId));
                return NODES.missingNode();
            }
            if ((method.equals("PUT") || method.equals("DELETE")) && parts.length == 7 && parts[4].equals("reactions")) {
                return NODES.missingNode();
            }
            if (method.equals("PATCH") && parts.length == 2 && threads.containsKey(channelId)) {
                ObjectNode thread = threads.get(channelId);
                if (body.has("name")) {
                    thread.put("name", body.get("name").asText());
                }
                if (body.has("applied_tags")) {
                    thread.set("applied_tags", body.get("applied_tags"));
                }
                echo("THREAD_UPDATE", thread.deepCopy());
                return thread;
            }
        }
        return null;
    }

    /** Like Discord, tell the gateway about what the bot just did through REST. */
    private void echo(String type, JsonNode data) {
        if (!sockets.isEmpty()) {
            dispatch(type, data);
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.has(field) ? "" : node.get(field).asText();
    }

    // ---------------------------------------------------------------- catch-up: history and reaction users

    /** Message id to emoji to the users who reacted, in order; served with messages and as reaction users. */
    private final Map<String, Map<String, List<String>>> reactions = new ConcurrentHashMap<>();

    /** A user writes in a thread while the bot is away: kept in history, no gateway event. */
    public ObjectNode postWhileAway(User user, String channelId, String content) {
        ObjectNode message = messageJson(snowflake(), channelId, user, content);
        messages.put(message.get("id").asText(), message);
        return message;
    }

    /** A message is edited while the bot is away. */
    public void editWhileAway(String messageId, String content) {
        messages.get(messageId).put("content", content).put("edited_timestamp", now());
    }

    /** A message is deleted while the bot is away. */
    public void deleteWhileAway(String messageId) {
        messages.remove(messageId);
        reactions.remove(messageId);
    }

    /** A user reacts while the bot is away: the reaction is on the message, no gateway event. */
    public void reactWhileAway(User user, String messageId, String emoji) {
        List<String> users = reactions.computeIfAbsent(messageId, id -> new ConcurrentHashMap<>())
                .computeIfAbsent(emoji, e -> new CopyOnWriteArrayList<>());
        if (!users.contains(user.id())) {
            users.add(user.id());
        }
    }

    /** A user reacts while the bot is connected: kept on the message like {@link #reactWhileAway}, and dispatched. */
    public ObjectNode reactLive(User user, String channelId, String messageId, String emoji) {
        reactWhileAway(user, messageId, emoji);
        return reactionAdd(user, channelId, messageId, emoji);
    }

    /**
     * Drops the gateway connection with a resumable close code; the client's resume is then refused (op 9), so it
     * identifies again and gets a new session, as after a long outage.
     */
    public void dropConnection() {
        GatewaySocket socket = sockets.get(0);
        sockets.remove(socket);
        socket.session.close(4000, "Unknown error", org.eclipse.jetty.websocket.api.Callback.NOOP);
    }

    /** Discord archives a thread nobody wrote in for a while: it leaves GUILD_CREATE's list of active threads. */
    public void archiveWhileAway(String threadId) {
        ((ObjectNode) threads.get(threadId).get("thread_metadata")).put("archived", true)
                .put("archive_timestamp", now());
    }

    /** Threads not archived, as GUILD_CREATE lists them. */
    private ArrayNode activeThreadsJson() {
        ArrayNode active = NODES.arrayNode();
        threads.values().stream().filter(thread -> !thread.path("thread_metadata").path("archived").asBoolean())
                .forEach(thread -> active.add(thread.deepCopy()));
        return active;
    }

    /** {@code GET /channels/{id}/threads/archived/public}: archived before {@code before}, newest first. */
    private JsonNode archivedThreads(String channelId, Map<String, String> params) {
        OffsetDateTime before = params.containsKey("before") ? OffsetDateTime.parse(params.get("before"))
                : OffsetDateTime.now(ZoneOffset.UTC);
        int limit = Integer.parseInt(params.getOrDefault("limit", "50"));
        List<ObjectNode> archived = threads.values().stream()
                .filter(thread -> thread.get("parent_id").asText().equals(channelId))
                .filter(thread -> thread.path("thread_metadata").path("archived").asBoolean())
                .filter(thread -> archivedAt(thread).isBefore(before))
                .sorted((a, b) -> archivedAt(b).compareTo(archivedAt(a)))
                .toList();
        ObjectNode answer = NODES.objectNode();
        ArrayNode list = answer.putArray("threads");
        archived.stream().limit(limit).forEach(thread -> list.add(thread.deepCopy()));
        answer.putArray("members");
        answer.put("has_more", archived.size() > limit);
        return answer;
    }

    private static OffsetDateTime archivedAt(JsonNode thread) {
        return OffsetDateTime.parse(thread.path("thread_metadata").path("archive_timestamp").asText());
    }

    /**
     * Channel history after a message id (newest first, like Discord), one message, a reaction's users, and a guild
     * member; null for any other route.
     */
    private JsonNode catchUpRoute(String method, String path, String query) {
        if (!method.equals("GET")) {
            return null;
        }
        String[] parts = path.substring(1).split("/");
        Map<String, String> params = queryParams(query);
        if (parts[0].equals("guilds") && parts.length == 4 && parts[2].equals("members")) {
            return Stream.of(bot, asker, expert, stranger, moderator, admin).filter(user -> user.id().equals(parts[3]))
                    .findFirst().map(user -> (JsonNode) memberJson(user, true)).orElse(null);
        }
        if (parts[0].equals("channels") && parts.length == 5 && parts[2].equals("threads")
                && parts[3].equals("archived") && parts[4].equals("public")) {
            return archivedThreads(parts[1], params);
        }
        if (!parts[0].equals("channels") || parts.length < 3 || !parts[2].equals("messages")) {
            return null;
        }
        String channelId = parts[1];
        if (parts.length == 3) {
            long after = Long.parseUnsignedLong(params.getOrDefault("after", "0"));
            int limit = Integer.parseInt(params.getOrDefault("limit", "50"));
            List<ObjectNode> page = messages.values().stream()
                    .filter(message -> message.get("channel_id").asText().equals(channelId))
                    .filter(message -> Long.compareUnsigned(id(message), after) > 0)
                    .sorted((a, b) -> Long.compareUnsigned(id(a), id(b)))
                    .limit(limit)
                    .toList();
            ArrayNode answer = NODES.arrayNode();
            for (int i = page.size() - 1; i >= 0; i--) {
                answer.add(withReactions(page.get(i)));
            }
            return answer;
        }
        ObjectNode message = messages.get(parts[3]);
        if (message == null || !message.get("channel_id").asText().equals(channelId)) {
            return parts.length == 4 ? unknownMessage() : null;
        }
        if (parts.length == 4) {
            return withReactions(message);
        }
        if (parts.length == 6 && parts[4].equals("reactions")) {
            String emoji = java.net.URLDecoder.decode(parts[5], StandardCharsets.UTF_8);
            List<String> users = reactions.getOrDefault(parts[3], Map.of()).getOrDefault(emoji, List.of());
            long after = Long.parseUnsignedLong(params.getOrDefault("after", "0"));
            int limit = Integer.parseInt(params.getOrDefault("limit", "25"));
            ArrayNode answer = NODES.arrayNode();
            users.stream().filter(id -> Long.compareUnsigned(Long.parseUnsignedLong(id), after) > 0)
                    .sorted((a, b) -> Long.compareUnsigned(Long.parseUnsignedLong(a), Long.parseUnsignedLong(b)))
                    .limit(limit)
                    .forEach(id -> answer.add(userJson(userById(id))));
            return answer;
        }
        return null;
    }

    /** Discord's answer for a message that is not there (404, code 10008), sent as an error by the handler. */
    private JsonNode unknownMessage() {
        return NODES.objectNode().put("fake_status", 404).put("message", "Unknown Message").put("code", 10008);
    }

    private ObjectNode withReactions(ObjectNode message) {
        ObjectNode copy = message.deepCopy();
        ArrayNode list = copy.putArray("reactions");
        reactions.getOrDefault(message.get("id").asText(), Map.of()).forEach((emoji, users) -> {
            if (users.isEmpty()) {
                return;
            }
            ObjectNode reaction = NODES.objectNode().put("count", users.size()).put("me", users.contains(botId))
                    .put("me_burst", false).put("burst_count", 0);
            reaction.set("count_details", NODES.objectNode().put("burst", 0).put("normal", users.size()));
            reaction.putArray("burst_colors");
            reaction.set("emoji", NODES.objectNode().putNull("id").put("name", emoji));
            list.add(reaction);
        });
        return copy;
    }

    private static long id(JsonNode message) {
        return Long.parseUnsignedLong(message.get("id").asText());
    }

    private static Map<String, String> queryParams(String query) {
        Map<String, String> params = new java.util.HashMap<>();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                params.put(pair.substring(0, equals),
                        java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    // ---------------------------------------------------------------- gateway

    @WebSocket
    public final class GatewaySocket {
        private volatile Session session;
        private final AtomicInteger sequence = new AtomicInteger();

        @OnWebSocketOpen
        public void onOpen(Session session) {
            this.session = session;
            send(NODES.objectNode().put("op", 10).putNull("s").putNull("t")
                    .set("d", NODES.objectNode().put("heartbeat_interval", 41250)));
        }

        @OnWebSocketMessage
        public void onText(Session session, String text) throws Exception {
            JsonNode frame = JSON.readTree(text);
            int op = frame.get("op").asInt();
            if (op == 1) {
                send(NODES.objectNode().put("op", 11).putNull("s").putNull("t").putNull("d"));
            } else if (op == 2) {
                identify(frame.get("d"));
            } else if (op == 6) {
                send(NODES.objectNode().put("op", 9).putNull("s").putNull("t").put("d", false));
            }
        }

        @OnWebSocketClose
        public void onClose(int status, String reason) {
            sockets.remove(this);
        }

        /** The client going away mid-write is normal when a test ends. */
        @OnWebSocketError
        public void onError(Throwable error) {
            sockets.remove(this);
        }

        private void identify(JsonNode data) {
            identifies.incrementAndGet();
            if (!TOKEN.equals(data.path("token").asText())) {
                session.close(4004, "Authentication failed.", org.eclipse.jetty.websocket.api.Callback.NOOP);
                return;
            }
            long intents = data.path("intents").asLong();
            if (refuseMessageContent && (intents & (1L << 15)) != 0) {
                session.close(4014, "Disallowed intent(s).", org.eclipse.jetty.websocket.api.Callback.NOOP);
                return;
            }
            ObjectNode ready = NODES.objectNode().put("v", 10).put("session_id", "session-" + snowflake())
                    .put("resume_gateway_url", gatewayUrl());
            ready.set("user", userJson(bot).put("verified", true).put("mfa_enabled", false).put("flags", 0));
            ready.set("guilds", NODES.arrayNode().add(NODES.objectNode().put("id", guildId).put("unavailable", true)));
            ready.putArray("private_channels");
            ready.set("application", NODES.objectNode().put("id", applicationId).put("flags", 1 << 19));
            ready.set("shard", NODES.arrayNode().add(0).add(1));
            sockets.add(this);
            dispatch("READY", ready);
            dispatch("GUILD_CREATE", guildJson());
        }

        synchronized ObjectNode dispatch(String type, JsonNode data) {
            ObjectNode frame = NODES.objectNode().put("op", 0).put("s", sequence.incrementAndGet()).put("t", type);
            frame.set("d", data);
            send(frame);
            return frame;
        }

        synchronized void send(JsonNode frame) {
            try {
                org.eclipse.jetty.websocket.api.Callback.Completable done =
                        new org.eclipse.jetty.websocket.api.Callback.Completable();
                session.sendText(JSON.writeValueAsString(frame), done);
                done.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Gateway send failed", e);
            }
        }
    }
}
