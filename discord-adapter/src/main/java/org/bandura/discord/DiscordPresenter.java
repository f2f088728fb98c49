package org.bandura.discord;

import net.dv8tion.jda.api.entities.Guild;
import org.bandura.core.BanduraCore;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;

/**
 * Shows on Discord what the core decided, through the outbox: every operation is a row, performed by
 * {@link DiscordSender} in order per thread and retried until Discord takes it (or refuses it for good). Used by the
 * live listener, the buttons and catch-up after downtime alike.
 */
final class DiscordPresenter {

    private final BanduraCore core;
    private final DiscordSettings settings;
    private final Runnable deliverSoon;

    DiscordPresenter(BanduraCore core, DiscordSettings settings, Runnable deliverSoon) {
        this.core = core;
        this.settings = settings;
        this.deliverSoon = deliverSoon;
    }

    /**
     * Shows what a state change means in its thread, in order: an accept's notice (replacing the previous one) and
     * ✅/Solved; an unaccept takes them back; a deleted question's thread says so.
     */
    void present(Guild guild, Reply reply) {
        if (!reply.isOk() || guild == null) {
            return;
        }
        reply.event(Event.AnswerAccepted.class).ifPresent(accepted -> {
            String thread = accepted.links().threadKey();
            if (isSnowflake(thread)) {
                removeNotice(guild, thread, accepted.previousNoticeKey());
                enqueue(guild, thread, DiscordOp.ACCEPT_NOTICE, QuestionPublisher.acceptNotice(thread, accepted),
                        accepted.questionNumber());
                enqueue(guild, thread, DiscordOp.SOLVED, DiscordOp.onThread(thread), accepted.questionNumber());
            }
        });
        reply.event(Event.AnswerUnaccepted.class).ifPresent(unaccepted -> {
            String thread = unaccepted.links().threadKey();
            if (isSnowflake(thread)) {
                removeNotice(guild, thread, unaccepted.noticeKey());
                enqueue(guild, thread, DiscordOp.UNSOLVED, DiscordOp.onThread(thread), unaccepted.questionNumber());
            }
        });
        reply.event(Event.QuestionDeleted.class).ifPresent(deleted -> {
            String thread = deleted.links().threadKey();
            if (isSnowflake(thread)) {
                removeNotice(guild, thread, deleted.noticeKey());
                enqueue(guild, thread, DiscordOp.DELETED_MARK, DiscordOp.onThread(thread), deleted.questionNumber());
            }
        });
    }

    /** A reply recorded as an answer (or promoted to one) gets the answer reaction. */
    void markAnswer(Guild guild, String channelId, String messageId, Reply reply) {
        if (messageId != null && reply.isOk() && reply.event(Event.AnswerPosted.class).isPresent()) {
            enqueue(guild, channelId, DiscordOp.REACT, DiscordOp.onMessage(channelId, messageId)
                    .withEmoji(settings.answerReaction(), null), null);
        }
    }

    private void removeNotice(Guild guild, String thread, String noticeId) {
        if (QuestionPublisher.isNoticeId(noticeId)) {
            enqueue(guild, thread, DiscordOp.DELETE, DiscordOp.onMessage(thread, noticeId), null);
        }
    }

    /** Leaves one operation in the outbox, in order with the others of {@code orderKey}, and has it delivered. */
    void enqueue(Guild guild, String orderKey, String kind, DiscordOp op, Long questionNumber) {
        core.enqueue(Actors.workspace(guild), orderKey, kind, op.toJson(), questionNumber);
        deliverSoon.run();
    }

    private static boolean isSnowflake(String id) {
        return id != null && !id.isEmpty() && id.length() <= 20 && id.chars().allMatch(Character::isDigit);
    }
}
