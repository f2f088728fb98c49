package org.bandura.web;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.bandura.core.health.WeekPoint;

/**
 * The trend charts' numbers as tables: the page shows them beside the charts, the CSV download is the same rows, and
 * the charts read them. One formatting for all three, so they always agree.
 */
public final class HealthTables {

    /** One chart's table: the id used on the page and in {@code /health.csv?chart=}, its title, header and rows. */
    public record Table(String id, String title, List<String> header, List<List<String>> rows, List<Long> x,
                 List<List<Double>> series) {
    }

    static final List<String> CHARTS = List.of("first-answer", "sla", "asked");

    private HealthTables() {
    }

    static List<Table> trend(List<WeekPoint> points, ZoneId zone) {
        return List.of(firstAnswer(points, zone), sla(points, zone), asked(points, zone));
    }

    static Optional<Table> byId(List<WeekPoint> points, ZoneId zone, String id) {
        return trend(points, zone).stream().filter(table -> table.id().equals(id)).findFirst();
    }

    private static Table firstAnswer(List<WeekPoint> points, ZoneId zone) {
        List<List<String>> rows = new ArrayList<>();
        List<Double> median = new ArrayList<>();
        List<Double> p90 = new ArrayList<>();
        for (WeekPoint point : points) {
            rows.add(List.of(point.weekStart().toString(), minutes(point.firstAnswerMedian()),
                    minutes(point.firstAnswerP90()), Long.toString(point.answered())));
            median.add(point.firstAnswerMedian().map(HealthTables::minutesValue).orElse(null));
            p90.add(point.firstAnswerP90().map(HealthTables::minutesValue).orElse(null));
        }
        return new Table("first-answer", "Time to first answer (minutes)",
                List.of("Week", "Median (min)", "p90 (min)", "Answered"), rows, xs(points, zone), List.of(median, p90));
    }

    private static Table sla(List<WeekPoint> points, ZoneId zone) {
        List<List<String>> rows = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        for (WeekPoint point : points) {
            OptionalDouble value = point.withinSlaShare();
            rows.add(List.of(point.weekStart().toString(), percent(value), Long.toString(point.answeredWithinSla()),
                    Long.toString(point.slaCounted())));
            share.add(value.isPresent() ? round1(value.getAsDouble() * 100) : null);
        }
        return new Table("sla", "Answered within the SLA (%)",
                List.of("Week", "Within SLA (%)", "Within SLA", "Counted"), rows, xs(points, zone), List.of(share));
    }

    private static Table asked(List<WeekPoint> points, ZoneId zone) {
        List<List<String>> rows = new ArrayList<>();
        List<Double> asked = new ArrayList<>();
        List<Double> answered = new ArrayList<>();
        for (WeekPoint point : points) {
            rows.add(List.of(point.weekStart().toString(), Long.toString(point.asked()), Long.toString(point.answered())));
            asked.add((double) point.asked());
            answered.add((double) point.answered());
        }
        return new Table("asked", "Questions asked", List.of("Week", "Asked", "Answered"), rows, xs(points, zone),
                List.of(asked, answered));
    }

    private static List<Long> xs(List<WeekPoint> points, ZoneId zone) {
        return points.stream().map(point -> point.weekStart().atStartOfDay(zone).toEpochSecond()).toList();
    }

    static String minutes(Optional<Duration> duration) {
        return duration.map(value -> formatNumber(minutesValue(value))).orElse("");
    }

    private static double minutesValue(Duration duration) {
        return round1(duration.toSeconds() / 60.0);
    }

    static String percent(OptionalDouble share) {
        return share.isPresent() ? formatNumber(round1(share.getAsDouble() * 100)) : "";
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String formatNumber(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** RFC 4180: header and rows, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
    static String csv(Table table) {
        StringBuilder out = new StringBuilder();
        line(out, table.header());
        table.rows().forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String field = fields.get(i);
            // A leading = + - @ would be a formula in a spreadsheet: quote it with a leading apostrophe.
            if (!field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0) {
                field = "'" + field;
            }
            if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                out.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                out.append(field);
            }
        }
        out.append("\r\n");
    }

    /** Human-readable duration for the summary and tables: "45 min", "3 h 20 min", "2 d 4 h". */
    static String human(Optional<Duration> duration) {
        if (duration.isEmpty()) {
            return "—";
        }
        long minutes = duration.get().toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            long rest = minutes % 60;
            return minutes / 60 + " h" + (rest == 0 ? "" : " " + rest + " min");
        }
        long hours = minutes / 60;
        long restHours = hours % 24;
        return hours / 24 + " d" + (restHours == 0 ? "" : " " + restHours + " h");
    }
}
