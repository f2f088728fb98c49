package org.bandura.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.forums.ForumPost;
import net.dv8tion.jda.api.entities.channel.forums.ForumTag;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.managers.channel.concrete.ThreadChannelManager;
import net.dv8tion.jda.api.requests.RestAction;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.RichText;
import org.bandura.core.text.TextChunks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts questions on Discord and marks them solved. Holds no rule: it shows what the core decided. */
final class QuestionPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionPublisher.class);
    static final String SOLVED_TAG = "solved";
    static final String SOLVED_PREFIX = "✅ ";
    static final String DELETED_PREFIX = "🗑️ ";
    private static final int MAX_THREAD_NAME = 100;

    /** Where a question went. */
    record Posted(String channelId, String messageId, String threadId, String jumpUrl) {
    }

    /** Thrown when the question cannot go where it should; the message is fit for the asker. */
    static final class PublishException extends RuntimeException {
        PublishException(String message) {
            super(message);
        }

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DiscordCalls calls;

    QuestionPublisher() {
        this(new DiscordCalls());
    }

    QuestionPublisher(DiscordCalls calls) {
        this.calls = calls;
    }

    /** Picks the configured Q&A channel, else the channel the command ran in. */
    GuildChannel target(Guild guild, GuildChannel current, String qaChannelId) {
        GuildChannel target;
        if (qaChannelId == null) {
            target = current instanceof ThreadChannel thread ? thread.getParentChannel() : current;
        } else {
            target = guild.getGuildChannelById(qaChannelId);
            if (target == null) {
                throw new PublishException("The Q&A channel configured for this bot is not on this server. "
                        + "Ask an admin to check discord.qa-channel-id.");
            }
        }
        if (!(target instanceof ForumChannel) && !(target instanceof TextChannel)) {
            throw new PublishException("I can post questions only in a text or forum channel. "
                    + "Run /ask there, or ask an admin to set discord.qa-channel-id.");
        }
        return target;
    }

    /**
     * Posts the question: a forum post with matching tags, or a message with a public thread on it. A question
     * longer than one message continues in the thread, so its whole text is shown.
     *
     * <p>All or nothing: when a step fails after the message was created (the thread, say), what was created is
     * deleted again, so trying again later does not leave a second copy.
     *
     * @throws PublishException     when it cannot be posted there at all; the message says why, for the asker
     * @throws DiscordCallException when Discord failed in a way worth trying again (5xx, network, a long 429)
     */
    Posted post(GuildChannel channel, Event.QuestionAsked question) {
        String name = threadName("Q" + question.number() + ": " + question.title());
        List<String> pieces = DiscordText.pieces(questionBody(question));
        if (channel instanceof ForumChannel forum) {
            List<ForumTag> tags = matchingTags(forum, question.tags());
            if (forum.isTagRequired() && tags.isEmpty()) {
                throw new PublishException(tagsNeeded(forum, question.tags()));
            }
            ForumPost post = call(() -> forum.createForumPost(name, DiscordText.silent(pieces.get(0))).setTags(tags),
                    new DiscordOutcome.Attempt("create posts", "#" + forum.getName(), Permission.MESSAGE_SEND));
            Message starter = post.getMessage();
            ThreadChannel thread = post.getThreadChannel();
            try {
                continueInThread(thread, pieces);
            } catch (RuntimeException e) {
                undo(thread, null);
                throw e;
            }
            return new Posted(forum.getId(), starter.getId(), thread.getId(), starter.getJumpUrl());
        }
        if (channel instanceof TextChannel text) {
            String place = "#" + text.getName();
            Message message = call(() -> text.sendMessage(DiscordText.silent(pieces.get(0))),
                    new DiscordOutcome.Attempt("send messages", place, Permission.MESSAGE_SEND));
            ThreadChannel thread = null;
            try {
                thread = call(() -> message.createThreadChannel(name),
                        new DiscordOutcome.Attempt("create threads", place, Permission.CREATE_PUBLIC_THREADS));
                continueInThread(thread, pieces);
            } catch (RuntimeException e) {
                undo(thread, message);
                throw e;
            }
            return new Posted(text.getId(), message.getId(), thread.getId(), message.getJumpUrl());
        }
        throw new PublishException("I can post questions only in a text or forum channel. "
                + "Run /ask there, or ask an admin to set discord.qa-channel-id.");
    }

    private void continueInThread(ThreadChannel thread, List<String> pieces) {
        for (String piece : pieces.subList(1, pieces.size())) {
            call(() -> thread.sendMessage(DiscordText.silent(piece)), new DiscordOutcome.Attempt("send messages in threads",
                    "the thread " + thread.getName(), Permission.MESSAGE_SEND_IN_THREADS));
        }
    }

    /** Waits for one call; a refusal becomes a {@link PublishException} with the reason for the asker. */
    private <T> T call(Supplier<? extends RestAction<T>> action, DiscordOutcome.Attempt attempt) {
        try {
            return calls.complete(action, attempt);
        } catch (DiscordCallException e) {
            if (e.isPermanent()) {
                throw new PublishException(e.reason(), e);
            }
            throw e;
        }
    }

    /** Takes back a half-made post (best effort; a failure here is only logged). */
    private static void undo(ThreadChannel thread, Message message) {
        if (thread != null) {
            thread.delete().queue(ok -> { }, failure ->
                    LOG.warn("Could not delete thread {} of a failed post: {}", thread.getId(), failure.toString()));
        }
        if (message != null) {
            message.delete().queue(ok -> { }, failure ->
                    LOG.warn("Could not delete message {} of a failed post: {}", message.getId(), failure.toString()));
        }
    }

    /**
     * The forum needs a tag on every post and the question has none of its tags: which tags it has, and how to ask
     * again with one of them.
     */
    static String tagsNeeded(ForumChannel forum, List<String> questionTags) {
        List<String> names = forum.getAvailableTags().stream().map(ForumTag::getName)
                .filter(tag -> !tag.equalsIgnoreCase(SOLVED_TAG)).toList();
        String place = "#" + forum.getName();
        if (names.isEmpty()) {
            return place + " needs a tag on every post but has no tag I can use. A server admin can add tags to it.";
        }
        String yours = questionTags.isEmpty() ? "Your question has no tag"
                : "Your question's tags (" + tagList(questionTags) + ") are not among them";
        return "This forum (" + place + ") needs one of its tags: " + String.join(", ", names) + ". " + yours
                + ". Ask again with one of them, for example /ask tags:" + names.get(0) + ".";
    }

    /** One message in the thread, pinging exactly the routed experts (sent through the outbox). */
    DiscordOp mention(String threadId, Event.QuestionAsked question) {
        List<MemberView> experts = question.mentioned();
        String content;
        if (experts.isEmpty()) {
            content = "Nobody follows " + tagList(question.tags()) + " yet. Anyone can answer here; "
                    + "use /expert add to be mentioned next time.";
        } else {
            RichText text = RichText.builder()
                    .mentions(experts, " ")
                    .text(" — a question in " + tagList(question.tags()) + ". Can you help? Reply in this thread.")
                    .build();
            content = DiscordText.render(text);
        }
        List<String> ids = experts.stream().map(MemberView::userId).toList();
        return DiscordOp.send(threadId, content, ids, question.actions());
    }

    /**
     * The accept notice in the thread, notifying exactly the answerer (they just earned the accept) unless they chose
     * silence. The notice of an answer accepted before is taken down by a {@link DiscordOp#DELETE} before it.
     */
    static DiscordOp acceptNotice(String threadId, Event.AnswerAccepted accepted) {
        RichText text = RichText.builder()
                .text(SOLVED_PREFIX + "A" + accepted.answerNumber() + " by ")
                .mention(accepted.author())
                .text(" was accepted by ")
                .mention(accepted.acceptedBy())
                .text(".")
                .build();
        List<String> notified = accepted.notifyAuthor() ? List.of(accepted.author().userId()) : List.of();
        return DiscordOp.send(threadId, DiscordText.render(text), notified, List.of())
                .forQuestion(accepted.questionNumber());
    }

    /** A notice key the bot can delete: a Discord message id. */
    static boolean isNoticeId(String noticeId) {
        return noticeId != null && !noticeId.isEmpty() && noticeId.chars().allMatch(Character::isDigit);
    }

    /** Renames the thread with ✅ and applies the forum's "Solved" tag when it has one. */
    void markSolved(ThreadChannel thread) {
        ThreadChannelManager manager = thread.getManager();
        boolean changed = false;
        if (!thread.getName().startsWith(SOLVED_PREFIX.strip())) {
            manager = manager.setName(threadName(SOLVED_PREFIX + thread.getName()));
            changed = true;
        }
        if (thread.getParentChannel() instanceof ForumChannel forum) {
            ForumTag solved = forum.getAvailableTags().stream()
                    .filter(tag -> tag.getName().equalsIgnoreCase(SOLVED_TAG)).findFirst().orElse(null);
            if (solved != null && !thread.getAppliedTags().contains(solved)) {
                List<ForumTag> applied = new ArrayList<>(thread.getAppliedTags());
                applied.add(solved);
                manager = manager.setAppliedTags(applied.size() > 5 ? applied.subList(applied.size() - 5, applied.size()) : applied);
                changed = true;
            }
        }
        if (changed) {
            calls.complete(manager, renaming(thread));
        }
    }

    /** Undoes {@link #markSolved}'s name and tag. */
    void markUnsolved(ThreadChannel thread) {
        relabel(thread, "");
    }

    /** The question of a thread that outlived it (its message was deleted): the name says so, "Solved" goes. */
    void markDeleted(ThreadChannel thread) {
        relabel(thread, DELETED_PREFIX);
    }

    private void relabel(ThreadChannel thread, String prefix) {
        ThreadChannelManager manager = thread.getManager();
        boolean changed = false;
        String name = thread.getName().startsWith(SOLVED_PREFIX)
                ? thread.getName().substring(SOLVED_PREFIX.length()) : thread.getName();
        if (!name.startsWith(prefix)) {
            name = threadName(prefix + name);
        }
        if (!name.equals(thread.getName())) {
            manager = manager.setName(name);
            changed = true;
        }
        List<ForumTag> kept = thread.getAppliedTags().stream()
                .filter(tag -> !tag.getName().equalsIgnoreCase(SOLVED_TAG)).toList();
        boolean tagRequired = thread.getParentChannel() instanceof ForumChannel forum && forum.isTagRequired();
        if (kept.size() != thread.getAppliedTags().size() && !(kept.isEmpty() && tagRequired)) {
            manager = manager.setAppliedTags(kept);
            changed = true;
        }
        if (changed) {
            calls.complete(manager, renaming(thread));
        } else {
            LOG.debug("Thread {} has no solved marks to remove", thread.getId());
        }
    }

    private static DiscordOutcome.Attempt renaming(ThreadChannel thread) {
        return new DiscordOutcome.Attempt("rename or tag threads", "the thread " + thread.getName(),
                Permission.MANAGE_THREADS);
    }

    static List<ForumTag> matchingTags(ForumChannel forum, List<String> questionTags) {
        Set<String> wanted = questionTags.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return forum.getAvailableTags().stream()
                .filter(tag -> !tag.getName().equalsIgnoreCase(SOLVED_TAG))
                .filter(tag -> wanted.contains(tag.getName().toLowerCase(Locale.ROOT)))
                .limit(5)
                .toList();
    }

    /** The header carries the tags, so they are on the first message whatever the question's length. */
    private static String questionBody(Event.QuestionAsked question) {
        RichText text = RichText.builder()
                .text("**Q" + question.number() + "** asked by ")
                .mention(question.asker())
                .text(question.tags().isEmpty() ? "" : " · Tags: " + tagList(question.tags()))
                .newline()
                .text(question.text())
                .build();
        return text.render(DiscordText.RENDERER);
    }

    private static String tagList(List<String> tags) {
        return tags.isEmpty() ? "no tag" : tags.stream().map(tag -> "#" + tag).collect(Collectors.joining(" "));
    }

    static String threadName(String name) {
        String oneLine = name.replaceAll("\\s+", " ").strip();
        return TextChunks.shorten(oneLine, MAX_THREAD_NAME);
    }
}
