package org.bandura.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Community health of one workspace for one period, optionally one tag. Questions are counted by when they were
 * asked (the period's cohort); answers, accepts, mentions, claims and reputation by when they happened.
 *
 * @param tag               the tag filter (canonical name), empty for every question
 * @param from              the period's first instant (inclusive)
 * @param to                the period's end (exclusive)
 * @param generatedAt       the clock's now when the report was read
 * @param sla               {@code health.sla}
 * @param questions         the cohort's counts and times
 * @param unanswered        open questions right now (regardless of the period), by age
 * @param gaps              where the community lacks help
 * @param experts           load per member who was mentioned, claimed or answered in the period, busiest first
 * @param participation     who took part in the period
 * @param reputationByMember reputation gained in the period per member, most first (top {@link #TOP_GAINERS})
 * @param reputationByTag   reputation gained in the period on questions of each tag, most first
 */
public record HealthReport(long workspaceId, PeriodSpec period, Optional<String> tag, Instant from, Instant to,
                           Instant generatedAt, Duration sla, QuestionStats questions, Unanswered unanswered,
                           KnowledgeGaps gaps, List<ExpertLoad> experts, Participation participation,
                           List<MemberGain> reputationByMember, List<TagGain> reputationByTag) {

    public static final int TOP_GAINERS = 20;

    /**
     * @param asked             questions asked in the period (not deleted)
     * @param answered          of those, how many have a first answer (by now)
     * @param accepted          of those, how many have an accepted answer (by now)
     * @param slaCounted        of those, the ones whose SLA has been decided: answered within the SLA, or asked at
     *                          least one SLA ago (an open question still inside its SLA is not counted yet)
     * @param answeredWithinSla of those, first answered within the SLA
     * @param firstAnswerMedian median time from asking to the first answer (nearest rank), empty without answers
     * @param firstAnswerP90    90th percentile of the same (nearest rank)
     * @param acceptMedian      median time from asking to the accept (nearest rank)
     */
    public record QuestionStats(long asked, long answered, long accepted, long slaCounted, long answeredWithinSla,
                                Optional<Duration> firstAnswerMedian, Optional<Duration> firstAnswerP90,
                                Optional<Duration> acceptMedian) {

        /** Share of {@link #slaCounted} answered within the SLA, 0..1; empty when nothing is counted yet. */
        public OptionalDouble withinSlaShare() {
            return slaCounted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) answeredWithinSla / slaCounted);
        }
    }

    /** Age buckets of open questions, youngest first. */
    public enum Age {
        UNDER_1H("< 1 h", Duration.ZERO, Duration.ofHours(1)),
        H1_TO_4("1–4 h", Duration.ofHours(1), Duration.ofHours(4)),
        H4_TO_24("4–24 h", Duration.ofHours(4), Duration.ofHours(24)),
        D1_TO_7("1–7 d", Duration.ofDays(1), Duration.ofDays(7)),
        OLDER("older", Duration.ofDays(7), null);

        private final String label;
        private final Duration min;
        private final Duration max;

        Age(String label, Duration min, Duration max) {
            this.label = label;
            this.min = min;
            this.max = max;
        }

        public String label() {
            return label;
        }

        /** Youngest age in the bucket (inclusive). */
        public Duration min() {
            return min;
        }

        /** Age the bucket ends before; empty for the last. */
        public Optional<Duration> max() {
            return Optional.ofNullable(max);
        }

        public static Age of(Duration age) {
            for (Age bucket : values()) {
                if (bucket.max == null || age.compareTo(bucket.max) < 0) {
                    return bucket;
                }
            }
            return OLDER;
        }
    }

    /**
     * @param chatLink the Discord jump link or Slack permalink, or null (console questions)
     */
    public record OpenQuestion(long id, long number, String title, List<String> tags, Instant askedAt, Duration age,
                               String chatLink) {
    }

    /** @param oldest up to {@link Unanswered#LISTED} of the bucket's questions, oldest first */
    public record AgeBucket(Age age, long count, List<OpenQuestion> oldest) {
    }

    public record Unanswered(long total, List<AgeBucket> buckets) {
        public static final int LISTED = 10;

        public AgeBucket bucket(Age age) {
            return buckets.stream().filter(bucket -> bucket.age() == age).findFirst()
                    .orElse(new AgeBucket(age, 0, List.of()));
        }

        /** The oldest open questions over every bucket, oldest first, at most {@code limit}. */
        public List<OpenQuestion> oldest(int limit) {
            List<OpenQuestion> result = new java.util.ArrayList<>();
            for (int i = buckets.size() - 1; i >= 0 && result.size() < limit; i--) {
                for (OpenQuestion question : buckets.get(i).oldest()) {
                    if (result.size() < limit) {
                        result.add(question);
                    }
                }
            }
            return List.copyOf(result);
        }
    }

    /**
     * A tag with questions in the period but nobody who could be mentioned for it right now.
     *
     * @param questions questions asked in the period with the tag
     * @param experts   declared plus learned experts of the tag
     * @param away      of those, away now
     * @param offHours  of those, outside their hours now
     * @param overLimit of those, at their weekly mention limit
     */
    public record UncoveredTag(String tag, long questions, int experts, int away, int offHours, int overLimit) {
    }

    /** A tag's answered-within-SLA share in the period; only tags with {@link KnowledgeGaps#MIN_QUESTIONS}. */
    public record SlowTag(String tag, long slaCounted, long answeredWithinSla) {
        public double share() {
            return slaCounted == 0 ? 0 : (double) answeredWithinSla / slaCounted;
        }
    }

    /**
     * @param uncovered tags with questions and no available expert, most questions first
     * @param slowest   the tags with the lowest within-SLA share (at least {@link #MIN_QUESTIONS} counted), lowest
     *                  first, at most {@link #SLOWEST}
     */
    public record KnowledgeGaps(List<UncoveredTag> uncovered, List<SlowTag> slowest) {
        public static final int MIN_QUESTIONS = 5;
        public static final int SLOWEST = 5;
    }

    /**
     * @param answersWithoutMention answers to questions they were not mentioned on (not their own questions)
     * @param declaredExpert        whether they declared any expert tag (in the filtered tag, when there is one)
     */
    public record ExpertLoad(long memberId, String userId, String displayName, long mentions, long claims,
                             long answers, long acceptedAnswers, long answersWithoutMention, boolean declaredExpert) {

        /** Answered unasked and declared nothing: a hidden expert worth inviting. */
        public boolean hiddenExpert() {
            return answersWithoutMention > 0 && !declaredExpert;
        }
    }

    public record Participation(long askers, long answerers, long firstTimeAnswerers) {
    }

    public record MemberGain(long memberId, String userId, String displayName, long gained) {
    }

    public record TagGain(String tag, long gained) {
    }

    public List<ExpertLoad> hiddenExperts() {
        return experts.stream().filter(ExpertLoad::hiddenExpert).toList();
    }
}
