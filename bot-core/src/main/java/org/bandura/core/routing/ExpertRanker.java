package org.bandura.core.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the experts to mention for a question. Pure: the service loads the candidates, this ranks them.
 *
 * <p>Score = {@value #DECLARED_TAG_WEIGHT} per question tag the expert declared + their reputation in those tags,
 * minus a cool-down penalty that starts at {@value #COOLDOWN_PENALTY} right after a mention and fades to zero over
 * {@link #COOLDOWN}. Ties go to whoever was mentioned least recently (never first), then to the lower member id.
 */
public final class ExpertRanker {

    public static final int DECLARED_TAG_WEIGHT = 50;
    public static final int COOLDOWN_PENALTY = 100;
    public static final Duration COOLDOWN = Duration.ofHours(24);

    /** An expert subscribed to at least one of the question's tags. */
    public record Candidate(long memberId, int declaredTags, long tagReputation, Instant lastMentionedAt) {
    }

    public record Ranked(Candidate candidate, long score) {
    }

    private ExpertRanker() {
    }

    public static List<Ranked> rank(List<Candidate> candidates, long askerId, int limit, Instant now) {
        return candidates.stream()
                .filter(candidate -> candidate.memberId() != askerId)
                .map(candidate -> new Ranked(candidate, score(candidate, now)))
                .sorted(Comparator.comparingLong(Ranked::score).reversed()
                        .thenComparing(ranked -> ranked.candidate().lastMentionedAt(),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingLong(ranked -> ranked.candidate().memberId()))
                .limit(Math.max(0, limit))
                .toList();
    }

    static long score(Candidate candidate, Instant now) {
        long base = (long) candidate.declaredTags() * DECLARED_TAG_WEIGHT + candidate.tagReputation();
        return base - cooldownPenalty(candidate.lastMentionedAt(), now);
    }

    static long cooldownPenalty(Instant lastMentionedAt, Instant now) {
        if (lastMentionedAt == null) {
            return 0;
        }
        long elapsed = Math.max(0, Duration.between(lastMentionedAt, now).toMillis());
        long window = COOLDOWN.toMillis();
        if (elapsed >= window) {
            return 0;
        }
        return Math.round(COOLDOWN_PENALTY * (1.0 - (double) elapsed / window));
    }
}
