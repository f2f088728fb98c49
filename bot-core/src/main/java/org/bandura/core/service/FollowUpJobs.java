package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bandura.core.followup.EscalationSchedule;
import org.bandura.core.followup.EscalationSchedule.Decision;
import org.bandura.core.followup.EscalationSchedule.Step;
import org.bandura.core.followup.FollowUpSettings;
import org.bandura.core.model.PostRef;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.JobQueue;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.OutboxRepository;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Outgoing;
import org.bandura.core.reply.Outgoing.Audience;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.Sql;

/**
 * The follow-through's background jobs, on the shared job table: the escalation ladder, routing of a queued
 * question when an expert's hours start, and the reminder to accept an upvoted answer. Each job decides from the
 * database state at the moment it runs (so answers, claims and deletions need not cancel anything), writes what
 * to post to the outbox in its own transaction, and schedules its successor.
 */
public final class FollowUpJobs {

    public static final String ESCALATE = "escalate";
    public static final String ROUTE_QUEUED = "route-queued";
    public static final String ACCEPT_REMINDER = "accept-reminder";

    private final Stores stores;
    private final FollowUpRepository followUps;
    private final OutboxRepository outbox;
    private final FollowUpRouter router;
    private final FollowUpSettings settings;
    private final int expertsPerQuestion;
    private final Clock clock;
    private final JobQueue queue = new JobQueue();

    FollowUpJobs(Stores stores, FollowUpRepository followUps, OutboxRepository outbox, FollowUpRouter router,
                 FollowUpSettings settings, int expertsPerQuestion, Clock clock) {
        this.stores = stores;
        this.followUps = followUps;
        this.outbox = outbox;
        this.router = router;
        this.settings = settings;
        this.expertsPerQuestion = expertsPerQuestion;
        this.clock = clock;
    }

    /** Handlers to add to the {@link JobRunner}'s. */
    public Map<String, JobRunner.Handler> handlers() {
        return Map.of(ESCALATE, this::escalate, ROUTE_QUEUED, this::routeQueued, ACCEPT_REMINDER, this::remindToAccept);
    }

    /** How soon an escalation step looks again at a question whose post is still being retried. */
    static final java.time.Duration POST_PENDING_RECHECK = java.time.Duration.ofMinutes(1);

    void startLadder(Sql sql, QuestionRow question, Instant now) throws SQLException {
        scheduleStep(sql, question.id(), Step.FIRST, question.createdAt().plus(settings.timing().first()), now);
    }

    void queueRouting(Sql sql, long questionId, Instant at, Instant now) throws SQLException {
        schedule(sql, ROUTE_QUEUED, questionId, at, now);
    }

    void scheduleReminder(Sql sql, long answerId, Instant now) throws SQLException {
        schedule(sql, ACCEPT_REMINDER, answerId, now.plus(settings.acceptReminder()), now);
    }

    /** One job per kind, subject and time, however many processes ask for it. */
    private void schedule(Sql sql, String kind, long id, Instant at, Instant now) throws SQLException {
        queue.enqueueOnce(sql, kind + ":" + id + ":" + at.toEpochMilli(), kind, Long.toString(id), at, now);
    }

    private void escalate(Sql sql, String payload) throws SQLException {
        long questionId = Long.parseLong(payload);
        Instant now = clock.instant();
        if (stores.questions().isPostPending(sql, questionId)) {
            // not in the chat yet (its post is being retried): the step waits for it instead of seeing it deleted
            Optional<Step> next = state(sql, questionId, now).nextStep();
            if (next.isPresent()) {
                scheduleStep(sql, questionId, next.get(), now.plus(POST_PENDING_RECHECK), now);
            }
            return;
        }
        Decision decision = EscalationSchedule.decide(state(sql, questionId, now), settings.timing(), now);
        if (decision instanceof EscalationSchedule.Run run) {
            QuestionRow question = stores.questions().byId(sql, questionId);
            String summary = switch (run.step()) {
                case FIRST -> mentionNextExperts(sql, question, now);
                case SECOND -> postInFallbackPlace(sql, question, now);
                case LAST -> tellModeratorsAndAsker(sql, question, now);
            };
            followUps.recordStep(sql, questionId, run.step(), summary, now);
            EscalationSchedule.State after = state(sql, questionId, now);
            decision = EscalationSchedule.decide(after, settings.timing(), now);
            if (decision instanceof EscalationSchedule.Run overdue) {
                // the bot was down past several steps: one step per job, the next right after this one
                scheduleStep(sql, questionId, overdue.step(), now, now);
            }
        }
        if (decision instanceof EscalationSchedule.Wait wait) {
            scheduleStep(sql, questionId, state(sql, questionId, now).nextStep().orElseThrow(), wait.at(), now);
        }
    }

    private void scheduleStep(Sql sql, long questionId, Step step, Instant at, Instant now) throws SQLException {
        queue.enqueueOnce(sql, ESCALATE + ":" + questionId + ":" + step + ":" + at.toEpochMilli(), ESCALATE,
                Long.toString(questionId), at, now);
    }

    private EscalationSchedule.State state(Sql sql, long questionId, Instant now) throws SQLException {
        QuestionRow question = stores.questions().byId(sql, questionId);
        List<Step> ran = followUps.stepsRan(sql, questionId);
        Optional<Step> next = List.of(Step.values()).stream().filter(step -> !ran.contains(step)).findFirst();
        return new EscalationSchedule.State(question.createdAt(), question.answerCount() > 0,
                followUps.isDeleted(sql, questionId), next,
                followUps.activeClaim(sql, questionId, now).map(FollowUpRepository.Claim::claimedUntil),
                stores.questions().editedAt(sql, questionId));
    }

    private String mentionNextExperts(Sql sql, QuestionRow question, Instant now) throws SQLException {
        FollowUpRouter.Routed routed = router.route(sql, question.id(), question.askerId(),
                followUps.tagIds(sql, question.id()), Step.FIRST.name(), expertsPerQuestion, now);
        if (routed.chosen().isEmpty()) {
            return "no other expert was available to mention";
        }
        post(sql, question, Audience.THREAD, null, routed.chosen(), "Q" + question.number() + " still has no answer after "
                + human(settings.timing().first()) + ". " + mentions(routed.chosen()) + ", could you take a look? "
                + question.title(), List.of(Action.claim(question.number())), now);
        return "mentioned " + names(routed.chosen());
    }

    private String postInFallbackPlace(Sql sql, QuestionRow question, Instant now) throws SQLException {
        post(sql, question, Audience.FALLBACK, null, List.of(), "Q" + question.number() + " has been waiting "
                + human(settings.timing().second()) + " for an answer. Can anyone help? " + question.title(), now);
        return "asked in the fallback place";
    }

    private String tellModeratorsAndAsker(Sql sql, QuestionRow question, Instant now) throws SQLException {
        String tried = String.join("; ", followUps.stepSummaries(sql, question.id()));
        String triedText = tried.isEmpty() ? "" : " Tried so far: " + tried + ".";
        post(sql, question, Audience.MODERATORS, null, List.of(), "Q" + question.number() + " is still unanswered after "
                + human(settings.timing().last()) + "." + triedText + " Question: " + question.title(), now);
        MemberRow asker = stores.members().get(sql, question.askerId());
        post(sql, question, Audience.PRIVATE, asker.userId(), List.of(), "Nobody has answered your Q"
                + question.number() + " yet." + triedText + " I've now told the moderators. More detail or better "
                + "#tags can help people find it.", now);
        return "told the moderators and the asker";
    }

    private void routeQueued(Sql sql, String payload) throws SQLException {
        long questionId = Long.parseLong(payload);
        Instant now = clock.instant();
        QuestionRow question = stores.questions().byId(sql, questionId);
        if (stores.questions().isPostPending(sql, questionId)) {
            queueRouting(sql, questionId, now.plus(POST_PENDING_RECHECK), now); // no thread to mention in yet
            return;
        }
        if (question.answerCount() > 0 || followUps.isDeleted(sql, questionId)
                || EscalationSchedule.isStale(question.createdAt(), settings.timing(), now)) {
            return;
        }
        FollowUpRouter.Routed routed = router.route(sql, questionId, question.askerId(),
                followUps.tagIds(sql, questionId), "QUEUED", expertsPerQuestion, now);
        if (!routed.chosen().isEmpty()) {
            post(sql, question, Audience.THREAD, null, routed.chosen(), "Q" + question.number() + ": "
                    + mentions(routed.chosen()) + ", you're back: could you take a look? " + question.title(),
                    List.of(Action.claim(question.number())), now);
        } else if (routed.queuedUntil().isPresent()) {
            queueRouting(sql, questionId, routed.queuedUntil().get(), now);
        }
    }

    private void remindToAccept(Sql sql, String payload) throws SQLException {
        long answerId = Long.parseLong(payload);
        Instant now = clock.instant();
        Optional<AnswerRow> answer = stores.answers().byId(sql, answerId);
        if (answer.isEmpty()) {
            return;
        }
        QuestionRow question = stores.questions().byId(sql, answer.get().questionId());
        if (question.acceptedAnswerId() != null || followUps.isDeleted(sql, question.id())) {
            return;
        }
        boolean upvoted = stores.votes().onPost(sql, PostRef.Kind.ANSWER, answerId).stream()
                .anyMatch(vote -> vote.direction() > 0);
        if (!upvoted) {
            if (!EscalationSchedule.isStale(question.createdAt(), settings.timing(), now)) {
                scheduleReminder(sql, answerId, now);
            }
            return;
        }
        AcceptPrompts.prompt(sql, stores, followUps, outbox, question, answer.get(), "REMINDER", now);
    }

    private void post(Sql sql, QuestionRow question, Audience audience, String recipient, List<MemberRow> mentioned,
                      String body, Instant now) throws SQLException {
        post(sql, question, audience, recipient, mentioned, body, List.of(), now);
    }

    private void post(Sql sql, QuestionRow question, Audience audience, String recipient, List<MemberRow> mentioned,
                      String body, List<Action> actions, Instant now) throws SQLException {
        outbox.add(sql, question.workspaceId(), question.id(), audience, recipient,
                mentioned.stream().map(MemberRow::userId).toList(), body, actions, now);
    }

    private static String mentions(List<MemberRow> members) {
        return members.stream().map(member -> Outgoing.mention(member.userId()))
                .collect(Collectors.joining(", "));
    }

    private static String names(List<MemberRow> members) {
        return members.stream().map(MemberRow::displayName).collect(Collectors.joining(", "));
    }

    /** 30 min, 4 h, 7 days. */
    static String human(Duration duration) {
        if (duration.toDays() >= 2 && duration.toHours() % 24 == 0) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() >= 1 && duration.toMinutes() % 60 == 0) {
            return duration.toHours() + " h";
        }
        return duration.toMinutes() + " min";
    }
}
