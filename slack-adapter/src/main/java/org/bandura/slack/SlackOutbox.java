package org.bandura.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every Web API call the bot makes, in one place. Calls run after the ack, on Bolt's executor. */
final class SlackOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(SlackOutbox.class);

    private final Slack slack;
    private final MethodsClient client;

    SlackOutbox(Slack slack, String botToken) {
        this.slack = slack;
        this.client = slack.methods(botToken);
    }

    MethodsClient client() {
        return client;
    }

    /** Posts a message (top level when {@code threadTs} is null) and returns its ts. */
    Optional<String> post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        try {
            ChatPostMessageResponse response = client.chatPostMessage(r -> {
                r.channel(channel).threadTs(threadTs).text(text).unfurlLinks(false).unfurlMedia(false);
                return blocks == null ? r : r.blocks(blocks);
            });
            if (response.isOk()) {
                return Optional.of(response.getTs());
            }
            LOG.warn("chat.postMessage to {} failed: {}", channel, response.getError());
        } catch (IOException | SlackApiException e) {
            LOG.warn("chat.postMessage to {} failed: {}", channel, e.toString());
        }
        return Optional.empty();
    }

    /** A message only {@code origin.userId()} sees: through the response URL when there is one. */
    void tellCaller(Origin origin, String text) {
        if (origin.responseUrl() != null) {
            respond(origin.responseUrl(), "ephemeral", text);
        } else if (origin.channel() != null) {
            call("chat.postEphemeral", () -> client.chatPostEphemeral(r -> r.channel(origin.channel())
                    .user(origin.userId()).threadTs(origin.threadTs()).text(text)).getError());
        } else {
            LOG.info("Nowhere to tell {} a reply", origin.userId());
        }
    }

    /** A message everybody in the conversation sees. */
    void tellChannel(Origin origin, String text) {
        if (origin.responseUrl() != null) {
            respond(origin.responseUrl(), "in_channel", text);
        } else if (origin.channel() != null) {
            post(origin.channel(), origin.threadTs(), text, null);
        }
    }

    /** Deletes a message the bot posted (an accept notice that is no longer true). */
    void delete(String channel, String ts) {
        call("chat.delete", () -> client.chatDelete(r -> r.channel(channel).ts(ts)).getError());
    }

    /** Replaces the status block of a posted question (read back through conversations.history). */
    void updateStatus(String channel, String ts, LayoutBlock status, String fallbackText) {
        call("chat.update", () -> {
            List<LayoutBlock> blocks = List.of(status);
            String text = fallbackText;
            ConversationsHistoryResponse history = client.conversationsHistory(r -> r.channel(channel)
                    .latest(ts).oldest(ts).inclusive(true).limit(1));
            if (history.isOk() && history.getMessages() != null && !history.getMessages().isEmpty()) {
                Message message = history.getMessages().get(0);
                blocks = message.getBlocks() == null ? blocks : SlackViews.withStatus(message.getBlocks(), status);
                text = message.getText() == null ? text : message.getText();
            } else {
                LOG.warn("conversations.history for {} failed: {}", channel, history.getError());
            }
            return update(channel, ts, text, blocks);
        });
    }

    private String update(String channel, String ts, String text, List<LayoutBlock> blocks)
            throws IOException, SlackApiException {
        return client.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)).getError();
    }

    void openView(String triggerId, View view) {
        call("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)).getError());
    }

    void publishHome(String userId, View view) {
        call("views.publish", () -> client.viewsPublish(r -> r.userId(userId).view(view)).getError());
    }

    /** A private word to whoever pressed a button, through its response URL; the pressed message stays as it is. */
    void tellPresser(String responseUrl, String text) {
        respond(responseUrl, Map.of("response_type", "ephemeral", "replace_original", false, "text", text));
    }

    /** Replaces the message whose button was pressed (its buttons go, so it can't be pressed twice). */
    void replacePressed(String responseUrl, String text, List<LayoutBlock> blocks) {
        respond(responseUrl, Map.of("replace_original", true, "text", text, "blocks", blocks));
    }

    private void respond(String responseUrl, Map<String, Object> body) {
        try (okhttp3.Response response = slack.getHttpClient().postJsonBody(responseUrl, body)) {
            if (!response.isSuccessful()) {
                LOG.warn("response_url answered HTTP {}", response.code());
            }
        } catch (IOException e) {
            LOG.warn("response_url failed: {}", e.toString());
        }
    }

    private void respond(String responseUrl, String responseType, String text) {
        try (okhttp3.Response response = slack.getHttpClient().postJsonBody(responseUrl,
                Map.of("response_type", responseType, "text", text))) {
            if (!response.isSuccessful()) {
                LOG.warn("response_url answered HTTP {}", response.code());
            }
        } catch (IOException e) {
            LOG.warn("response_url failed: {}", e.toString());
        }
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
}
