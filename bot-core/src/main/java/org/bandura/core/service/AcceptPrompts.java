package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bandura.core.followup.ThankYouDetector;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.OutboxRepository;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.Sql;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Outgoing;

/**
 * Asks the asker privately whether an answer solved their question: after they write a thank-you in the thread,
 * or as the reminder for an upvoted answer. Once per answer, never for an accepted question, never when the asker
 * turned reminders off.
 */
final class AcceptPrompts {

    private final Stores stores;
    private final FollowUpRepository followUps;
    private final OutboxRepository outbox;
    private final ThankYouDetector thankYou;

    AcceptPrompts(Stores stores, FollowUpRepository followUps, OutboxRepository outbox, ThankYouDetector thankYou) {
        this.stores = stores;
        this.followUps = followUps;
        this.outbox = outbox;
        this.thankYou = thankYou;
    }

    /**
     * The asker wrote {@code text} in their question's thread: a thank-you proposes the answer it replied to, else
     * the latest answer by someone else.
     */
    void onAskerMessage(Context context, QuestionRow question, String text, String replyToMessageKey)
            throws SQLException {
        if (question.acceptedAnswerId() != null || !thankYou.isThankYou(text)) {
            return;
        }
        Optional<AnswerRow> repliedTo = replyToMessageKey == null ? Optional.empty()
                : stores.answers().byMessage(context.sql(), context.workspaceId(), replyToMessageKey)
                        .filter(answer -> answer.questionId() == question.id()
                                && answer.authorId() != question.askerId());
        Optional<AnswerRow> proposed = repliedTo.isPresent() ? repliedTo
                : stores.answers().ofQuestion(context.sql(), question.id()).stream()
                        .filter(answer -> answer.authorId() != question.askerId())
                        .max(Comparator.comparingLong(AnswerRow::number));
        if (proposed.isPresent()) {
            prompt(context.sql(), stores, followUps, outbox, question, proposed.get(), "THANKS", context.now());
        }
    }

    /** Writes the private prompt unless the answer is the asker's own, they opted out, or were asked already. */
    static void prompt(Sql sql, Stores stores, FollowUpRepository followUps, OutboxRepository outbox,
                       QuestionRow question, AnswerRow answer, String reason, Instant now) throws SQLException {
        if (answer.authorId() == question.askerId() || !followUps.wantsReminders(sql, question.askerId())
                || !followUps.recordAcceptPrompt(sql, answer.id(), reason, now)) {
            return;
        }
        MemberRow asker = stores.members().get(sql, question.askerId());
        MemberRow author = stores.members().get(sql, answer.authorId());
        outbox.add(sql, question.workspaceId(), question.id(), Outgoing.Audience.PRIVATE, asker.userId(),
                List.of(), "Did A" + answer.number() + " by " + author.displayName() + " solve Q" + question.number()
                        + "? If it did, accept it with /accept A" + answer.number() + " (it credits them +15).",
                Action.acceptChoices(answer.number()), now);
    }
}
