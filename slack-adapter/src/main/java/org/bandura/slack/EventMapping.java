package org.bandura.slack;

import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.model.Reaction;

/**
 * Pure translation of Slack message and reaction facts into core commands. No Bolt types, so every rule here is a
 * one-line table test.
 */
public final class EventMapping {

    private final SlackSettings settings;

    public EventMapping(SlackSettings settings) {
        this.settings = settings;
    }

    /**
     * A plain message (no subtype). Only replies inside a thread matter; the thread's parent message is the
     * question. Bot messages are never answers.
     */
    public Optional<Command> message(String channel, String ts, String threadTs, String text, String botId) {
        if (botId != null || channel == null || ts == null || threadTs == null || threadTs.equals(ts)) {
            return Optional.empty();
        }
        return Optional.of(new Command.ThreadMessage(
                SlackKeys.key(channel, threadTs), SlackKeys.key(channel, ts), SlackText.fromSlack(text)));
    }

    /** A {@code message_changed} event: the edited message keeps its ts. */
    public Optional<Command> edit(String channel, String ts, String text, String botId) {
        if (botId != null || channel == null || ts == null) {
            return Optional.empty();
        }
        return Optional.of(new Command.EditMessage(SlackKeys.key(channel, ts), SlackText.fromSlack(text)));
    }

    /** A {@code message_deleted} event. */
    public Optional<Command> delete(String channel, String deletedTs) {
        if (channel == null || deletedTs == null) {
            return Optional.empty();
        }
        return Optional.of(new Command.DeleteMessage(SlackKeys.key(channel, deletedTs)));
    }

    /** A reaction on a message; other emoji and reactions on files are ignored. */
    public Optional<Command> reaction(String itemType, String channel, String ts, String emoji, boolean added) {
        if (!"message".equals(itemType) || channel == null || ts == null) {
            return Optional.empty();
        }
        return meaning(emoji).map(reaction -> new Command.React(SlackKeys.key(channel, ts), reaction, added));
    }

    /** What an emoji name means; skin tones ({@code +1::skin-tone-3}) count as the base emoji. */
    public Optional<Reaction> meaning(String emoji) {
        if (emoji == null) {
            return Optional.empty();
        }
        int skin = emoji.indexOf("::");
        String base = skin < 0 ? emoji : emoji.substring(0, skin);
        if (base.equals(settings.upvoteEmoji())) {
            return Optional.of(Reaction.UPVOTE);
        }
        if (base.equals(settings.downvoteEmoji())) {
            return Optional.of(Reaction.DOWNVOTE);
        }
        if (settings.acceptEmojiNames().contains(base)) {
            return Optional.of(Reaction.ACCEPT);
        }
        return Optional.empty();
    }
}
