package org.bandura.core.followup;

import java.time.Duration;
import java.util.List;

/**
 * Tunables of the follow-through; the launcher fills them from {@code routing.*}, {@code escalation.*} and
 * {@code accept.*}.
 *
 * @param learnedExpertThreshold per-tag reputation from which a member is routed for the tag without declaring it
 * @param timing                 the escalation ladder's delays and the claim hold
 * @param acceptReminder         how long an upvoted answer waits for an accept before the asker is reminded
 * @param thankYouPhrases        what counts as a thank-you from the asker
 */
public record FollowUpSettings(int learnedExpertThreshold, EscalationSchedule.Timing timing, Duration acceptReminder,
                               List<String> thankYouPhrases) {

    public FollowUpSettings {
        if (learnedExpertThreshold < 1 || acceptReminder.isNegative() || acceptReminder.isZero()) {
            throw new IllegalArgumentException("follow-up settings out of range");
        }
        thankYouPhrases = List.copyOf(thankYouPhrases);
    }

    public static FollowUpSettings defaults() {
        return new FollowUpSettings(50, EscalationSchedule.Timing.defaults(), Duration.ofHours(24),
                ThankYouDetector.DEFAULT_PHRASES);
    }
}
