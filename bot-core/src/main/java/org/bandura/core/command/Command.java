package org.bandura.core.command;

import java.util.List;
import java.util.Objects;
import org.bandura.core.model.Period;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.Reaction;
import org.bandura.core.model.VoteDirection;

/**
 * Everything a person can ask Bandura to do, whatever the platform. Adapters build these from slash
 * commands, thread replies and reactions; {@link CommandCatalog} lists the typed commands with their help.
 *
 * <p>Message, channel and thread keys are opaque strings chosen by the adapter (a Discord snowflake, a Slack
 * {@code channel:ts}); the core only stores and compares them.
 */
public sealed interface Command {

    /** {@code /ask <text>}; tags come from {@code #tag} tokens in the text plus {@code tags} from a separate option. */
    record Ask(String text, List<String> tags) implements Command {
        public Ask {
            text = text == null ? "" : text;
            tags = List.copyOf(tags == null ? List.of() : tags);
        }
    }

    /** The adapter posted question {@code questionNumber} and tells the core where it lives. */
    record LinkQuestion(long questionNumber, String channelKey, String messageKey, String threadKey) implements Command {
    }

    /** {@code /answer Q<n> <text>}; {@code messageKey} is set when the answer is a chat message. */
    record Answer(long questionNumber, String text, String messageKey) implements Command {
    }

    /**
     * A chat message in some thread. Becomes an answer when the thread belongs to a question and the author is not
     * the asker (the asker's own messages are follow-ups); other threads are ignored.
     */
    record ThreadMessage(String threadKey, String messageKey, String text) implements Command {
    }

    /** A chat message was edited; an answer made from it follows the edit. */
    record EditMessage(String messageKey, String text) implements Command {
    }

    /** A chat message was deleted; an answer made from it is removed and its reputation reversed. */
    record DeleteMessage(String messageKey) implements Command {
    }

    record Vote(PostRef post, VoteDirection direction) implements Command {
        public Vote {
            Objects.requireNonNull(post, "post");
            Objects.requireNonNull(direction, "direction");
        }
    }

    record Unvote(PostRef post) implements Command {
    }

    /** A reaction added to or removed from a chat message that may be a question or an answer. */
    record React(String messageKey, Reaction reaction, boolean added) implements Command {
    }

    record Accept(long answerNumber) implements Command {
    }

    /** "Accept answer" on a chat message (context menu or shortcut). */
    record AcceptMessage(String messageKey) implements Command {
    }

    record Unaccept(long answerNumber) implements Command {
    }

    record ExpertAdd(List<String> tags) implements Command {
        public ExpertAdd {
            tags = List.copyOf(tags);
        }
    }

    record ExpertRemove(List<String> tags) implements Command {
        public ExpertRemove {
            tags = List.copyOf(tags);
        }
    }

    /** @param tag null for all of the caller's and everybody's subscriptions */
    record ExpertList(String tag) implements Command {
    }

    record ListTags() implements Command {
    }

    /** Moderators: make {@code alias} another spelling of {@code tag} ("js" for "javascript"). */
    record TagAlias(String alias, String tag) implements Command {
    }

    /** @param tag null for the overall board */
    record Top(String tag, Period period) implements Command {
        public Top {
            period = period == null ? Period.ALL : period;
        }
    }

    /** @param user null for the caller; otherwise a platform user id or a display name */
    record Profile(String user) implements Command {
    }

    record Search(String query) implements Command {
    }

    /** @param tag null for every tag */
    record Unanswered(String tag) implements Command {
    }

    /** The caller's home: their profile and the open questions in their tags (Slack App Home). */
    record Home() implements Command {
    }

    record Help() implements Command {
    }

    /** Moderators, on the tag's web page: the tag's description (empty text clears it). */
    record DescribeTag(String tag, String description) implements Command {
        public DescribeTag {
            description = description == null ? "" : description.strip();
        }
    }

    /** {@code /web}: a private one-time sign-in link to the knowledge base; {@code /web logout} ends every session. */
    record Web(boolean logout) implements Command {
    }
}
