package org.bandura.discord;

import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Outgoing;

/**
 * Posts what the core's background jobs left in the outbox (escalation steps, accept prompts) into Discord: thread
 * messages into the question's thread, fallback posts and moderator notes into {@code discord.fallback-channel}
 * (the fallback post mentioning {@code discord.fallback-role} when set), private prompts as direct messages. Only
 * the users a message names are pinged, plus the fallback role on fallback posts; everything else is escaped text.
 * Buttons the core attached (I'm on it, Accept, Not yet) go under the message; in DMs their ids carry the guild.
 * Each post waits for Discord's answer (bounded, see {@link DiscordCalls}); a failure throws a
 * {@link DiscordCallException} that tells the outbox whether to try again.
 */
final class DiscordJobPosts {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiscordJobPosts.class);

    /**
     * @param fallbackChannel channel id for the second escalation step and moderator notes; null: the question's
     *                        own thread
     * @param fallbackRole    role id mentioned in the fallback post; null for none
     * @param digestChannel   channel id of the weekly digest ({@code digest.channel}); null: not posted on Discord
     */
    record Places(String fallbackChannel, String fallbackRole, String digestChannel) {
        Places(String fallbackChannel, String fallbackRole) {
            this(fallbackChannel, fallbackRole, null);
        }
    }

    private final ShardManager shards;
    private final Places places;
    private final DiscordCalls calls;

    DiscordJobPosts(ShardManager shards, Places places, DiscordCalls calls) {
        this.shards = shards;
        this.places = places;
        this.calls = calls;
    }

    /** Posts one job message. @throws DiscordCallException when Discord did not take it */
    void post(Outgoing message) {
        String text = message.render(DiscordText::escapeMarkdown, userId -> "<@" + userId + ">");
        // A press in a guild carries the guild; a press in a DM does not, so DM buttons carry it in their id.
        switch (message.audience()) {
            case THREAD -> postIn(message.threadKey(), withButtons(message,
                    DiscordText.pinging(text, message.mentionUserIds()), Action::id));
            case FALLBACK -> postIn(fallbackChannel(message), withButtons(message,
                    fallbackPost(text, message.mentionUserIds()), Action::id));
            case MODERATORS -> postIn(fallbackChannel(message), withButtons(message,
                    DiscordText.pinging(text, message.mentionUserIds()), Action::id));
            case PRIVATE -> directMessage(message.recipientUserId(), withButtons(message,
                    DiscordText.pinging(text, message.mentionUserIds()),
                    action -> action.idIn(message.workspaceExternalId())));
            case DIGEST -> digest(text, message);
        }
    }

    private static MessageCreateData withButtons(Outgoing message, MessageCreateData data,
                                                 Function<Action, String> buttonId) {
        return DiscordText.withButtons(data, message.actions(), buttonId);
    }

    /** The weekly digest pings exactly the helpers it thanks; without {@code digest.channel} it is dropped (one INFO line). */
    private void digest(String text, Outgoing message) {
        if (places.digestChannel() == null) {
            LOG.info("Weekly digest for server {} not posted: set digest.channel to a channel id to post it.",
                    message.workspaceExternalId());
            return;
        }
        postIn(places.digestChannel(), DiscordText.pinging(text, message.mentionUserIds()));
    }

    private MessageCreateData fallbackPost(String text, List<String> userIds) {
        if (places.fallbackRole() == null) {
            return DiscordText.pinging(text, userIds);
        }
        MessageCreateData users = DiscordText.pinging("<@&" + places.fallbackRole() + "> " + text, userIds);
        return MessageCreateBuilder.from(users).mentionRoles(List.of(places.fallbackRole())).build();
    }

    private String fallbackChannel(Outgoing message) {
        return places.fallbackChannel() != null ? places.fallbackChannel() : message.threadKey();
    }

    private void postIn(String channelId, MessageCreateData data) {
        if (channelId == null) {
            return;
        }
        sendIn(shards, calls, channelId, data);
    }

    /** Sends into a channel or thread of this process's shards. @throws DiscordCallException when it fails */
    static Message sendIn(ShardManager shards, DiscordCalls calls, String channelId, MessageCreateData data) {
        GuildMessageChannel channel = shards.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            throw new DiscordCallException(new DiscordOutcome.Retry("Discord channel " + channelId
                    + " is not visible to this process (another shard, or an archived thread)"));
        }
        return calls.complete(() -> channel.sendMessage(data), new DiscordOutcome.Attempt(
                channel instanceof ThreadChannel ? "send messages in threads" : "send messages",
                (channel instanceof ThreadChannel ? "the thread " : "#") + channel.getName(),
                channel instanceof ThreadChannel ? Permission.MESSAGE_SEND_IN_THREADS : Permission.MESSAGE_SEND));
    }

    /** A direct message to a user. @throws DiscordCallException when it fails (50007: they don't accept DMs) */
    void directMessage(String userId, MessageCreateData data) {
        directMessage(shards, calls, userId, data);
    }

    static Message directMessage(ShardManager shards, DiscordCalls calls, String userId, MessageCreateData data) {
        DiscordOutcome.Attempt attempt = new DiscordOutcome.Attempt("send direct messages", "a direct message",
                Permission.MESSAGE_SEND);
        User user = calls.complete(shards.retrieveUserById(userId), attempt);
        PrivateChannel channel = calls.complete(user.openPrivateChannel(), attempt);
        return calls.complete(() -> channel.sendMessage(data), attempt);
    }
}
