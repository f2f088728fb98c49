package org.bandura.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.bandura.core.BanduraCore;
import org.bandura.core.Outbox;
import org.bandura.core.Outbox.Outcome;
import org.bandura.core.model.Platform;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Outgoing;
import org.bandura.core.reply.QuestionPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Web API call the bot makes, in one place, and the sender of the core's outbox for Slack. Whatever Bandura
 * posts, edits, deletes or says privately after the ack is written to the outbox first ({@link #post},
 * {@link #tell}, {@link #respond}, {@link #updateStatus}, {@link #delete}) and performed by {@link #send}, which maps
 * Slack's answer to an outcome: ok is delivered; HTTP 429 / {@code ratelimited} is retried after its
 * {@code Retry-After}; 5xx and network errors are retried with back-off; a refusal that retrying can't fix
 * ({@code not_in_channel}, {@code channel_not_found}, {@code is_archived}, {@code missing_scope}...) fails with a
 * sentence that says how to fix it. Posts are ordered and paced (one per second) per channel by the outbox.
 *
 * <p>Views ({@code views.open}, {@code views.publish}) answer the user's own click within its trigger's few seconds
 * and stay direct calls.
 */
final class SlackOutbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackOutbox.class);

    /** chat.postMessage: channel, thread_ts, text, blocks; optional acceptNotice (question number) and user. */
    static final String POST = "slack.post";
    /** A private (or in-channel) word to a user: response URL, else chat.postEphemeral, else a direct message. */
    static final String TELL = "slack.tell";
    /** A JSON body for a button press's response URL (replace the pressed message, or a private word). */
    static final String RESPOND = "slack.respond";
    /** Replaces the status block of a posted question (chat.update). */
    static final String UPDATE = "slack.update";
    /** chat.delete of a message the bot posted. */
    static final String DELETE = "slack.delete";

    private static final Gson BLOCKS = GsonFactory.createSnakeCase();
    private static final Duration FLUSH_WITHIN = Duration.ofSeconds(5);

    private final Slack slack;
    private final MethodsClient client;
    private final BanduraCore core;
    private final ScheduledExecutorService deliveries;
    private volatile Function<Outgoing, Outcome> jobMessages;
    private volatile SlackViews views;
    private volatile Duration followUpAfter = Duration.ofSeconds(1);

    SlackOutbox(Slack slack, String botToken, BanduraCore core) {
        this.slack = slack;
        this.client = slack.methods(botToken);
        this.core = core;
        this.deliveries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bandura-slack-outbox");
            thread.setDaemon(true);
            return thread;
        });
    }

    MethodsClient client() {
        return client;
    }

    /** What renders questions; set once by the listeners. */
    void use(SlackViews views) {
        this.views = views;
    }

    /** How the core's job messages (escalations, prompts, digests) are posted: see {@link SlackJobPosts}. */
    void jobMessages(Function<Outgoing, Outcome> poster) {
        this.jobMessages = poster;
    }

    // ---- enqueueing: what the listeners call after the ack ----

    /** Posts a message (top level when {@code threadTs} is null), in order and paced in its channel. */
    void post(String teamId, String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        post(teamId, channel, threadTs, text, blocks, null);
    }

    private void post(String teamId, String channel, String threadTs, String text, List<LayoutBlock> blocks,
                      JsonObject extra) {
        JsonObject payload = postPayload(channel, threadTs, text, blocks);
        if (extra != null) {
            extra.entrySet().forEach(entry -> payload.add(entry.getKey(), entry.getValue()));
        }
        enqueue(teamId, channel, POST, payload, null);
    }

    /**
     * The accept notice in a question's thread ({@link Outbox#ACCEPT_NOTICE}): once posted, the core records its key
     * in the same transaction, so an unaccept can delete it.
     */
    void postAcceptNotice(Origin origin, String channel, String threadTs, String text, long questionNumber) {
        enqueue(origin.teamId(), channel, Outbox.ACCEPT_NOTICE, postPayload(channel, threadTs, text, null),
                questionNumber);
    }

    /** A message only {@code origin.userId()} sees: through the response URL when there is one. */
    void tellCaller(Origin origin, String text) {
        enqueue(origin.teamId(), null, TELL, tellPayload(origin, text, false), null);
    }

    /** A message everybody in the conversation sees. */
    void tellChannel(Origin origin, String text) {
        if (origin.responseUrl() != null || origin.channel() == null) {
            enqueue(origin.teamId(), null, TELL, tellPayload(origin, text, true), null);
        } else {
            post(origin.teamId(), origin.channel(), origin.threadTs(), text, null);
        }
    }

    /** Deletes a message the bot posted (an accept notice that is no longer true). */
    void delete(String teamId, String channel, String ts) {
        JsonObject payload = new JsonObject();
        payload.addProperty("channel", channel);
        payload.addProperty("ts", ts);
        enqueue(teamId, null, DELETE, payload, null);
    }

    /** Replaces the status block of a posted question (read back through conversations.history). */
    void updateStatus(String teamId, String channel, String ts, LayoutBlock status, String fallbackText) {
        JsonObject payload = new JsonObject();
        payload.addProperty("channel", channel);
        payload.addProperty("ts", ts);
        payload.add("status", BLOCKS.toJsonTree(status));
        payload.addProperty("text", fallbackText);
        enqueue(teamId, null, UPDATE, payload, null);
    }

    /** A private word to whoever pressed a button, through its response URL; the pressed message stays as it is. */
    void tellPresser(String teamId, String responseUrl, String text) {
        respond(teamId, responseUrl, Map.of("response_type", "ephemeral", "replace_original", false, "text", text));
    }

    /** Replaces the message whose button was pressed (its buttons go, so it can't be pressed twice). */
    void replacePressed(String teamId, String responseUrl, String text, List<LayoutBlock> blocks) {
        respond(teamId, responseUrl, Map.of("replace_original", true, "text", text, "blocks", blocks));
    }

    private void respond(String teamId, String responseUrl, Map<String, Object> body) {
        JsonObject payload = new JsonObject();
        payload.addProperty("url", responseUrl);
        payload.add("body", BLOCKS.toJsonTree(body));
        enqueue(teamId, null, RESPOND, payload, null);
    }

    void openView(String triggerId, View view) {
        call("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)).getError());
    }

    void publishHome(String userId, View view) {
        call("views.publish", () -> client.viewsPublish(r -> r.userId(userId).view(view)).getError());
    }

    private void enqueue(String teamId, String orderKey, String kind, JsonObject payload, Long questionNumber) {
        try {
            core.enqueue(Members.workspace(teamId, teamId), orderKey, kind, payload.toString(), questionNumber);
        } catch (RuntimeException e) {
            // No outbox (test doubles) or no storage (the reply may be "I can't reach my storage"): the call is made
            // at once, once, without retries, so the member still hears back.
            if (!(e instanceof UnsupportedOperationException)) {
                LOG.warn("Could not queue {} for team {} ({}); sending it directly", kind, teamId, e.toString());
            }
            Outcome outcome = send(new Outbox.Item(0, teamId, kind, orderKey, payload.toString(), questionNumber, 0,
                    null, null));
            if (!(outcome instanceof Outcome.Delivered)) {
                LOG.warn("{} for team {} not delivered: {}", kind, teamId, outcome);
            }
            return;
        }
        deliverSoon();
    }

    // ---- delivering ----

    /** A delivery pass on the outbox thread, soon; passes that delivered something are followed by another in 1 s. */
    void deliverSoon() {
        try {
            deliveries.execute(this::deliverPass);
        } catch (RejectedExecutionException closing) {
            LOG.debug("Outbox delivery not scheduled: the front door is closing");
        }
    }

    /**
     * How soon a pass that delivered something is followed by another: posts held back by the pace (one per second
     * per channel) go out then. Zero: no follow-up pass (tests whose outbox has no pace).
     */
    void followUpPasses(Duration after) {
        this.followUpAfter = after;
    }

    private void deliverPass() {
        int handed = deliverNow();
        Duration after = followUpAfter;
        if (handed > 0 && !after.isZero()) {
            try {
                deliveries.schedule(this::deliverPass, after.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                LOG.debug("Outbox delivery not rescheduled: the front door is closing");
            }
        }
    }

    /** One delivery pass on the calling thread (timer, tests). @return how many rows were delivered */
    int deliverNow() {
        try {
            return core.deliver(Platform.SLACK, this::send);
        } catch (RuntimeException e) {
            LOG.warn("Delivering Slack's outbox failed, will try again: {}", e.toString());
            return 0;
        }
    }

    /** Performs one outbox row: the platform call and what Slack's answer means. */
    Outcome send(Outbox.Item item) {
        if (Outbox.MESSAGE.equals(item.kind())) {
            return jobMessages.apply(item.message());
        }
        JsonObject payload;
        try {
            payload = Outbox.QUESTION.equals(item.kind()) || Outbox.QUESTION_FAILED.equals(item.kind()) ? null
                    : JsonParser.parseString(item.payload()).getAsJsonObject();
        } catch (RuntimeException e) {
            return new Outcome.Failed("unreadable outbox payload: " + e.getMessage());
        }
        return switch (item.kind()) {
            case Outbox.QUESTION -> postQuestion(QuestionPost.fromJson(item.payload()));
            case Outbox.QUESTION_FAILED -> tellQuestionFailed(QuestionPost.fromJson(item.payload()));
            case POST, Outbox.ACCEPT_NOTICE -> sendPost(payload);
            case TELL -> sendTell(payload);
            case RESPOND -> respondNow(string(payload, "url"), payload.get("body"));
            case UPDATE -> sendUpdate(payload);
            case DELETE -> chatCall("chat.delete", string(payload, "channel"),
                    () -> client.chatDelete(r -> r.channel(string(payload, "channel")).ts(string(payload, "ts"))),
                    response -> Outcome.delivered(null));
            default -> new Outcome.Failed("this Slack front door does not know outbox kind " + item.kind());
        };
    }

    /** The question message; once it is there, the experts' mention in its thread and the asker's private word. */
    private Outcome postQuestion(QuestionPost post) {
        Origin origin = origin(post.origin());
        Event.QuestionAsked question = post.asked();
        Outcome outcome = postNow(origin.channel(), null, SlackViews.questionFallback(question),
                views.question(question));
        if (!(outcome instanceof Outcome.Delivered posted)) {
            return outcome;
        }
        String key = posted.platformKey();
        String ts = SlackKeys.parse(key).map(SlackKeys::ts).orElseThrow();
        String experts = QuestionFlow.expertsText(question);
        List<Outbox.FollowUp> then = new ArrayList<>();
        then.add(new Outbox.FollowUp(POST, origin.channel(), postPayload(origin.channel(), ts, experts,
                question.actions().isEmpty() ? null : SlackViews.withButtons(experts, question.actions())).toString()));
        then.add(new Outbox.FollowUp(TELL, null, tellPayload(origin,
                QuestionFlow.askerText(question, views.acceptEmojiNames()), false).toString()));
        return new Outcome.Delivered(key, key, then);
    }

    /** The asker hears why their question is not there, with its text to ask again. */
    private Outcome tellQuestionFailed(QuestionPost post) {
        Origin origin = origin(post.origin());
        Event.QuestionAsked question = post.asked();
        String text = "I couldn't post your question Q" + question.number() + ": " + post.reason()
                + "\nI didn't keep it. Here is what you wrote, so you can ask again:\n>"
                + SlackText.escape(question.text()).replace("\n", "\n>");
        // not in the channel: an ephemeral there would fail the same way, so response URL, else a direct message
        return sendTell(tellPayload(new Origin(origin.teamId(), origin.teamName(), null, null, origin.userId(),
                origin.responseUrl()), text, false));
    }

    private Outcome sendPost(JsonObject payload) {
        return postNow(string(payload, "channel"), string(payload, "thread_ts"), string(payload, "text"),
                payload.has("blocks") ? payload.get("blocks").toString() : null);
    }

    private Outcome sendTell(JsonObject payload) {
        String text = string(payload, "text");
        boolean inChannel = payload.has("inChannel") && payload.get("inChannel").getAsBoolean();
        String responseUrl = string(payload, "responseUrl");
        String channel = string(payload, "channel");
        String user = string(payload, "user");
        if (responseUrl != null) {
            Outcome outcome = respondNow(responseUrl, BLOCKS.toJsonTree(Map.of(
                    "response_type", inChannel ? "in_channel" : "ephemeral", "text", text)));
            if (!(outcome instanceof Outcome.Failed)) {
                return outcome;
            }
            // the response URL expired (30 minutes, 5 uses): fall through to the Web API
        }
        if (inChannel && channel != null) {
            return postNow(channel, string(payload, "thread_ts"), text, (String) null);
        }
        if (channel != null) {
            Outcome outcome = chatCall("chat.postEphemeral", channel, () -> client.chatPostEphemeral(r -> r
                    .channel(channel).user(user).threadTs(string(payload, "thread_ts")).text(text)),
                    response -> Outcome.delivered(null));
            if (!(outcome instanceof Outcome.Failed)) {
                return outcome;
            }
        }
        if (user == null) {
            return new Outcome.Failed("nobody to tell");
        }
        return postNow(user, null, text, (String) null); // a direct message from the bot
    }

    private Outcome sendUpdate(JsonObject payload) {
        String channel = string(payload, "channel");
        String ts = string(payload, "ts");
        LayoutBlock status = BLOCKS.fromJson(payload.get("status"), LayoutBlock.class);
        List<LayoutBlock> blocks = List.of(status);
        String text = string(payload, "text");
        try {
            ConversationsHistoryResponse history = client.conversationsHistory(r -> r.channel(channel)
                    .latest(ts).oldest(ts).inclusive(true).limit(1));
            if (history.isOk() && history.getMessages() != null && !history.getMessages().isEmpty()) {
                Message message = history.getMessages().get(0);
                blocks = message.getBlocks() == null ? blocks : SlackViews.withStatus(message.getBlocks(), status);
                text = message.getText() == null ? text : message.getText();
            } else if (!history.isOk()) {
                Outcome refused = refused("conversations.history", channel, history.getError());
                if (!(refused instanceof Outcome.Failed)) {
                    return refused;
                }
                LOG.warn("conversations.history for {} failed: {}", channel, history.getError());
            }
        } catch (IOException | SlackApiException e) {
            return thrown("conversations.history", e);
        }
        String blocksJson = BLOCKS.toJson(blocks);
        String fallback = text;
        return chatCall("chat.update", channel,
                () -> client.chatUpdate(r -> r.channel(channel).ts(ts).text(fallback).blocksAsString(blocksJson)),
                response -> Outcome.delivered(null));
    }

    /** chat.postMessage now; delivered with the new message's key ({@code channel:ts}). */
    Outcome postNow(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        return postNow(channel, threadTs, text, blocks == null ? null : BLOCKS.toJson(blocks));
    }

    private Outcome postNow(String channel, String threadTs, String text, String blocksJson) {
        if (channel == null) {
            return new Outcome.Failed("no channel to post in");
        }
        return chatCall("chat.postMessage", channel, () -> client.chatPostMessage(r -> {
            r.channel(channel).threadTs(threadTs).text(text).unfurlLinks(false).unfurlMedia(false);
            return blocksJson == null ? r : r.blocksAsString(blocksJson);
        }), response -> Outcome.delivered(SlackKeys.key(channel, ((ChatPostMessageResponse) response).getTs())));
    }

    private Outcome respondNow(String responseUrl, JsonElement body) {
        try (okhttp3.Response response = slack.getHttpClient().postJsonBody(responseUrl, body)) {
            if (response.isSuccessful()) {
                return Outcome.delivered(null);
            }
            if (response.code() == 429) {
                return new Outcome.RetryAfter(retryAfter(response.header("Retry-After")), "response_url HTTP 429");
            }
            if (response.code() >= 500) {
                return new Outcome.Retry("response_url HTTP " + response.code());
            }
            return new Outcome.Failed("the reply link expired (HTTP " + response.code() + ")");
        } catch (IOException e) {
            return new Outcome.Retry("response_url: " + e);
        }
    }

    private interface ResponseCall {
        SlackApiTextResponse run() throws IOException, SlackApiException;
    }

    private Outcome chatCall(String method, String channel, ResponseCall call,
                             Function<SlackApiTextResponse, Outcome> onOk) {
        try {
            SlackApiTextResponse response = call.run();
            if (response.isOk()) {
                return onOk.apply(response);
            }
            return refused(method, channel, response.getError());
        } catch (IOException | SlackApiException e) {
            return thrown(method, e);
        }
    }

    private static Outcome thrown(String method, Exception e) {
        if (e instanceof SlackApiException api) {
            int code = api.getResponse().code();
            if (code == 429) {
                return new Outcome.RetryAfter(retryAfter(api.getResponse().header("Retry-After")),
                        method + ": ratelimited");
            }
            if (code >= 500) {
                return new Outcome.Retry(method + ": HTTP " + code);
            }
            return new Outcome.Failed("Slack answered " + method + " with HTTP " + code + ".");
        }
        return new Outcome.Retry(method + ": " + e);
    }

    /** Slack's {@code error} as an outcome; the failures say what to do about them. */
    static Outcome refused(String method, String channel, String error) {
        String where = channel == null ? "that channel" : "<#" + channel + ">";
        String code = error == null ? "unknown_error" : error;
        return switch (code) {
            case "ratelimited" -> new Outcome.RetryAfter(Duration.ofSeconds(1), method + ": ratelimited");
            case "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org" ->
                    new Outcome.Retry(method + ": " + code);
            case "not_in_channel" -> new Outcome.Failed("I'm not in " + where + ": invite me with /invite @Bandura, "
                    + "or ask in a channel I'm in.");
            case "channel_not_found" -> new Outcome.Failed("I can't see " + where + " (it is private without me, or "
                    + "gone): invite me with /invite @Bandura, or ask in a channel I'm in.");
            case "is_archived" -> new Outcome.Failed(where + " is archived, so I can't post there. Ask in an active "
                    + "channel.");
            case "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
                 "restricted_action_non_threadable_channel", "ekm_access_denied" -> new Outcome.Failed(
                    "This workspace doesn't let me post in " + where + " (" + code + "): an admin can allow it, or ask "
                            + "in another channel.");
            case "missing_scope", "not_allowed_token_type", "no_permission" -> new Outcome.Failed("I lack a Slack "
                    + "permission for " + method + " (" + code + "): an admin must reinstall Bandura from its "
                    + "manifest, which lists the scopes it needs.");
            case "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired" ->
                    new Outcome.Failed("My Slack token no longer works (" + code + "): an admin must reinstall "
                            + "Bandura or update SLACK_BOT_TOKEN.");
            case "msg_too_long", "msg_blocks_too_long", "invalid_blocks", "too_many_attachments" -> new Outcome.Failed(
                    "Slack refused the message as too long or malformed (" + code + "). Try a shorter question.");
            default -> new Outcome.Failed("Slack refused " + method + " in " + where + " (" + code + ").");
        };
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? Duration.ofSeconds(1) : Duration.ofSeconds(Math.max(0, Long.parseLong(
                    header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    // ---- payloads ----

    private static JsonObject postPayload(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        JsonObject payload = new JsonObject();
        payload.addProperty("channel", channel);
        if (threadTs != null) {
            payload.addProperty("thread_ts", threadTs);
        }
        payload.addProperty("text", text);
        if (blocks != null) {
            payload.add("blocks", BLOCKS.toJsonTree(blocks));
        }
        return payload;
    }

    private static JsonObject tellPayload(Origin origin, String text, boolean inChannel) {
        JsonObject payload = new JsonObject();
        payload.addProperty("team", origin.teamId());
        payload.addProperty("channel", origin.channel());
        payload.addProperty("thread_ts", origin.threadTs());
        payload.addProperty("user", origin.userId());
        payload.addProperty("responseUrl", origin.responseUrl());
        payload.addProperty("text", text);
        payload.addProperty("inChannel", inChannel);
        return payload;
    }

    /** The adapter's part of a question post: where it was asked and how to answer the asker. */
    static String originJson(Origin origin) {
        JsonObject json = new JsonObject();
        json.addProperty("team", origin.teamId());
        json.addProperty("teamName", origin.teamName());
        json.addProperty("channel", origin.channel());
        json.addProperty("user", origin.userId());
        json.addProperty("responseUrl", origin.responseUrl());
        return json.toString();
    }

    private static Origin origin(String json) {
        JsonObject origin = JsonParser.parseString(json).getAsJsonObject();
        return new Origin(string(origin, "team"), string(origin, "teamName"), string(origin, "channel"), null,
                string(origin, "user"), string(origin, "responseUrl"));
    }

    private static String string(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private interface ApiCall {
        /** Runs the call and returns Slack's error code, null when ok. */
        String run() throws IOException, SlackApiException;
    }

    private static void call(String method, ApiCall call) {
        try {
            String error = call.run();
            if (error != null) {
                LOG.warn("{} failed: {}", method, error);
            }
        } catch (IOException | SlackApiException e) {
            LOG.warn("{} failed: {}", method, e.toString());
        }
    }

    @Override
    /**
     * One last delivery pass (at most 5 s), so what is due goes out now rather than after a restart, then stops the
     * delivery thread without interrupting a pass in the middle of its database transaction.
     */
    public void close() {
        try {
            deliveries.submit(this::deliverNow).get(FLUSH_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.info("Outbox not fully delivered before stopping ({}); the rest goes out after the restart",
                    e.toString());
        }
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(FLUSH_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                deliveries.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.shutdownNow();
        }
    }
}
