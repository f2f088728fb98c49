package org.bandura.core.health;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One week of the trend charts: the questions asked that week (workspace time zone, ISO week) and how they fared.
 * The fields mean what they mean in {@link HealthReport.QuestionStats}.
 */
public record WeekPoint(LocalDate weekStart, long asked, long answered, long slaCounted, long answeredWithinSla,
                        Optional<Duration> firstAnswerMedian, Optional<Duration> firstAnswerP90) {

    public OptionalDouble withinSlaShare() {
        return slaCounted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) answeredWithinSla / slaCounted);
    }

    public PeriodSpec week() {
        return PeriodSpec.week(weekStart);
    }
}
