package org.bandura.core.service;

import java.sql.SQLException;
import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.model.PostRef;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.CommentRepository;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.VoteRepository;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;
import org.bandura.core.text.ReplyShape;

/** Answers: typed with /answer, or chat messages in a question's thread, edited and deleted with them. */
final class AnswerService {

    private final Stores stores;
    private final CoreSettings settings;
    private final ReputationService reputation;

    AnswerService(Stores stores, CoreSettings settings, ReputationService reputation) {
        this.stores = stores;
        this.settings = settings;
        this.reputation = reputation;
    }

    Reply answer(Context context, Command.Answer answer) throws SQLException {
        QuestionRow question = stores.questions().byNumber(context.sql(), context.workspaceId(), answer.questionNumber())
                .orElseThrow(() -> new Refusal("There is no question Q" + answer.questionNumber()
                        + " here. /unanswered lists the open ones."));
        String text = answer.text() == null ? "" : answer.text().strip();
        if (text.isEmpty()) {
            throw new Refusal("Your answer is empty. Write it after the id, for example: /answer Q"
                    + question.number() + " Restart the pool.");
        }
        return create(context, question, text, answer.messageKey());
    }

    Reply threadMessage(Context context, Command.ThreadMessage message) throws SQLException {
        Optional<QuestionRow> question = stores.questions().byThread(context.sql(), context.workspaceId(),
                message.threadKey());
        String text = message.text() == null ? "" : message.text().strip();
        if (question.isEmpty() || text.isEmpty() || question.get().askerId() == context.member().id()) {
            return Reply.ignored(); // not a question thread, nothing to keep, or the asker's own follow-up
        }
        if (message.messageKey() != null && isRecorded(context, message.messageKey())) {
            return Reply.ignored();
        }
        if (message.messageKey() != null && !ReplyShape.isAnswer(text, settings.community().answerMinChars())) {
            Texts.requireWithinLimit(text, settings.maxTextLength(), "Your reply");
            stores.comments().insert(context.sql(), context.workspaceId(), question.get().id(), context.member().id(),
                    text, message.messageKey(), context.now());
            return Reply.ignored(); // a comment: part of the conversation, nothing to announce
        }
        return create(context, question.get(), text, message.messageKey());
    }

    private boolean isRecorded(Context context, String messageKey) throws SQLException {
        return stores.answers().byMessage(context.sql(), context.workspaceId(), messageKey).isPresent()
                || stores.comments().byMessage(context.sql(), context.workspaceId(), messageKey).isPresent();
    }

    private Reply create(Context context, QuestionRow question, String text, String messageKey) throws SQLException {
        Texts.requireWithinLimit(text, settings.maxTextLength(), "Your answer");
        AnswerRow answer = record(context, question, context.member().id(), text, messageKey);
        return Reply.ok("A" + answer.number() + " posted to Q" + question.number() + ". Thanks for helping!",
                new Event.AnswerPosted(question.number(), answer.number(), context.member().view(), question.links()));
    }

    private AnswerRow record(Context context, QuestionRow question, long authorId, String text, String messageKey)
            throws SQLException {
        long number = stores.workspaces().nextAnswerNumber(context.sql(), context.workspaceId());
        long id = stores.answers().insert(context.sql(), context.workspaceId(), number, question.id(), authorId, text,
                messageKey, context.now());
        stores.questions().answerAdded(context.sql(), question.id(), context.now());
        stores.members().addAnswers(context.sql(), authorId, 1);
        reputation.awardBadges(context, authorId);
        return new AnswerRow(id, context.workspaceId(), number, question.id(), authorId, text, 0, messageKey);
    }

    /** What a promoted comment became, and the event adapters show it with. */
    record Promotion(AnswerRow answer, Event.AnswerPosted posted) {
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

    /** Edits follow the message; an edited comment stays a comment until someone upvotes or accepts it. */
    Reply edit(Context context, Command.EditMessage edit) throws SQLException {
        Optional<AnswerRow> answer = stores.answers().byMessage(context.sql(), context.workspaceId(), edit.messageKey());
        String text = edit.text() == null ? "" : edit.text().strip();
        Optional<CommentRepository.CommentRow> comment = answer.isPresent() ? Optional.empty()
                : stores.comments().byMessage(context.sql(), context.workspaceId(), edit.messageKey());
        if (comment.isPresent() && !text.isEmpty() && comment.get().authorId() == context.member().id()) {
            Texts.requireWithinLimit(text, settings.maxTextLength(), "Your reply");
            stores.comments().updateBody(context.sql(), comment.get().id(), text, context.now());
            return Reply.ignored();
        }
        if (answer.isEmpty() || text.isEmpty() || answer.get().authorId() != context.member().id()) {
            return Reply.ignored();
        }
        Texts.requireWithinLimit(text, settings.maxTextLength(), "Your answer");
        stores.answers().updateBody(context.sql(), answer.get().id(), text, context.now());
        return Reply.ok("A" + answer.get().number() + " updated.");
    }

    /** A deleted answer message takes its answer with it, and every bit of reputation it earned or cost. */
    Reply delete(Context context, Command.DeleteMessage delete) throws SQLException {
        Optional<AnswerRow> found = stores.answers().byMessage(context.sql(), context.workspaceId(), delete.messageKey());
        if (found.isEmpty()) {
            Optional<CommentRepository.CommentRow> comment =
                    stores.comments().byMessage(context.sql(), context.workspaceId(), delete.messageKey());
            if (comment.isPresent()) {
                stores.comments().delete(context.sql(), comment.get().id());
            }
            return Reply.ignored();
        }
        AnswerRow answer = found.get();
        QuestionRow question = stores.questions().byId(context.sql(), answer.questionId());
        for (VoteRepository.VoteRow vote : stores.votes().onPost(context.sql(), PostRef.Kind.ANSWER, answer.id())) {
            reputation.reverse(context, ReputationLedger.CAUSE_VOTE, vote.id(), question.id(), "answer deleted");
            stores.votes().delete(context.sql(), vote.id());
        }
        if (question.acceptedAnswerId() != null && question.acceptedAnswerId() == answer.id()) {
            reputation.reverse(context, ReputationLedger.CAUSE_ACCEPT, answer.id(), question.id(), "answer deleted");
            stores.questions().setAccepted(context.sql(), question.id(), null, context.now());
            stores.members().addAccepted(context.sql(), answer.authorId(), -1);
        }
        stores.questions().answerRemoved(context.sql(), question.id());
        stores.members().addAnswers(context.sql(), answer.authorId(), -1);
        stores.answers().delete(context.sql(), answer.id());
        return Reply.ok("A" + answer.number() + " removed from Q" + question.number() + ".");
    }
}
