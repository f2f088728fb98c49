package org.bandura.core.service;

import java.sql.SQLException;
import java.util.Optional;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.CommentRepository;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.reply.Event;

/**
 * Records answers, whether typed, replied in a thread or promoted from a comment, so answering, voting and accepting
 * share one way to create an answer without depending on each other.
 */
final class AnswerRecorder {

    private final Stores stores;
    private final ReputationService reputation;
    private final FollowUpJobs followUpJobs;

    AnswerRecorder(Stores stores, ReputationService reputation, FollowUpJobs followUpJobs) {
        this.stores = stores;
        this.reputation = reputation;
        this.followUpJobs = followUpJobs;
    }

    /** What a promoted comment became, and the event adapters show it with. */
    record Promotion(AnswerRow answer, Event.AnswerPosted posted) {
    }

    AnswerRow record(Context context, QuestionRow question, long authorId, String text, String messageKey)
            throws SQLException {
        long number = stores.workspaces().nextAnswerNumber(context.sql(), context.workspaceId());
        long id = stores.answers().insert(context.sql(), context.workspaceId(), number, question.id(), authorId, text,
                messageKey, context.now());
        followUpJobs.scheduleReminder(context.sql(), id, context.now());
        stores.questions().answerAdded(context.sql(), question.id(), context.now());
        stores.searchChanges().record(context.sql(), question.id(), context.now());
        stores.members().addAnswers(context.sql(), authorId, 1);
        reputation.awardBadges(context, authorId, question.id());
        return new AnswerRow(id, context.workspaceId(), number, question.id(), authorId, text, 0, messageKey);
    }

    Optional<CommentRepository.CommentRow> comment(Context context, String messageKey) throws SQLException {
        return stores.comments().byMessage(context.sql(), context.workspaceId(), messageKey);
    }

    /**
     * A comment becomes an answer once someone finds it worth an upvote or an accept: it gets the next A number and
     * leaves the comment table, and its author is credited as if they had answered now.
     */
    Promotion promote(Context context, CommentRepository.CommentRow comment) throws SQLException {
        stores.comments().delete(context.sql(), comment.id());
        QuestionRow question = stores.questions().byId(context.sql(), comment.questionId());
        AnswerRow answer = record(context, question, comment.authorId(), comment.body(), comment.messageKey());
        return new Promotion(answer, new Event.AnswerPosted(question.number(), answer.number(),
                stores.members().get(context.sql(), comment.authorId()).view(), question.links()));
    }
}
