package org.bandura.core.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The escalation ladder as a pure function: given a question's state and the time, what happens next. Steps run
 * in order, each at most once; an answer, a deletion or old age stops the ladder, a live claim holds it.
 */
public final class EscalationSchedule {

    /** The rungs, in order. */
    public enum Step {
        /** Mention the next-best available experts. */
        FIRST,
        /** Post in the fallback place (role, channel, user group). */
        SECOND,
        /** Tell the moderators, and the asker what was tried. */
        LAST;

        public Optional<Step> next() {
            return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
        }
    }

    /** Delays from the question's creation (or its latest edit); defaults 30 min, 4 h, 24 h, 7 days; claims hold for 2 h. */
    public record Timing(Duration first, Duration second, Duration last, Duration giveUp, Duration claimHold) {

        public static Timing defaults() {
            return new Timing(Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofHours(24), Duration.ofDays(7),
                    Duration.ofHours(2));
        }

        public Timing {
            if (first.isNegative() || first.compareTo(second) > 0 || second.compareTo(last) > 0
                    || last.compareTo(giveUp) > 0 || claimHold.isNegative()) {
                throw new IllegalArgumentException("escalation delays must grow: first <= second <= last <= give-up");
            }
        }

        public Duration delayOf(Step step) {
            return switch (step) {
                case FIRST -> first;
                case SECOND -> second;
                case LAST -> last;
            };
        }
    }

    /**
     * What the ladder knows about one question.
     *
     * @param nextStep     the first step not run yet; empty when all ran
     * @param claimedUntil end of a claim, if any (past claims are released)
     * @param editedAt     when the asker last edited the question: pending steps wait from here again
     */
    public record State(Instant askedAt, boolean answered, boolean deleted, Optional<Step> nextStep,
                        Optional<Instant> claimedUntil, Optional<Instant> editedAt) {

        public State(Instant askedAt, boolean answered, boolean deleted, Optional<Step> nextStep,
                     Optional<Instant> claimedUntil) {
            this(askedAt, answered, deleted, nextStep, claimedUntil, Optional.empty());
        }

        /** Where the delays count from: the question's creation, or its latest edit. */
        Instant waitsFrom() {
            return editedAt.filter(edit -> edit.isAfter(askedAt)).orElse(askedAt);
        }
    }

    /** What to do now. */
    public sealed interface Decision {
    }

    /** The question needs nothing more: answered, deleted, every step ran, or it went stale. */
    public record Stop(String reason) implements Decision {
    }

    /** Come back at {@code at} (the step's time, or the end of a claim). */
    public record Wait(Instant at, String reason) implements Decision {
    }

    /** Run {@code step} now. */
    public record Run(Step step) implements Decision {
    }

    private EscalationSchedule() {
    }

    public static Decision decide(State state, Timing timing, Instant now) {
        if (state.deleted()) {
            return new Stop("deleted");
        }
        if (state.answered()) {
            return new Stop("answered");
        }
        if (isStale(state.askedAt(), timing, now)) {
            return new Stop("stale");
        }
        if (state.nextStep().isEmpty()) {
            return new Stop("every step ran");
        }
        Step step = state.nextStep().get();
        Instant due = state.waitsFrom().plus(timing.delayOf(step));
        if (state.claimedUntil().isPresent() && now.isBefore(state.claimedUntil().get())) {
            Instant resume = due.isAfter(state.claimedUntil().get()) ? due : state.claimedUntil().get();
            return new Wait(resume, "claimed");
        }
        if (now.isBefore(due)) {
            return new Wait(due, "not due");
        }
        return new Run(step);
    }

    /** Unanswered for longer than the give-up delay: listed as stale, never pinged again. */
    public static boolean isStale(Instant askedAt, Timing timing, Instant now) {
        return !now.isBefore(askedAt.plus(timing.giveUp()));
    }
}
