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
import org.bandura.core.text.Titles;
import org.bandura.core.text.VisibleText;

/** Answers: typed with /answer, or chat messages in a question's thread, edited and deleted with them. */
final class AnswerService {

    private final Stores stores;
    private final CoreSettings settings;
    private final ReputationService reputation;
    private final AnswerRecorder recorder;
    private final AcceptPrompts acceptPrompts;
    private final AcceptService accepts;

    AnswerService(Stores stores, CoreSettings settings, ReputationService reputation, AcceptService accepts,
                  AnswerRecorder recorder, AcceptPrompts acceptPrompts) {
        this.recorder = recorder;
        this.acceptPrompts = acceptPrompts;
        this.stores = stores;
        this.settings = settings;
        this.reputation = reputation;
        this.accepts = accepts;
    }

    Reply answer(Context context, Command.Answer answer) throws SQLException {
        QuestionRow question = stores.questions().byNumber(context.sql(), context.workspaceId(), answer.questionNumber())
                .orElseThrow(() -> new Refusal("There is no question Q" + answer.questionNumber()
                        + " here. /unanswered lists the open ones."));
        String text = answer.text() == null ? "" : answer.text().strip();
        if (VisibleText.isBlank(text)) {
            throw new Refusal("Your answer is empty. Write it after the id, for example: /answer Q"
                    + question.number() + " Restart the pool.");
        }
        return create(context, question, text, answer.messageKey());
    }

    Reply threadMessage(Context context, Command.ThreadMessage message) throws SQLException {
        Optional<QuestionRow> question = stores.questions().byThread(context.sql(), context.workspaceId(),
                message.threadKey());
        String text = message.text() == null ? "" : message.text().strip();
        if (question.isPresent() && question.get().askerId() == context.member().id()) {
            acceptPrompts.onAskerMessage(context, question.get(), text, message.replyToMessageKey());
            return Reply.ignored(); // the asker's own follow-up; a thank-you only prompts them privately
        }
        if (question.isEmpty() || VisibleText.isBlank(text)) {
            return Reply.ignored(); // not a question thread, or nothing to keep
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
        AnswerRow answer = recorder.record(context, question, context.member().id(), text, messageKey);
        return Reply.ok("A" + answer.number() + " posted to Q" + question.number() + ". Thanks for helping!",
                new Event.AnswerPosted(question.number(), answer.number(), context.member().view(), question.links()));
    }

    Reply edit(Context context, Command.EditMessage edit) throws SQLException {
        Optional<AnswerRow> answer = stores.answers().byMessage(context.sql(), context.workspaceId(), edit.messageKey());
        String text = edit.text() == null ? "" : edit.text().strip();
        Optional<CommentRepository.CommentRow> comment = answer.isPresent() ? Optional.empty()
                : stores.comments().byMessage(context.sql(), context.workspaceId(), edit.messageKey());
        if (comment.isPresent() && !VisibleText.isBlank(text) && comment.get().authorId() == context.member().id()) {
            Texts.requireWithinLimit(text, settings.maxTextLength(), "Your reply");
            stores.comments().updateBody(context.sql(), comment.get().id(), text, context.now());
            return Reply.ignored();
        }
        if (answer.isEmpty() && comment.isEmpty() && !VisibleText.isBlank(text)) {
            Optional<QuestionRow> question = stores.questions().byMessage(context.sql(), context.workspaceId(),
                    edit.messageKey());
            if (question.isPresent() && question.get().askerId() == context.member().id()) {
                return editQuestion(context, question.get(), text);
            }
        }
        if (answer.isEmpty() || VisibleText.isBlank(text) || answer.get().authorId() != context.member().id()) {
            return Reply.ignored();
        }
        Texts.requireWithinLimit(text, settings.maxTextLength(), "Your answer");
        stores.answers().updateBody(context.sql(), answer.get().id(), text, context.now());
        stores.searchChanges().record(context.sql(), answer.get().questionId(), context.now());
        return Reply.ok("A" + answer.get().number() + " updated.");
    }

    /**
     * The asker edited their question's message: the question follows (text, title, search), and the escalation
     * ladder's pending step waits from the edit again, since the people already pinged saw the old text.
     */
    private Reply editQuestion(Context context, QuestionRow question, String text) throws SQLException {
        Texts.requireWithinLimit(text, settings.maxTextLength(), "Your question");
        if (text.equals(question.body())) {
            return Reply.ignored();
        }
        stores.questions().updateText(context.sql(), question.id(), Titles.of(text), text, context.now());
        stores.searchChanges().record(context.sql(), question.id(), context.now());
        return Reply.ok("Q" + question.number() + " updated.");
    }

    /**
     * A deleted answer message takes its answer with it, and every bit of reputation it earned or cost; a deleted
     * question message takes the question (see {@link #deleteQuestion}).
     */
    Reply delete(Context context, Command.DeleteMessage delete) throws SQLException {
        Optional<AnswerRow> found = stores.answers().byMessage(context.sql(), context.workspaceId(), delete.messageKey());
        if (found.isEmpty()) {
            Optional<CommentRepository.CommentRow> comment =
                    stores.comments().byMessage(context.sql(), context.workspaceId(), delete.messageKey());
            if (comment.isPresent()) {
                stores.comments().delete(context.sql(), comment.get().id());
                return Reply.ignored();
            }
            Optional<QuestionRow> question = stores.questions().byMessage(context.sql(), context.workspaceId(),
                    delete.messageKey());
            return question.isPresent() ? deleteQuestion(context, question.get()) : Reply.ignored();
        }
        AnswerRow answer = found.get();
        QuestionRow question = stores.questions().byId(context.sql(), answer.questionId());
        if (stores.questions().isDeleted(context.sql(), question.id())) {
            return Reply.ignored(); // its reputation went with the question
        }
        reverseVotes(context, PostRef.Kind.ANSWER, answer.id(), question.id(), "answer deleted");
        Event.AnswerUnaccepted unaccepted = null;
        if (isAccepted(question, answer)) {
            accepts.withdraw(context, question, answer, "answer deleted");
            unaccepted = accepts.unaccepted(context, question, answer);
        }
        stores.questions().answerRemoved(context.sql(), question.id());
        stores.members().addAnswers(context.sql(), answer.authorId(), -1);
        stores.answers().delete(context.sql(), answer.id());
        stores.searchChanges().record(context.sql(), question.id(), context.now());
        String text = "A" + answer.number() + " removed from Q" + question.number() + ".";
        return unaccepted == null ? Reply.ok(text) : Reply.ok(text, unaccepted);
    }

    Reply deleteThread(Context context, Command.DeleteThread delete) throws SQLException {
        Optional<QuestionRow> question = stores.questions().byThread(context.sql(), context.workspaceId(),
                delete.threadKey());
        return question.isPresent() ? deleteQuestion(context, question.get()) : Reply.ignored();
    }

    /**
     * A deleted question is hidden everywhere and everything it and its answers earned or cost is reversed: votes,
     * the accept, the answer counts. Rows stay, so the ledger still explains every point.
     */
    private Reply deleteQuestion(Context context, QuestionRow question) throws SQLException {
        reverseVotes(context, PostRef.Kind.QUESTION, question.id(), question.id(), "question deleted");
        for (AnswerRow answer : stores.answers().ofQuestion(context.sql(), question.id())) {
            reverseVotes(context, PostRef.Kind.ANSWER, answer.id(), question.id(), "question deleted");
            if (isAccepted(question, answer)) {
                accepts.withdraw(context, question, answer, "question deleted");
            }
            stores.members().addAnswers(context.sql(), answer.authorId(), -1);
        }
        String notice = stores.questions().acceptNotice(context.sql(), question.id());
        stores.questions().markDeleted(context.sql(), question.id(), context.now());
        stores.searchChanges().record(context.sql(), question.id(), context.now());
        return Reply.ok("Q" + question.number() + " was deleted; it is hidden and its reputation reversed.",
                new Event.QuestionDeleted(question.number(), question.links(), notice));
    }

    private void reverseVotes(Context context, PostRef.Kind kind, long postId, long questionId, String reason)
            throws SQLException {
        for (VoteRepository.VoteRow vote : stores.votes().onPost(context.sql(), kind, postId)) {
            reputation.reverse(context, ReputationLedger.CAUSE_VOTE, vote.id(), questionId, reason);
            stores.votes().delete(context.sql(), vote.id());
        }
    }

    private static boolean isAccepted(QuestionRow question, AnswerRow answer) {
        return question.acceptedAnswerId() != null && question.acceptedAnswerId() == answer.id();
    }
}
