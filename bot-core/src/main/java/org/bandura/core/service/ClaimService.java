package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.followup.EscalationSchedule;
import org.bandura.core.followup.FollowUpSettings;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.reply.Reply;
import org.bandura.core.reply.RichText;

/** {@code /claim}, {@code /unclaim} and {@code /why}: who is on a question and how it was routed. */
final class ClaimService {

    private final Stores stores;
    private final FollowUpRepository followUps;
    private final FollowUpSettings settings;

    ClaimService(Stores stores, FollowUpRepository followUps, FollowUpSettings settings) {
        this.stores = stores;
        this.followUps = followUps;
        this.settings = settings;
    }

    Reply claim(Context context, Command.Claim claim) throws SQLException {
        QuestionRow question = question(context, claim.questionNumber());
        if (question.askerId() == context.member().id()) {
            throw new Refusal("Q" + question.number() + " is your own question, so there is nothing to claim.");
        }
        if (question.answerCount() > 0) {
            throw new Refusal("Q" + question.number() + " already has an answer; add yours in its thread or with "
                    + "/answer Q" + question.number() + ".");
        }
        Optional<FollowUpRepository.Claim> current = followUps.activeClaim(context.sql(), question.id(), context.now());
        if (current.isPresent() && current.get().memberId() != context.member().id()) {
            throw new Refusal(current.get().displayName() + " is already on Q" + question.number() + " until "
                    + FollowUpRouter.UTC_TIME.format(current.get().claimedUntil()) + ".");
        }
        Instant until = context.now().plus(settings.timing().claimHold());
        followUps.claim(context.sql(), question.id(), context.member().id(), context.now(), until);
        return Reply.ok(context.member().displayName() + " is on Q" + question.number() + ": reminders to other "
                + "experts wait until " + FollowUpRouter.UTC_TIME.format(until) + ". /unclaim Q" + question.number()
                + " releases it.").toChannel();
    }

    Reply unclaim(Context context, Command.Unclaim unclaim) throws SQLException {
        QuestionRow question = question(context, unclaim.questionNumber());
        Optional<FollowUpRepository.Claim> current = followUps.activeClaim(context.sql(), question.id(), context.now());
        if (current.isEmpty()) {
            throw new Refusal("Nobody has claimed Q" + question.number() + ".");
        }
        if (current.get().memberId() != context.member().id() && !context.isModerator()) {
            throw new Refusal(current.get().displayName() + " claimed Q" + question.number()
                    + "; only they or a moderator can release it.");
        }
        followUps.release(context.sql(), question.id());
        return Reply.ok("Q" + question.number() + " is open again; reminders to experts resume.").toChannel();
    }

    Reply why(Context context, Command.Why why) throws SQLException {
        QuestionRow question = question(context, why.questionNumber());
        if (question.askerId() != context.member().id() && !context.isModerator()) {
            throw new Refusal("Only the asker of Q" + question.number() + " and moderators can see how it was routed.");
        }
        List<FollowUpRepository.Decision> decisions = followUps.decisions(context.sql(), question.id());
        RichText.Builder text = RichText.builder().line("Routing of Q" + question.number() + ": " + question.title());
        if (decisions.isEmpty()) {
            text.line("No routing decisions: no expert follows its tags.");
        }
        for (FollowUpRepository.Decision decision : decisions) {
            text.line("  " + FollowUpRouter.UTC_TIME.format(decision.decidedAt()) + " [" + decision.stage() + "] "
                    + (decision.memberName() == null ? "" : decision.memberName() + ": ")
                    + decision.outcome().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + decision.reason()
                    + ")");
        }
        for (String step : followUps.stepSummaries(context.sql(), question.id())) {
            text.line("  Escalation: " + step);
        }
        followUps.activeClaim(context.sql(), question.id(), context.now()).ifPresent(claim -> text.line(
                "  Claimed by " + claim.displayName() + " until " + FollowUpRouter.UTC_TIME.format(claim.claimedUntil())));
        if (question.answerCount() == 0
                && EscalationSchedule.isStale(question.createdAt(), settings.timing(), context.now())) {
            text.line("  Stale: unanswered for " + FollowUpJobs.human(settings.timing().giveUp())
                    + ", so nobody is pinged any more.");
        }
        return Reply.ok(text.build());
    }

    private QuestionRow question(Context context, long number) throws SQLException {
        Optional<QuestionRow> question = stores.questions().byNumber(context.sql(), context.workspaceId(), number);
        if (question.isEmpty() || followUps.isDeleted(context.sql(), question.get().id())) {
            throw new Refusal("There is no question Q" + number + " here. /unanswered lists the open ones.");
        }
        return question.get();
    }
}
