package org.bandura.core.command;

import java.util.List;
import java.util.Objects;
import org.bandura.core.model.Actor;
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

    /**
     * {@code /ask <text>}; tags come from {@code #tag} tokens in the text plus {@code tags} from a separate option.
     *
     * @param postedBy who turned someone else's message into this question (Slack "Ask as question"), recorded
     *                 beside the asker; null when the asker posted it
     * @param postTo   where the adapter will post it, through the outbox: the question is saved unposted (hidden
     *                 everywhere) with an outbox {@code QUESTION} row in the same transaction, and becomes visible
     *                 when that row is delivered. Null: the question is visible at once (console, web, adapters
     *                 that post it themselves and call {@link LinkQuestion} / {@link QuestionPostFailed})
     */
    record Ask(String text, List<String> tags, Actor postedBy, PostTo postTo) implements Command {
        public Ask {
            text = text == null ? "" : text;
            tags = List.copyOf(tags == null ? List.of() : tags);
        }

        public Ask(String text, List<String> tags, Actor postedBy) {
            this(text, tags, postedBy, null);
        }

        public Ask(String text, List<String> tags) {
            this(text, tags, null, null);
        }

        /** The same question, to be posted through the outbox at {@code postTo}. */
        public Ask postedTo(PostTo where) {
            return new Ask(text, tags, postedBy, where);
        }
    }

    /**
     * Where the adapter posts a question (see {@link Ask#postTo()}).
     *
     * @param channelKey the channel it goes to: the outbox row's order key and the question's channel key
     * @param origin     the adapter's own context (JSON or any text; a Slack response URL...), handed back in the
     *                   {@link org.bandura.core.reply.QuestionPost} payload
     */
    record PostTo(String channelKey, String origin) {
        public PostTo {
            Objects.requireNonNull(channelKey, "channelKey");
        }
    }

    /**
     * The adapter could not post question {@code questionNumber} and gives up: if it was still unposted it is
     * removed (soft-deleted, so nothing half-written stays visible) and the asker is told {@code reason} privately.
     */
    record QuestionPostFailed(long questionNumber, String reason) implements Command {
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
     *
     * @param replyToMessageKey the message this one replies to (Discord replies), or null
     */
    record ThreadMessage(String threadKey, String messageKey, String text, String replyToMessageKey)
            implements Command {
        public ThreadMessage(String threadKey, String messageKey, String text) {
            this(threadKey, messageKey, text, null);
        }
    }

    /** A chat message was edited; an answer made from it follows the edit. */
    record EditMessage(String messageKey, String text) implements Command {
    }

    /**
     * A chat message was deleted; an answer made from it is removed and its reputation reversed, a question posted
     * as it is hidden everywhere with every reputation effect of it and its answers reversed.
     */
    record DeleteMessage(String messageKey) implements Command {
    }

    /** A question's thread was deleted: the question goes as with {@link DeleteMessage} of its message. */
    record DeleteThread(String threadKey) implements Command {
    }

    /** The adapter posted the accept notice of question {@code questionNumber} as {@code messageKey}. */
    record RecordAcceptNotice(long questionNumber, String messageKey) implements Command {
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

    /** The asker's "Not yet" to a private "did A<n> solve it?" prompt: no accept, and no more asking about it. */
    record NotYet(long answerNumber) implements Command {
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

    /** {@code /expert hours <from>-<to> [days] [zone]} or {@code /expert hours off}; the core checks the text. */
    record ExpertHours(String spec) implements Command {
    }

    /** {@code /expert away [until <date>|<n>d]}; {@code until} is null for "until /expert back". */
    record ExpertAway(String until) implements Command {
    }

    record ExpertBack() implements Command {
    }

    /** {@code /expert limit <n>|none}: most mentions per week; null for no limit. */
    record ExpertLimit(Integer perWeek) implements Command {
    }

    /** "I'm on it": holds escalation of the question for a while. */
    record Claim(long questionNumber) implements Command {
    }

    record Unclaim(long questionNumber) implements Command {
    }

    /** Why the question was routed the way it was (moderators and the asker). */
    record Why(long questionNumber) implements Command {
    }

    /** {@code /privacy reminders on|off}: private reminders to accept an answer. */
    record RemindersSetting(boolean on) implements Command {
    }

    record ListTags() implements Command {
    }

    /** Moderators: make {@code alias} another spelling of {@code tag} ("js" for "javascript"). */
    record TagAlias(String alias, String tag) implements Command {
    }

    /** Moderators: take a tag off every question and expert; the questions themselves stay. */
    record TagRemove(String tag) implements Command {
    }

    /** Moderators: fold {@code from} into {@code into} (questions, experts, tag reputation, aliases). */
    record TagMerge(String from, String into) implements Command {
    }

    /** @param tag null for the overall board */
    record Top(String tag, Period period) implements Command {
        public Top {
            period = period == null ? Period.ALL : period;
        }
    }

    /**
     * @param user        null for the caller; otherwise a platform user id or a display name
     * @param displayName the platform's name for {@code user} when the adapter resolved a mention, else null
     */
    record Profile(String user, String displayName) implements Command {
        public Profile(String user) {
            this(user, null);
        }
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

    /** {@code /privacy} with a change, or alone ({@code change} null) to show the current settings. */
    record Privacy(PrivacyChange change) implements Command {
    }

    enum PrivacyChange {
        /** Accept notices mention (notify) the member. */
        ANNOUNCEMENTS_ON,
        /** Accept notices name the member without notifying them. */
        ANNOUNCEMENTS_OFF,
        /** Public web pages show the member as "a member". */
        WEB_HIDE,
        WEB_SHOW
    }

    /** Moderators, on the tag's web page: the tag's description (empty text clears it). */
    record DescribeTag(String tag, String description) implements Command {
        public DescribeTag {
            description = description == null ? "" : description.strip();
        }
    }

    /** {@code /digest}: this week's digest so far, privately. */
    record Digest() implements Command {
    }

    /** {@code /digest off|on}: whether the member is listed among the weekly digest's top helpers. */
    record DigestSetting(boolean listed) implements Command {
    }

    /** {@code /web}: a private one-time sign-in link to the knowledge base; {@code /web logout} ends every session. */
    record Web(boolean logout) implements Command {
    }
}
