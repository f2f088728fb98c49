package org.bandura.core.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Leaderboard windows. */
public enum Period {
    WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30)), ALL(null);

    private final Duration length;

    Period(Duration length) {
        this.length = length;
    }

    /** Empty for {@link #ALL}. */
    public Optional<Duration> length() {
        return Optional.ofNullable(length);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Period> parse(String text) {
        for (Period period : values()) {
            if (period.label().equalsIgnoreCase(text)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }
}
