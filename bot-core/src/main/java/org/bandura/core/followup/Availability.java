package org.bandura.core.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an expert may be mentioned right now. Pure: the service loads what the member set and how often they
 * were mentioned lately; this decides.
 *
 * @param hours        when they want mentions; empty for any time
 * @param awayUntil    away until this instant; {@link #INDEFINITELY} for "until I say /expert back"; empty when here
 * @param weeklyLimit  most mentions in any 7 days; empty for no limit
 */
public record Availability(Optional<WorkingHours> hours, Optional<Instant> awayUntil, Optional<Integer> weeklyLimit) {

    /** The window the weekly limit counts mentions in. */
    public static final Duration LIMIT_WINDOW = Duration.ofDays(7);

    /** Stored for "away until I say /expert back": far enough, and every database can hold it. */
    public static final Instant INDEFINITELY = Instant.parse("9999-12-31T00:00:00Z");

    public static final Availability ALWAYS = new Availability(Optional.empty(), Optional.empty(), Optional.empty());

    /** Why an expert was skipped, or that they can be mentioned. */
    public enum Verdict {
        AVAILABLE("available"), AWAY("away"), OFF_HOURS("outside their hours"), OVER_LIMIT("weekly limit reached");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** @param mentionsInWindow how often they were mentioned in the {@link #LIMIT_WINDOW} before {@code now} */
    public Verdict check(Instant now, int mentionsInWindow) {
        if (awayUntil.isPresent() && now.isBefore(awayUntil.get())) {
            return Verdict.AWAY;
        }
        if (hours.isPresent() && !hours.get().contains(now)) {
            return Verdict.OFF_HOURS;
        }
        if (weeklyLimit.isPresent() && mentionsInWindow >= weeklyLimit.get()) {
            return Verdict.OVER_LIMIT;
        }
        return Verdict.AVAILABLE;
    }

    /**
     * The first instant at or after {@code now} when they are back and inside their hours; empty when that is
     * unknown (away with no end, or held back only by the weekly limit, which depends on future mentions).
     */
    public Optional<Instant> nextAvailable(Instant now) {
        Instant from = now;
        if (awayUntil.isPresent() && now.isBefore(awayUntil.get())) {
            if (!awayUntil.get().isBefore(INDEFINITELY)) {
                return Optional.empty();
            }
            from = awayUntil.get();
        }
        Instant back = from;
        return Optional.of(hours.map(window -> window.nextAvailable(back)).orElse(back));
    }
}
