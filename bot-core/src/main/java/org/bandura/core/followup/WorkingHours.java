package org.bandura.core.followup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRulesException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When an expert wants to be mentioned: a daily window on some weekdays, in their own time zone. A window whose end
 * is before its start runs over midnight ({@code 22:00-06:00}); its night belongs to the day it starts on.
 * Wall-clock times are read in the zone, so a window keeps its local hours across daylight-saving changes.
 */
public record WorkingHours(LocalTime from, LocalTime to, Set<DayOfWeek> days, ZoneId zone) {

    public static final String USAGE = "Usage: /expert hours <from>-<to> [days] [time zone], "
            + "for example: /expert hours 09:00-17:30 mon-fri Europe/Berlin";

    private static final List<DayOfWeek> WEEK = List.of(DayOfWeek.values());

    public WorkingHours {
        if (from.equals(to)) {
            throw new IllegalArgumentException("empty window");
        }
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /** True when {@code instant} falls inside one of the windows. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (from.isBefore(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        return (days.contains(day) && !time.isBefore(from)) || (days.contains(day.minus(1)) && time.isBefore(to));
    }

    /** {@code instant} itself when inside the hours, else the next instant a window opens. */
    public Instant nextAvailable(Instant instant) {
        if (contains(instant)) {
            return instant;
        }
        LocalDate date = instant.atZone(zone).toLocalDate();
        for (int offset = 0; offset <= 7; offset++) {
            LocalDate day = date.plusDays(offset);
            if (days.contains(day.getDayOfWeek())) {
                // ZonedDateTime.of moves a start inside a DST gap forward by the gap's length
                Instant start = ZonedDateTime.of(day, from, zone).toInstant();
                if (start.isAfter(instant)) {
                    return start;
                }
            }
        }
        throw new IllegalStateException("a non-empty week always has a next window");
    }

    /** {@code 09:00-17:30 mon-fri Europe/Berlin}, the way /expert hours shows and accepts it. */
    public String describe() {
        return from + "-" + to + " " + describeDays() + " " + zone.getId();
    }

    private String describeDays() {
        if (days.size() == 7) {
            return "every day";
        }
        List<DayOfWeek> sorted = WEEK.stream().filter(days::contains).toList();
        boolean contiguous = sorted.get(sorted.size() - 1).getValue() - sorted.get(0).getValue() == sorted.size() - 1;
        if (contiguous && sorted.size() > 2) {
            return shortName(sorted.get(0)) + "-" + shortName(sorted.get(sorted.size() - 1));
        }
        return sorted.stream().map(WorkingHours::shortName).collect(Collectors.joining(","));
    }

    /**
     * Parses the words after {@code /expert hours}: a window, then optional days and an optional zone.
     *
     * @param rememberedZone the zone to use when none is typed (the member's last one, or UTC)
     * @return the hours, or a polite message saying what was wrong
     */
    public static Parsed parse(String text, ZoneId rememberedZone) {
        List<String> words = new ArrayList<>(List.of(text == null ? new String[0] : text.strip().split("\\s+")));
        words.removeIf(String::isEmpty);
        if (words.isEmpty() || words.size() > 3) {
            return Parsed.invalid(USAGE);
        }
        String[] window = words.remove(0).split("-", -1);
        if (window.length != 2) {
            return Parsed.invalid("'" + text.strip().split("\\s+")[0] + "' is not a time window. " + USAGE);
        }
        Optional<LocalTime> from = time(window[0]);
        Optional<LocalTime> to = time(window[1]);
        if (from.isEmpty() || to.isEmpty()) {
            return Parsed.invalid("Times are written as HH:MM on a 24-hour clock, like 09:00-17:30. " + USAGE);
        }
        if (from.get().equals(to.get())) {
            return Parsed.invalid("The window " + window[0] + "-" + window[1] + " is empty; give a start and a "
                    + "different end. " + USAGE);
        }
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        ZoneId zone = rememberedZone;
        for (String word : words) {
            Optional<Set<DayOfWeek>> parsedDays = days(word);
            if (parsedDays.isPresent()) {
                days = parsedDays.get();
                continue;
            }
            Optional<ZoneId> parsedZone = zone(word);
            if (parsedZone.isEmpty()) {
                return Parsed.invalid("'" + word + "' is neither days (mon-fri, sat,sun, daily) nor a time zone "
                        + "(Europe/Berlin, America/New_York, UTC). " + USAGE);
            }
            zone = parsedZone.get();
        }
        return new Parsed(Optional.of(new WorkingHours(from.get(), to.get(), days, zone)), null);
    }

    /** @param hours present when the text was valid; @param error otherwise, a one-line explanation */
    public record Parsed(Optional<WorkingHours> hours, String error) {
        static Parsed invalid(String message) {
            return new Parsed(Optional.empty(), message);
        }
    }

    /** Stored form of the days: {@code 1111100} for mon-fri. */
    public String daysMask() {
        StringBuilder mask = new StringBuilder();
        for (DayOfWeek day : WEEK) {
            mask.append(days.contains(day) ? '1' : '0');
        }
        return mask.toString();
    }

    public static Set<DayOfWeek> daysFromMask(String mask) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < WEEK.size() && i < mask.length(); i++) {
            if (mask.charAt(i) == '1') {
                days.add(WEEK.get(i));
            }
        }
        return days;
    }

    static Optional<LocalTime> time(String text) {
        String value = text.strip();
        if (!value.matches("\\d{1,2}(:\\d{2})?")) {
            return Optional.empty();
        }
        String[] parts = value.split(":");
        int hour = Integer.parseInt(parts[0]);
        int minute = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        if (hour == 24 && minute == 0) {
            return Optional.of(LocalTime.MIDNIGHT); // 09:00-24:00 becomes a window ending at the next midnight
        }
        if (hour > 23 || minute > 59) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }

    static Optional<Set<DayOfWeek>> days(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("daily") || value.equals("every-day") || value.equals("mon-sun")) {
            return Optional.of(EnumSet.allOf(DayOfWeek.class));
        }
        if (value.equals("weekdays")) {
            return Optional.of(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        }
        if (value.equals("weekends")) {
            return Optional.of(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : value.split(",")) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                return Optional.empty();
            }
            Optional<DayOfWeek> first = day(range[0]);
            Optional<DayOfWeek> last = range.length == 2 ? day(range[1]) : first;
            if (first.isEmpty() || last.isEmpty()) {
                return Optional.empty();
            }
            for (DayOfWeek day = first.get(); ; day = day.plus(1)) {
                days.add(day);
                if (day == last.get()) {
                    break;
                }
            }
        }
        return Optional.of(days);
    }

    private static Optional<DayOfWeek> day(String text) {
        if (text.length() < 2) {
            return Optional.empty();
        }
        return WEEK.stream().filter(day -> day.name().toLowerCase(Locale.ROOT).startsWith(text)).findFirst();
    }

    private static Optional<ZoneId> zone(String text) {
        try {
            return Optional.of(ZoneId.of(text));
        } catch (ZoneRulesException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String shortName(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
}
