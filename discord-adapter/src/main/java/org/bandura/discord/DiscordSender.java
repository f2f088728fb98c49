package org.bandura.discord;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.bandura.core.Outbox;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.QuestionPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the outbox's Discord rows: the question's post ({@link Outbox#QUESTION}), telling the asker why it could
 * not be posted ({@link Outbox#QUESTION_FAILED}), the background jobs' messages ({@link Outbox#MESSAGE}) and the
 * adapter's own operations ({@link DiscordOp}). Each call waits for Discord (bounded by {@link DiscordCalls}) and
 * says how it went: a refusal is {@link Outbox.Outcome.Failed} with a reason for people, a 5xx, a network error or
 * a rate limit longer than the deadline is {@link Outbox.Outcome.Retry}. JDA keeps Discord's rate limits itself,
 * so the outbox needs no pace of its own for Discord.
 */
final class DiscordSender implements Outbox.Sender {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordSender.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Discord's answers for an interaction token that is no longer valid (15 minutes passed, or never acked). */
    private static final Set<ErrorResponse> EXPIRED = Set.of(ErrorResponse.UNKNOWN_WEBHOOK,
            ErrorResponse.INVALID_WEBHOOK_TOKEN, ErrorResponse.UNKNOWN_INTERACTION);

    /**
     * Where /ask came from, kept with the question's outbox row (it is the core's opaque {@code origin}).
     *
     * @param token the interaction token, to write the deferred reply (never logged)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Origin(String token) {
        String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Origin fromJson(String json) {
            if (json == null || json.isBlank()) {
                return new Origin(null);
            }
            try {
                return JSON.readValue(json, Origin.class);
            } catch (JsonProcessingException e) {
                return new Origin(null);
            }
        }
    }

    private final ShardManager shards;
    private final QuestionPublisher publisher;
    private final DiscordCalls calls;
    private volatile DiscordJobPosts jobPosts;

    DiscordSender(ShardManager shards, QuestionPublisher publisher, DiscordCalls calls) {
        this.shards = shards;
        this.publisher = publisher;
        this.calls = calls;
        this.jobPosts = new DiscordJobPosts(shards, new DiscordJobPosts.Places(null, null, null), calls);
    }

    /** Where job messages go (fallback channel and role, digest channel). */
    void places(DiscordJobPosts.Places places) {
        this.jobPosts = new DiscordJobPosts(shards, places, calls);
    }

    @Override
    public Outbox.Outcome send(Outbox.Item item) {
        try {
            return perform(item);
        } catch (DiscordCallException e) {
            return outcome(e.outcome());
        } catch (QuestionPublisher.PublishException e) {
            return new Outbox.Outcome.Failed(e.getMessage());
        } catch (net.dv8tion.jda.api.exceptions.PermissionException e) {
            // JDA refused from its cache, outside a call that knew what it was doing: say which permission.
            return outcome(DiscordOutcome.of(e, new DiscordOutcome.Attempt("do that", "that channel",
                    e.getPermission())));
        }
    }

    private Outbox.Outcome perform(Outbox.Item item) {
        switch (item.kind()) {
            case Outbox.MESSAGE -> {
                jobPosts.post(item.message());
                return Outbox.Outcome.delivered(null);
            }
            case Outbox.QUESTION -> {
                return question(item);
            }
            case Outbox.QUESTION_FAILED -> {
                return questionFailed(item);
            }
            default -> {
                return operation(item, DiscordOp.fromJson(item.payload()));
            }
        }
    }

    // ---- the question

    private Outbox.Outcome question(Outbox.Item item) {
        QuestionPost post = QuestionPost.fromJson(item.payload());
        Event.QuestionAsked asked = post.asked();
        Guild guild = shards.getGuildById(item.workspaceExternalId());
        if (guild == null) {
            return new Outbox.Outcome.Retry("server " + item.workspaceExternalId() + " is not on this process's shards");
        }
        GuildChannel channel = guild.getGuildChannelById(item.orderKey());
        if (channel == null) {
            return new Outbox.Outcome.Failed("The channel I was to post it in no longer exists. Run /ask in another"
                    + " channel, or ask an admin to check discord.qa-channel-id.");
        }
        QuestionPublisher.Posted posted = publisher.post(channel, asked);
        Origin origin = Origin.fromJson(post.origin());
        List<Outbox.FollowUp> then = new ArrayList<>();
        then.add(new Outbox.FollowUp(DiscordOp.SEND, posted.threadId(),
                publisher.mention(posted.threadId(), asked).toJson()));
        then.add(new Outbox.FollowUp(DiscordOp.REPLY, null, DiscordOp.reply(origin.token(),
                BanduraListener.askConfirmation(asked, posted), asked.asker().userId(), guild.getId())
                .orInThread(posted.threadId()).toJson()));
        LOG.info("Q{} posted in {} (thread {})", asked.number(), channel.getId(), posted.threadId());
        return new Outbox.Outcome.Delivered(posted.messageId(), posted.threadId(), then);
    }

    private Outbox.Outcome questionFailed(Outbox.Item item) {
        QuestionPost post = QuestionPost.fromJson(item.payload());
        Event.QuestionAsked asked = post.asked();
        String content = "I couldn't post your question **Q" + asked.number() + "**: " + post.reason()
                + "\nIt was not kept. Your text, to ask again:\n" + quote(asked.text());
        DiscordOp reply = DiscordOp.reply(Origin.fromJson(post.origin()).token(), content, asked.asker().userId(),
                item.workspaceExternalId());
        return reply(reply);
    }

    private static String quote(String text) {
        String shortened = text.length() > 1200 ? text.substring(0, 1199) + "…" : text;
        return "> " + shortened.replace("\n", "\n> ");
    }

    // ---- the adapter's operations

    private Outbox.Outcome operation(Outbox.Item item, DiscordOp op) {
        switch (item.kind()) {
            case DiscordOp.SEND -> {
                Message sent = DiscordJobPosts.sendIn(shards, calls, op.channelId(), message(op));
                return Outbox.Outcome.delivered(sent.getId());
            }
            case DiscordOp.ACCEPT_NOTICE -> {
                // The core records the notice's id with the question when it marks this row delivered.
                Message sent = DiscordJobPosts.sendIn(shards, calls, op.channelId(), message(op));
                return Outbox.Outcome.delivered(sent.getId());
            }
            case DiscordOp.DELETE -> {
                return delete(op);
            }
            case DiscordOp.SOLVED, DiscordOp.UNSOLVED, DiscordOp.DELETED_MARK -> {
                ThreadChannel thread = shards.getThreadChannelById(op.channelId());
                if (thread == null) {
                    LOG.info("Thread {} is not cached (archived or on another shard); leaving it as it is",
                            op.channelId());
                    return Outbox.Outcome.delivered(null);
                }
                if (item.kind().equals(DiscordOp.SOLVED)) {
                    publisher.markSolved(thread);
                } else if (item.kind().equals(DiscordOp.UNSOLVED)) {
                    publisher.markUnsolved(thread);
                } else {
                    publisher.markDeleted(thread);
                }
                return Outbox.Outcome.delivered(null);
            }
            case DiscordOp.REACT, DiscordOp.UNREACT -> {
                return react(item.kind().equals(DiscordOp.REACT), op);
            }
            case DiscordOp.EDIT -> {
                MessageChannel channel = channel(op.channelId(), op.userId());
                calls.complete(() -> channel.editMessageById(op.messageId(), DiscordText.withoutButtons(op.content())),
                        new DiscordOutcome.Attempt("edit my messages", "a direct message", Permission.MESSAGE_SEND));
                return Outbox.Outcome.delivered(op.messageId());
            }
            case DiscordOp.REPLY -> {
                return reply(op);
            }
            default -> {
                return new Outbox.Outcome.Failed("this Discord front door does not know the operation " + item.kind());
            }
        }
    }

    private static net.dv8tion.jda.api.utils.messages.MessageCreateData message(DiscordOp op) {
        return DiscordText.withButtons(DiscordText.pinging(op.content(), op.ping()), op.buttons(), Action::id);
    }

    private Outbox.Outcome delete(DiscordOp op) {
        MessageChannel channel = shards.getChannelById(MessageChannel.class, op.channelId());
        if (channel == null) {
            LOG.info("Channel {} is not cached (archived or on another shard); message {} left as it is",
                    op.channelId(), op.messageId());
            return Outbox.Outcome.delivered(null);
        }
        try {
            calls.complete(() -> channel.deleteMessageById(op.messageId()), new DiscordOutcome.Attempt("delete my messages",
                    "the thread", Permission.MESSAGE_MANAGE));
        } catch (DiscordCallException e) {
            if (gone(e)) {
                LOG.info("Message {} in {} was already gone", op.messageId(), op.channelId());
                return Outbox.Outcome.delivered(null);
            }
            throw e;
        }
        return Outbox.Outcome.delivered(null);
    }

    private Outbox.Outcome react(boolean add, DiscordOp op) {
        MessageChannel channel = shards.getChannelById(MessageChannel.class, op.channelId());
        if (channel == null) {
            return new Outbox.Outcome.Retry("channel " + op.channelId() + " is not visible to this process");
        }
        Emoji emoji = Emoji.fromFormatted(op.emoji());
        DiscordOutcome.Attempt attempt = new DiscordOutcome.Attempt(add ? "add reactions" : "remove reactions",
                "the thread", add ? Permission.MESSAGE_ADD_REACTION : Permission.MESSAGE_MANAGE);
        try {
            if (add) {
                calls.complete(() -> channel.addReactionById(op.messageId(), emoji), attempt);
            } else {
                if (!(channel instanceof net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel guild)) {
                    return Outbox.Outcome.delivered(null);
                }
                net.dv8tion.jda.api.entities.User user = calls.complete(shards.retrieveUserById(op.userId()), attempt);
                calls.complete(() -> guild.removeReactionById(op.messageId(), emoji, user), attempt);
            }
        } catch (DiscordCallException e) {
            if (gone(e)) {
                return Outbox.Outcome.delivered(null);
            }
            throw e;
        }
        return Outbox.Outcome.delivered(null);
    }

    private MessageChannel channel(String channelId, String userId) {
        MessageChannel channel = shards.getChannelById(MessageChannel.class, channelId);
        if (channel != null) {
            return channel;
        }
        if (userId != null) {
            return calls.complete(shards.retrieveUserById(userId).flatMap(user -> user.openPrivateChannel()),
                    new DiscordOutcome.Attempt("send direct messages", "a direct message", Permission.MESSAGE_SEND));
        }
        throw new DiscordCallException(new DiscordOutcome.Retry("channel " + channelId
                + " is not visible to this process"));
    }

    /**
     * Writes the deferred reply of an interaction through its token (any process can: the token is all it takes).
     * After 15 minutes Discord no longer accepts the token; the user then gets the text by direct message.
     */
    private Outbox.Outcome reply(DiscordOp op) {
        if (op.token() != null) {
            try {
                calls.complete(InteractionHook.from(anyShard(op.guildId()), op.token())
                                .editOriginal(DiscordText.silentEdit(op.content())),
                        new DiscordOutcome.Attempt("answer the command", "its reply", Permission.MESSAGE_SEND));
                return Outbox.Outcome.delivered(null);
            } catch (DiscordCallException e) {
                if (!expired(e)) {
                    throw e;
                }
                LOG.info("The interaction's reply window closed; telling user {} by direct message", op.userId());
            }
        }
        if (op.userId() == null) {
            return new Outbox.Outcome.Failed("nobody to tell: the interaction expired and no user is known");
        }
        try {
            Message sent = DiscordJobPosts.directMessage(shards, calls, op.userId(), DiscordText.silent(op.content()));
            return Outbox.Outcome.delivered(sent.getId());
        } catch (DiscordCallException e) {
            if (op.channelId() == null || !e.isPermanent()) {
                throw e;
            }
            // Their DMs are closed: tell them in the question's thread, pinging exactly them.
            LOG.info("User {} takes no direct messages; telling them in thread {}", op.userId(), op.channelId());
            Message sent = DiscordJobPosts.sendIn(shards, calls, op.channelId(),
                    DiscordText.pinging("<@" + op.userId() + "> " + op.content(), List.of(op.userId())));
            return Outbox.Outcome.delivered(sent.getId());
        }
    }

    private JDA anyShard(String guildId) {
        Guild guild = guildId == null ? null : shards.getGuildById(guildId);
        return guild != null ? guild.getJDA() : shards.getShards().get(0);
    }

    private static boolean expired(DiscordCallException e) {
        return e.outcome() instanceof DiscordOutcome.Failed failed && failed.code() != null
                && EXPIRED.contains(failed.code());
    }

    private static boolean gone(DiscordCallException e) {
        return e.outcome() instanceof DiscordOutcome.Failed failed && (failed.code() == ErrorResponse.UNKNOWN_MESSAGE
                || failed.code() == ErrorResponse.UNKNOWN_CHANNEL);
    }

    static Outbox.Outcome outcome(DiscordOutcome outcome) {
        if (outcome instanceof DiscordOutcome.Done done) {
            return Outbox.Outcome.delivered(done.key());
        }
        if (outcome instanceof DiscordOutcome.RetryAfter after) {
            return new Outbox.Outcome.RetryAfter(after.delay(), after.reason());
        }
        if (outcome instanceof DiscordOutcome.Retry retry) {
            return new Outbox.Outcome.Retry(retry.reason());
        }
        return new Outbox.Outcome.Failed(((DiscordOutcome.Failed) outcome).reason());
    }
}
