package org.bandura.core.service;

import java.sql.SQLException;
import org.bandura.core.command.Command;
import java.util.Optional;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.CommentRepository;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;
import org.bandura.core.reply.RichText;
import org.bandura.core.reputation.ReputationRules;

/** Accepting an answer: the asker (or a moderator) marks the one that solved the question. */
final class AcceptService {

    private final Stores stores;
    private final ReputationService reputation;
    private final AnswerRecorder answers;

    AcceptService(Stores stores, ReputationService reputation, AnswerRecorder answers) {
        this.stores = stores;
        this.reputation = reputation;
        this.answers = answers;
    }

    Reply accept(Context context, Command.Accept accept) throws SQLException {
        return accept(context, accept.answerNumber(), false);
    }

    Reply acceptMessage(Context context, Command.AcceptMessage accept) throws SQLException {
        Optional<AnswerRow> answer =
                stores.answers().byMessage(context.sql(), context.workspaceId(), accept.messageKey());
        if (answer.isEmpty()) {
            answer = promoteToAccept(context, accept.messageKey());
        }
        return accept(context, answer.orElseThrow(() -> new Refusal(
                "That message is not an answer to a question, so it can't be accepted.")).number(), false);
    }

    /** A comment the asker (or a moderator) accepts becomes an answer first; nobody else's accept promotes it. */
    Optional<AnswerRow> promoteToAccept(Context context, String messageKey) throws SQLException {
        Optional<CommentRepository.CommentRow> comment = answers.comment(context, messageKey);
        if (comment.isEmpty()
                || !mayDecide(context, stores.questions().byId(context.sql(), comment.get().questionId()))) {
            return Optional.empty();
        }
        return Optional.of(answers.promote(context, comment.get()).answer());
    }

    Reply unaccept(Context context, Command.Unaccept unaccept) throws SQLException {
        return unaccept(context, unaccept.answerNumber(), false);
    }

    /** A ✅ from someone who may not accept is ignored, not answered: reactions are not commands to them. */
    Reply acceptByReaction(Context context, long answerNumber) throws SQLException {
        return accept(context, answerNumber, true);
    }

    Reply unacceptByReaction(Context context, long answerNumber) throws SQLException {
        return unaccept(context, answerNumber, true);
    }

    private Reply accept(Context context, long answerNumber, boolean quietly) throws SQLException {
        AnswerRow answer = answer(context, answerNumber);
        QuestionRow question = stores.questions().byId(context.sql(), answer.questionId());
        if (!mayDecide(context, question)) {
            return refuse(quietly, "Only the person who asked Q" + question.number()
                    + " (or a moderator) can accept an answer to it.");
        }
        if (isAccepted(question, answer)) {
            return refuse(quietly, "A" + answerNumber + " is already the accepted answer to Q" + question.number()
                    + ".");
        }
        if (question.acceptedAnswerId() != null) {
            AnswerRow previous = stores.answers().byId(context.sql(), question.acceptedAnswerId()).orElseThrow();
            withdraw(context, question, previous, "answer unaccepted");
        }
        String previousNotice = takeNotice(context, question);
        stores.questions().setAccepted(context.sql(), question.id(), answer.id(), context.now());
        stores.searchChanges().record(context.sql(), question.id(), context.now());
        stores.members().addAccepted(context.sql(), answer.authorId(), 1);
        boolean ownAnswer = answer.authorId() == context.member().id();
        reputation.apply(context, ReputationRules.forAccept(ownAnswer),
                new ReputationService.Parties(answer.authorId(), context.member().id()), ReputationLedger.CAUSE_ACCEPT,
                answer.id(), question.id());
        reputation.awardBadges(context, answer.authorId(), question.id());
        if (question.askerId() != answer.authorId()) {
            reputation.badges().awardFamilies(context, question.askerId(), question.id(),
                    java.util.EnumSet.of(org.bandura.core.reputation.Badges.Family.CURIOUS));
        }

        MemberRow author = stores.members().get(context.sql(), answer.authorId());
        boolean notifyAuthor = !ownAnswer && stores.members().privacy(context.sql(), author.id()).announcements();
        RichText text = RichText.of("A" + answerNumber + " by " + author.displayName()
                + " is now the accepted answer to Q" + question.number() + ".");
        return Reply.ok(text, new Event.AnswerAccepted(question.number(), question.title(), answerNumber, author.view(),
                context.member().view(), question.links(), notifyAuthor, previousNotice)).toChannel();
    }

    private Reply unaccept(Context context, long answerNumber, boolean quietly) throws SQLException {
        AnswerRow answer = answer(context, answerNumber);
        QuestionRow question = stores.questions().byId(context.sql(), answer.questionId());
        if (!mayDecide(context, question)) {
            return refuse(quietly, "Only the person who asked Q" + question.number()
                    + " (or a moderator) can undo an accept.");
        }
        if (!isAccepted(question, answer)) {
            return refuse(quietly, "A" + answerNumber + " is not the accepted answer to Q" + question.number()
                    + ", so there is nothing to undo.");
        }
        withdraw(context, question, answer, "answer unaccepted");
        return Reply.ok(RichText.of("A" + answerNumber + " is no longer the accepted answer to Q" + question.number()
                + "."), unaccepted(context, question, answer)).toChannel();
    }

    /** The question has no accepted answer any more; the event names the bot's notice to take down. */
    Event.AnswerUnaccepted unaccepted(Context context, QuestionRow question, AnswerRow answer) throws SQLException {
        stores.questions().setAccepted(context.sql(), question.id(), null, context.now());
        stores.searchChanges().record(context.sql(), question.id(), context.now());
        return new Event.AnswerUnaccepted(question.number(), question.title(), answer.number(), question.links(),
                takeNotice(context, question));
    }

    Reply recordNotice(Context context, Command.RecordAcceptNotice notice) throws SQLException {
        QuestionRow question = stores.questions().byNumber(context.sql(), context.workspaceId(),
                notice.questionNumber()).orElseThrow(() -> new Refusal("There is no question Q"
                        + notice.questionNumber() + " here."));
        stores.questions().setAcceptNotice(context.sql(), question.id(), notice.messageKey());
        return Reply.ok("Notice of Q" + question.number() + " recorded.");
    }

    private String takeNotice(Context context, QuestionRow question) throws SQLException {
        String notice = stores.questions().acceptNotice(context.sql(), question.id());
        if (notice != null) {
            stores.questions().setAcceptNotice(context.sql(), question.id(), null);
        }
        return notice;
    }

    /** Typed commands are refused out loud; a reaction that can't act is simply ignored. */
    private static Reply refuse(boolean quietly, String message) {
        if (quietly) {
            return Reply.ignored();
        }
        throw new Refusal(message);
    }

    private static boolean isAccepted(QuestionRow question, AnswerRow answer) {
        return question.acceptedAnswerId() != null && question.acceptedAnswerId() == answer.id();
    }

    /** Takes back what accepting {@code answer} earned; the caller decides what the question points to next. */
    void withdraw(Context context, QuestionRow question, AnswerRow answer, String reason) throws SQLException {
        reputation.reverse(context, ReputationLedger.CAUSE_ACCEPT, answer.id(), question.id(), reason);
        stores.members().addAccepted(context.sql(), answer.authorId(), -1);
    }

    /**
     * "Not yet" on a private prompt: nothing is accepted and the asker is never asked about this answer again
     * (the prompt's record also keeps the reminder away when the command is typed before any prompt).
     */
    Reply notYet(Context context, Command.NotYet notYet, FollowUpRepository followUps) throws SQLException {
        AnswerRow answer = answer(context, notYet.answerNumber());
        QuestionRow question = stores.questions().byId(context.sql(), answer.questionId());
        if (!mayDecide(context, question)) {
            throw new Refusal("Only the person who asked Q" + question.number() + " can say whether A"
                    + answer.number() + " solved it.");
        }
        if (isAccepted(question, answer)) {
            return Reply.ok("A" + answer.number() + " is already the accepted answer to Q" + question.number()
                    + ". To take that back, run /unaccept A" + answer.number() + ".");
        }
        followUps.recordAcceptPrompt(context.sql(), answer.id(), "NOT_YET", context.now());
        return Reply.ok("Got it: Q" + question.number() + " stays open and I won't ask about A" + answer.number()
                + " again. When an answer solves it, accept it with /accept A<n>.");
    }

    private AnswerRow answer(Context context, long number) throws SQLException {
        return stores.answers().byNumber(context.sql(), context.workspaceId(), number)
                .orElseThrow(() -> new Refusal("There is no answer A" + number + " here. Check the number you typed."));
    }

    private static boolean mayDecide(Context context, QuestionRow question) {
        return question.askerId() == context.member().id() || context.isModerator();
    }
}
