package org.bandura.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Optional;
import org.bandura.core.Outbox;
import org.bandura.core.model.Platform;
import org.bandura.core.reply.Outgoing;

/**
 * Posts what the core's background jobs left in the outbox (escalation steps, accept prompts) into Slack: thread
 * messages into the question's thread, fallback posts into {@code slack.fallback-channel} (mentioning
 * {@code slack.fallback-usergroup} when set), moderator notes and private prompts as direct messages. Only the
 * users a message names are mentioned; everything else is escaped text.
 */
final class SlackJobPosts {

    /**
     * @param fallbackChannel   channel id for the second escalation step; null: the question's own channel
     * @param fallbackUsergroup user group id ({@code S…}) mentioned there; null for none
     * @param digestChannel     channel id of the weekly digest ({@code digest.channel}); null: not posted on Slack
     */
    record Places(String fallbackChannel, String fallbackUsergroup, String digestChannel) {
        Places(String fallbackChannel, String fallbackUsergroup) {
            this(fallbackChannel, fallbackUsergroup, null);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SlackJobPosts.class);

    private final Outbox outbox;
    private final SlackOutbox api;
    private final List<String> moderators;
    private final Places places;

    SlackJobPosts(Outbox outbox, SlackOutbox api, List<String> moderators, Places places) {
        this.outbox = outbox;
        this.api = api;
        this.moderators = List.copyOf(moderators);
        this.places = places;
    }

    /** @return how many messages were handed over */
    int deliverPending() {
        return outbox.deliver(Platform.SLACK, this::post);
    }

    private void post(Outgoing message) {
        String text = message.render(SlackText::escape, SlackText::mention);
        Optional<SlackKeys> thread = SlackKeys.parse(message.threadKey());
        switch (message.audience()) {
            case THREAD -> thread.ifPresent(keys -> api.post(keys.channel(), keys.ts(), text,
                    blocks(text, message)));
            case FALLBACK -> postInFallback(thread, text, message);
            case MODERATORS -> {
                if (moderators.isEmpty()) {
                    postInFallback(thread, text, message);
                }
                moderators.forEach(moderator -> api.post(moderator, null, text, blocks(text, message)));
            }
            // A direct message from the bot: only the asker sees it, buttons included.
            case PRIVATE -> api.post(message.recipientUserId(), null, text, blocks(text, message));
            case DIGEST -> {
                if (places.digestChannel() == null) {
                    LOG.info("Weekly digest for team {} not posted: set digest.channel to a channel id to post it.",
                            message.workspaceExternalId());
                } else {
                    api.post(places.digestChannel(), null, text, null);
                }
            }
        }
    }

    private void postInFallback(Optional<SlackKeys> thread, String text, Outgoing message) {
        String channel = places.fallbackChannel() != null ? places.fallbackChannel()
                : thread.map(SlackKeys::channel).orElse(null);
        if (channel != null) {
            String withGroup = places.fallbackUsergroup() == null ? text
                    : "<!subteam^" + places.fallbackUsergroup() + "> " + text;
            api.post(channel, null, withGroup, blocks(withGroup, message));
        }
    }

    /** The message's buttons under its text; null (text only) when it has none. */
    private static List<LayoutBlock> blocks(String text, Outgoing message) {
        return message.actions().isEmpty() ? null : SlackViews.withButtons(text, message.actions());
    }
}
