package org.bandura.slack.fake;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payloads in the shapes Slack sends (see slackapi/java-slack-sdk {@code json-logs/samples/}: SlashCommandPayload,
 * events/MessagePayload, MessageChangedPayload, MessageDeletedPayload, ReactionAddedPayload, AppHomeOpenedPayload,
 * interactive-components/MessageShortcutPayload, views/ViewSubmissionPayload). Written for Bandura's tests.
 */
public final class SlackPayloads {

    private static final AtomicLong EVENT_IDS = new AtomicLong(1000);

    private SlackPayloads() {
    }

    public static String newEventId() {
        return "Ev0" + EVENT_IDS.incrementAndGet();
    }

    /** Slack gives every invocation its own trigger id, in this shape. */
    public static String newTriggerId() {
        return "13345224609.738474920." + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    public static JsonObject slashCommand(String command, String text, String userId, String userName,
                                          String channelId, String responseUrl) {
        JsonObject p = new JsonObject();
        p.addProperty("token", "legacy-verification-token");
        p.addProperty("team_id", FakeSlack.TEAM);
        p.addProperty("team_domain", FakeSlack.TEAM_DOMAIN);
        p.addProperty("channel_id", channelId);
        p.addProperty("channel_name", "help-desk");
        p.addProperty("user_id", userId);
        p.addProperty("user_name", userName);
        p.addProperty("command", command);
        p.addProperty("text", text);
        p.addProperty("api_app_id", FakeSlack.APP_ID);
        p.addProperty("is_enterprise_install", "false");
        p.addProperty("response_url", responseUrl);
        p.addProperty("trigger_id", newTriggerId());
        return p;
    }

    /** The outer {@code event_callback} around one event. */
    public static JsonObject eventCallback(String eventId, JsonObject event) {
        JsonObject p = new JsonObject();
        p.addProperty("token", "legacy-verification-token");
        p.addProperty("team_id", FakeSlack.TEAM);
        p.addProperty("api_app_id", FakeSlack.APP_ID);
        p.add("event", event);
        p.addProperty("type", "event_callback");
        p.addProperty("event_id", eventId);
        p.addProperty("event_time", 1_700_000_100);
        JsonArray authorizations = new JsonArray();
        JsonObject authorization = new JsonObject();
        authorization.addProperty("team_id", FakeSlack.TEAM);
        authorization.addProperty("user_id", FakeSlack.BOT_USER);
        authorization.addProperty("is_bot", true);
        authorization.addProperty("is_enterprise_install", false);
        authorizations.add(authorization);
        p.add("authorizations", authorizations);
        p.addProperty("is_ext_shared_channel", false);
        p.addProperty("event_context", "4-eyJldCI6Im1lc3NhZ2UifQ");
        return p;
    }

    /** A plain message; {@code threadTs} null for a top-level message. */
    public static JsonObject message(String userId, String channel, String ts, String threadTs, String text) {
        JsonObject e = new JsonObject();
        e.addProperty("client_msg_id", UUID.randomUUID().toString());
        e.addProperty("type", "message");
        e.addProperty("text", text);
        e.addProperty("user", userId);
        e.addProperty("ts", ts);
        e.addProperty("team", FakeSlack.TEAM);
        if (threadTs != null) {
            e.addProperty("thread_ts", threadTs);
            e.addProperty("parent_user_id", FakeSlack.BOT_USER);
        }
        e.addProperty("channel", channel);
        e.addProperty("event_ts", ts);
        e.addProperty("channel_type", "channel");
        return e;
    }

    public static JsonObject messageChanged(String userId, String channel, String ts, String threadTs, String text) {
        JsonObject message = new JsonObject();
        message.addProperty("client_msg_id", UUID.randomUUID().toString());
        message.addProperty("type", "message");
        message.addProperty("user", userId);
        message.addProperty("team", FakeSlack.TEAM);
        message.addProperty("text", text);
        message.addProperty("ts", ts);
        message.addProperty("thread_ts", threadTs);
        JsonObject edited = new JsonObject();
        edited.addProperty("user", userId);
        edited.addProperty("ts", ts + "1");
        message.add("edited", edited);
        JsonObject e = new JsonObject();
        e.addProperty("type", "message");
        e.addProperty("subtype", "message_changed");
        e.addProperty("channel", channel);
        e.addProperty("hidden", true);
        e.add("message", message);
        e.addProperty("event_ts", ts + "2");
        e.addProperty("ts", ts + "2");
        e.addProperty("channel_type", "channel");
        return e;
    }

    public static JsonObject messageDeleted(String userId, String channel, String deletedTs) {
        JsonObject previous = new JsonObject();
        previous.addProperty("type", "message");
        previous.addProperty("user", userId);
        previous.addProperty("text", "gone");
        previous.addProperty("ts", deletedTs);
        JsonObject e = new JsonObject();
        e.addProperty("type", "message");
        e.addProperty("subtype", "message_deleted");
        e.addProperty("channel", channel);
        e.addProperty("hidden", true);
        e.addProperty("deleted_ts", deletedTs);
        e.add("previous_message", previous);
        e.addProperty("event_ts", deletedTs + "9");
        e.addProperty("ts", deletedTs + "9");
        e.addProperty("channel_type", "channel");
        return e;
    }

    /** {@code reaction_added} or {@code reaction_removed} on a message. */
    public static JsonObject reaction(boolean added, String userId, String emoji, String channel, String ts,
                                      String itemUser) {
        JsonObject item = new JsonObject();
        item.addProperty("type", "message");
        item.addProperty("channel", channel);
        item.addProperty("ts", ts);
        JsonObject e = new JsonObject();
        e.addProperty("type", added ? "reaction_added" : "reaction_removed");
        e.addProperty("user", userId);
        e.add("item", item);
        e.addProperty("reaction", emoji);
        e.addProperty("item_user", itemUser);
        e.addProperty("event_ts", "1700000200.000100");
        return e;
    }

    public static JsonObject appHomeOpened(String userId) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "app_home_opened");
        e.addProperty("user", userId);
        e.addProperty("channel", "D0HOME");
        e.addProperty("tab", "home");
        e.addProperty("event_ts", "1700000300.000100");
        return e;
    }

    public static JsonObject messageShortcut(String callbackId, String userId, String channel, JsonObject message,
                                             String responseUrl) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "message_action");
        p.addProperty("token", "legacy-verification-token");
        p.addProperty("action_ts", "1700000400.000100");
        JsonObject team = new JsonObject();
        team.addProperty("id", FakeSlack.TEAM);
        team.addProperty("domain", FakeSlack.TEAM_DOMAIN);
        p.add("team", team);
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("name", userId.toLowerCase());
        user.addProperty("team_id", FakeSlack.TEAM);
        p.add("user", user);
        JsonObject channelObject = new JsonObject();
        channelObject.addProperty("id", channel);
        channelObject.addProperty("name", "help-desk");
        p.add("channel", channelObject);
        p.addProperty("is_enterprise_install", false);
        p.addProperty("callback_id", callbackId);
        p.addProperty("trigger_id", newTriggerId());
        p.addProperty("message_ts", message.get("ts").getAsString());
        p.add("message", message);
        p.addProperty("response_url", responseUrl);
        return p;
    }

    /** A {@code view_submission}; {@code values} is {@code state.values} (block id → action id → value). */
    public static JsonObject viewSubmission(String callbackId, String userId, String privateMetadata,
                                            JsonObject values) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "view_submission");
        JsonObject team = new JsonObject();
        team.addProperty("id", FakeSlack.TEAM);
        team.addProperty("domain", FakeSlack.TEAM_DOMAIN);
        p.add("team", team);
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("username", userId.toLowerCase());
        user.addProperty("name", userId.toLowerCase());
        user.addProperty("team_id", FakeSlack.TEAM);
        p.add("user", user);
        p.addProperty("api_app_id", FakeSlack.APP_ID);
        p.addProperty("token", "legacy-verification-token");
        p.addProperty("trigger_id", newTriggerId());
        JsonObject view = new JsonObject();
        view.addProperty("id", "V0MODAL");
        view.addProperty("team_id", FakeSlack.TEAM);
        view.addProperty("type", "modal");
        view.addProperty("callback_id", callbackId);
        view.addProperty("private_metadata", privateMetadata);
        view.add("blocks", new JsonArray());
        JsonObject state = new JsonObject();
        state.add("values", values);
        view.add("state", state);
        view.addProperty("hash", "1700000500.abcdef");
        view.addProperty("app_id", FakeSlack.APP_ID);
        view.addProperty("bot_id", FakeSlack.BOT_ID);
        p.add("view", view);
        p.add("response_urls", new JsonArray());
        return p;
    }

    /**
     * A {@code block_actions} press of one button on a message the bot posted (shape of
     * interactive-components/BlockActionPayload): {@code button} is the element as it sits in the message's
     * {@code actions} block.
     */
    public static JsonObject blockAction(String userId, FakeSlack.Posted message, String blockId, JsonObject button,
                                         String responseUrl) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "block_actions");
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("username", userId.toLowerCase());
        user.addProperty("name", userId.toLowerCase());
        user.addProperty("team_id", FakeSlack.TEAM);
        p.add("user", user);
        p.addProperty("api_app_id", FakeSlack.APP_ID);
        p.addProperty("token", "legacy-verification-token");
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", message.ts());
        container.addProperty("channel_id", message.channel());
        container.addProperty("is_ephemeral", false);
        if (message.threadTs() != null) {
            container.addProperty("thread_ts", message.threadTs());
        }
        p.add("container", container);
        p.addProperty("trigger_id", newTriggerId());
        JsonObject team = new JsonObject();
        team.addProperty("id", FakeSlack.TEAM);
        team.addProperty("domain", FakeSlack.TEAM_DOMAIN);
        p.add("team", team);
        p.add("enterprise", com.google.gson.JsonNull.INSTANCE);
        p.addProperty("is_enterprise_install", false);
        JsonObject channel = new JsonObject();
        channel.addProperty("id", message.channel());
        channel.addProperty("name", message.channel().startsWith("C") ? "help-desk" : "directmessage");
        p.add("channel", channel);
        JsonObject posted = new JsonObject();
        posted.addProperty("type", "message");
        posted.addProperty("subtype", "bot_message");
        posted.addProperty("text", message.text());
        posted.addProperty("ts", message.ts());
        posted.addProperty("bot_id", FakeSlack.BOT_ID);
        posted.addProperty("user", FakeSlack.BOT_USER);
        if (message.threadTs() != null) {
            posted.addProperty("thread_ts", message.threadTs());
        }
        posted.add("blocks", message.blocks().deepCopy());
        p.add("message", posted);
        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());
        p.add("state", state);
        p.addProperty("response_url", responseUrl);
        JsonObject action = button.deepCopy();
        action.addProperty("block_id", blockId);
        action.addProperty("action_ts", "1700000900.000100");
        JsonArray actions = new JsonArray();
        actions.add(action);
        p.add("actions", actions);
        return p;
    }

    public static JsonObject plainTextValue(String value) {
        JsonObject v = new JsonObject();
        v.addProperty("type", "plain_text_input");
        v.addProperty("value", value);
        return v;
    }

    public static JsonObject multiSelectValue(String... values) {
        JsonObject v = new JsonObject();
        v.addProperty("type", "multi_static_select");
        JsonArray options = new JsonArray();
        for (String value : values) {
            JsonObject option = new JsonObject();
            JsonObject text = new JsonObject();
            text.addProperty("type", "plain_text");
            text.addProperty("text", value);
            option.add("text", text);
            option.addProperty("value", value);
            options.add(option);
        }
        v.add("selected_options", options);
        return v;
    }

    /** Headers that sign {@code body} like Slack: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body). */
    public static java.util.Map<String, String> signatureHeaders(String secret, String body, java.time.Instant when) {
        try {
            String timestamp = Long.toString(when.getEpochSecond());
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            String signature = "v0=" + java.util.HexFormat.of().formatHex(
                    mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("X-Slack-Request-Timestamp", timestamp);
            headers.put("X-Slack-Signature", signature);
            return headers;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** A slash command as Slack posts it in HTTP mode: form-encoded. */
    public static String slashCommandForm(String command, String text, String userId, String userName,
                                          String channelId, String responseUrl) {
        return slashCommand(command, text, userId, userName, channelId, responseUrl).entrySet().stream()
                .map(entry -> java.net.URLEncoder.encode(entry.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(entry.getValue().getAsString(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
    }
}
