package org.bandura.core.service;

import java.sql.SQLException;
import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.model.PostRef;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.VoteRepository;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;

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
        if (message.messageKey() != null
                && stores.answers().byMessage(context.sql(), context.workspaceId(), message.messageKey()).isPresent()) {
            return Reply.ignored();
        }
        return create(context, question.get(), text, message.messageKey());
    }

    private Reply create(Context context, QuestionRow question, String text, String messageKey) throws SQLException {
        Texts.requireWithinLimit(text, settings.maxTextLength(), "Your answer");
        long number = stores.workspaces().nextAnswerNumber(context.sql(), context.workspaceId());
        stores.answers().insert(context.sql(), context.workspaceId(), number, question.id(), context.member().id(),
                text, messageKey, context.now());
        stores.questions().answerAdded(context.sql(), question.id(), context.now());
        stores.searchChanges().record(context.sql(), question.id(), context.now());
        stores.members().addAnswers(context.sql(), context.member().id(), 1);
        reputation.awardBadges(context, context.member().id());
        return Reply.ok("A" + number + " posted to Q" + question.number() + ". Thanks for helping!",
                new Event.AnswerPosted(question.number(), number, context.member().view(), question.links()));
    }

    Reply edit(Context context, Command.EditMessage edit) throws SQLException {
        Optional<AnswerRow> answer = stores.answers().byMessage(context.sql(), context.workspaceId(), edit.messageKey());
        String text = edit.text() == null ? "" : edit.text().strip();
        if (answer.isEmpty() || text.isEmpty() || answer.get().authorId() != context.member().id()) {
            return Reply.ignored();
        }
        Texts.requireWithinLimit(text, settings.maxTextLength(), "Your answer");
        stores.answers().updateBody(context.sql(), answer.get().id(), text, context.now());
        stores.searchChanges().record(context.sql(), answer.get().questionId(), context.now());
        return Reply.ok("A" + answer.get().number() + " updated.");
    }

    /** A deleted answer message takes its answer with it, and every bit of reputation it earned or cost. */
    Reply delete(Context context, Command.DeleteMessage delete) throws SQLException {
        Optional<AnswerRow> found = stores.answers().byMessage(context.sql(), context.workspaceId(), delete.messageKey());
        if (found.isEmpty()) {
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
        stores.searchChanges().record(context.sql(), question.id(), context.now());
        return Reply.ok("A" + answer.number() + " removed from Q" + question.number() + ".");
    }
}
