package org.bandura.core.health;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A week (ISO, Monday to Monday) or a calendar month, as days in the workspace's time zone. The instants it covers
 * come from the zone, so a week that crosses a daylight-saving change is 167 or 169 hours long.
 *
 * @param kind  week or month
 * @param start the first day: a Monday for a week, the 1st for a month
 */
public record PeriodSpec(Kind kind, LocalDate start) {

    public enum Kind {
        WEEK, MONTH
    }

    private static final Pattern WEEK_TEXT = Pattern.compile("(\\d{4})-W(\\d{1,2})");
    private static final Pattern MONTH_TEXT = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    public PeriodSpec {
        if (kind == Kind.WEEK && start.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("a week starts on a Monday, not " + start);
        }
        if (kind == Kind.MONTH && start.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("a month starts on its 1st, not " + start);
        }
    }

    public static PeriodSpec week(LocalDate anyDay) {
        return new PeriodSpec(Kind.WEEK, anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    public static PeriodSpec month(LocalDate anyDay) {
        return new PeriodSpec(Kind.MONTH, anyDay.withDayOfMonth(1));
    }

    /** The week or month that contains the clock's now, in {@code zone}. */
    public static PeriodSpec current(Kind kind, Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return kind == Kind.WEEK ? week(today) : month(today);
    }

    /**
     * Reads what a shareable URL holds: {@code week} or {@code month} (the current one), {@code 2026-W47} (an ISO
     * week) or {@code 2026-11} (a month). Empty when the text is none of those.
     */
    public static Optional<PeriodSpec> parse(String text, Clock clock, ZoneId zone) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip().toUpperCase(Locale.ROOT);
        if (value.equals("WEEK")) {
            return Optional.of(current(Kind.WEEK, clock, zone));
        }
        if (value.equals("MONTH")) {
            return Optional.of(current(Kind.MONTH, clock, zone));
        }
        try {
            Matcher week = WEEK_TEXT.matcher(value);
            if (week.matches()) {
                int year = Integer.parseInt(week.group(1));
                int number = Integer.parseInt(week.group(2));
                LocalDate mid = LocalDate.of(year, 6, 1);
                if (number < 1 || number > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                    return Optional.empty();
                }
                LocalDate monday = mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return Optional.of(new PeriodSpec(Kind.WEEK, monday));
            }
            Matcher month = MONTH_TEXT.matcher(value);
            if (month.matches()) {
                return Optional.of(month(YearMonth.of(Integer.parseInt(month.group(1)),
                        Integer.parseInt(month.group(2))).atDay(1)));
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The day after the last day. */
    public LocalDate endExclusive() {
        return kind == Kind.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    }

    public Instant from(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    public Instant to(ZoneId zone) {
        return endExclusive().atStartOfDay(zone).toInstant();
    }

    public PeriodSpec previous() {
        return kind == Kind.WEEK ? new PeriodSpec(kind, start.minusWeeks(1)) : new PeriodSpec(kind, start.minusMonths(1));
    }

    public PeriodSpec next() {
        return kind == Kind.WEEK ? new PeriodSpec(kind, start.plusWeeks(1)) : new PeriodSpec(kind, start.plusMonths(1));
    }

    /** What {@link #parse} reads back: {@code 2026-W47} or {@code 2026-11}. */
    public String key() {
        if (kind == Kind.WEEK) {
            return String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        return String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
    }

    /** For people: "week of 2026-11-23" or "November 2026". */
    public String label() {
        return kind == Kind.WEEK ? "week of " + start : MONTH_LABEL.format(start);
    }
}
