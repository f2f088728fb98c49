package org.bandura.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Optional;
import org.bandura.core.Outbox.Outcome;
import org.bandura.core.reply.Outgoing;

/**
 * Posts what the core's background jobs left in the outbox (escalation steps, accept prompts) into Slack: thread
 * messages into the question's thread, fallback posts into {@code slack.fallback-channel} (mentioning
 * {@code slack.fallback-usergroup} when set), moderator notes and private prompts as direct messages. Only the
 * users a message names are mentioned; everything else is escaped text. These are the outbox's {@code MESSAGE} rows,
 * handed over by {@link SlackOutbox#send}: a failed post is retried or reported like every other post.
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

    private final SlackOutbox api;
    private final List<String> moderators;
    private final Places places;

    SlackJobPosts(SlackOutbox api, List<String> moderators, Places places) {
        this.api = api;
        this.moderators = List.copyOf(moderators);
        this.places = places;
    }

    /** Posts one job message; the outcome of its (last failing) call decides whether the outbox retries it. */
    Outcome post(Outgoing message) {
        String text = message.render(SlackText::escape, SlackText::mention);
        Optional<SlackKeys> thread = SlackKeys.parse(message.threadKey());
        return switch (message.audience()) {
            case THREAD -> thread.map(keys -> api.postNow(keys.channel(), keys.ts(), text, blocks(text, message)))
                    .orElse(new Outcome.Failed("the question has no Slack thread"));
            case FALLBACK -> postInFallback(thread, text, message);
            case MODERATORS -> {
                if (moderators.isEmpty()) {
                    yield postInFallback(thread, text, message);
                }
                Outcome worst = new Outcome.Delivered(null, null, List.of());
                for (String moderator : moderators) {
                    Outcome outcome = api.postNow(moderator, null, text, blocks(text, message));
                    if (!(outcome instanceof Outcome.Delivered)) {
                        worst = outcome;
                    }
                }
                yield worst;
            }
            // A direct message from the bot: only the asker sees it, buttons included.
            case PRIVATE -> api.postNow(message.recipientUserId(), null, text, blocks(text, message));
            case DIGEST -> {
                if (places.digestChannel() == null) {
                    LOG.info("Weekly digest for team {} not posted: set digest.channel to a channel id to post it.",
                            message.workspaceExternalId());
                    yield new Outcome.Delivered(null, null, List.of());
                }
                yield api.postNow(places.digestChannel(), null, text, null);
            }
        };
    }

    private Outcome postInFallback(Optional<SlackKeys> thread, String text, Outgoing message) {
        String channel = places.fallbackChannel() != null ? places.fallbackChannel()
                : thread.map(SlackKeys::channel).orElse(null);
        if (channel == null) {
            return new Outcome.Failed("no fallback channel (slack.fallback-channel) and no question channel");
        }
        String withGroup = places.fallbackUsergroup() == null ? text
                : "<!subteam^" + places.fallbackUsergroup() + "> " + text;
        return api.postNow(channel, null, withGroup, blocks(withGroup, message));
    }

    /** The message's buttons under its text; null (text only) when it has none. */
    private static List<LayoutBlock> blocks(String text, Outgoing message) {
        return message.actions().isEmpty() ? null : SlackViews.withButtons(text, message.actions());
    }
}
