package org.bandura.discord;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.bandura.core.reply.Action;

/**
 * One Discord operation waiting in the outbox: the payload of a row of one of the {@code DISCORD_*} kinds, rendered
 * when it was enqueued so any process can perform it. Fields a kind does not use are null.
 *
 * @param channelId the channel, thread or DM channel it acts on (also the row's order key); REPLY: the thread it
 *                  falls back to when the user can be reached neither through the token nor by DM
 * @param messageId the message it deletes, edits or reacts to
 * @param userId    SEND in a DM / UNREACT: the user; REPLY: who is told by DM when the interaction expired
 * @param content   the text to send, already rendered (markdown escaped where it must be)
 * @param ping      the users the message notifies (allowed mentions); everyone else is plain text
 * @param buttons   the core's buttons under the message
 * @param guildId   buttons in a DM carry the guild in their id; the guild of the operation
 * @param token     REPLY: the interaction token its deferred reply is edited with (valid 15 minutes; never logged)
 * @param emoji     REACT / UNREACT: the emoji
 * @param question  ACCEPT_NOTICE: the question whose notice this is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record DiscordOp(String channelId, String messageId, String userId, String content, List<String> ping,
                 List<Action> buttons, String guildId, String token, String emoji, Long question) {

    /** A message in a channel or thread, pinging {@code ping} only. */
    static final String SEND = "DISCORD_SEND";
    /** A message the bot sent is deleted (already gone counts as done). */
    static final String DELETE = "DISCORD_DELETE";
    /**
     * The accept notice in the question's thread: the core's own kind, so its id is recorded with the question in
     * the delivery's transaction (an unaccept can then take it down).
     */
    static final String ACCEPT_NOTICE = org.bandura.core.Outbox.ACCEPT_NOTICE;
    /** The thread gets ✅ and the forum's Solved tag. */
    static final String SOLVED = "DISCORD_SOLVED";
    /** ✅ and Solved come off again. */
    static final String UNSOLVED = "DISCORD_UNSOLVED";
    /** The thread of a deleted question says so. */
    static final String DELETED_MARK = "DISCORD_DELETED_MARK";
    /** The bot reacts to a message (an answer's mark). */
    static final String REACT = "DISCORD_REACT";
    /** A member's reaction is taken back (a vote that did not count). */
    static final String UNREACT = "DISCORD_UNREACT";
    /** A message the bot sent gets new text and loses its buttons (an answered DM prompt). */
    static final String EDIT = "DISCORD_EDIT";
    /** The deferred reply of an interaction is written; after 15 minutes the user gets it by DM instead. */
    static final String REPLY = "DISCORD_REPLY";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    DiscordOp {
        ping = ping == null ? List.of() : List.copyOf(ping);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    static DiscordOp send(String channelId, String content, List<String> ping, List<Action> buttons) {
        return new DiscordOp(channelId, null, null, content, ping, buttons, null, null, null, null);
    }

    static DiscordOp onMessage(String channelId, String messageId) {
        return new DiscordOp(channelId, messageId, null, null, null, null, null, null, null, null);
    }

    static DiscordOp onThread(String threadId) {
        return onMessage(threadId, null);
    }

    static DiscordOp reply(String token, String content, String userId, String guildId) {
        return new DiscordOp(null, null, userId, content, null, null, guildId, token, null, null);
    }

    /** A reply that, when neither the token nor a DM reaches the user, is posted in this thread pinging them. */
    DiscordOp orInThread(String threadId) {
        return new DiscordOp(threadId, messageId, userId, content, ping, buttons, guildId, token, emoji, question);
    }

    DiscordOp withEmoji(String value, String user) {
        return new DiscordOp(channelId, messageId, user, content, ping, buttons, guildId, token, value, question);
    }

    DiscordOp withContent(String text) {
        return new DiscordOp(channelId, messageId, userId, text, ping, buttons, guildId, token, emoji, question);
    }

    DiscordOp forQuestion(long number) {
        return new DiscordOp(channelId, messageId, userId, content, ping, buttons, guildId, token, emoji, number);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Discord operation not serialisable", e);
        }
    }

    static DiscordOp fromJson(String json) {
        try {
            return JSON.readValue(json, DiscordOp.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Discord operation: " + e.getOriginalMessage(), e);
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "DiscordOp[channel=" + channelId + ", message=" + messageId + ", user=" + userId + "]";
    }
}
