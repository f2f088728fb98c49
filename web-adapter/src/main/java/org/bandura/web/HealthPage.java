package org.bandura.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.bandura.core.health.HealthReport;

/**
 * What {@code health.jte} shows: the report, the trend tables, and the filter's choices with the links that keep it.
 *
 * @param query the filter as a query string ({@code ?tag=java&period=2026-W43}), so links keep it
 */
public record HealthPage(HealthReport report, List<HealthTables.Table> charts, List<Option> periods, List<Option> tags,
                  String query, java.time.ZoneId zone) {

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", java.util.Locale.ENGLISH);

    /** An instant as the workspace's clocks show it. */
    public String local(java.time.Instant instant) {
        return WHEN.format(instant.atZone(zone));
    }

    public record Option(String value, String label, boolean selected) {
    }

    public static String query(Optional<String> tag, String period) {
        StringBuilder query = new StringBuilder("?period=").append(encode(period));
        tag.ifPresent(name -> query.append("&tag=").append(encode(name)));
        return query.toString();
    }

    public String csvHref(String chart) {
        return "/health.csv" + query + "&chart=" + encode(chart);
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public static String human(Optional<java.time.Duration> duration) {
        return HealthTables.human(duration);
    }

    public static String share(java.util.OptionalDouble share) {
        return share.isPresent() ? HealthTables.percent(share) + " %" : "—";
    }

    public static String dataValues(HealthTables.Table table, int row) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < table.series().size(); i++) {
            if (i > 0) {
                values.append(';');
            }
            Double value = table.series().get(i).get(row);
            values.append(value == null ? "" : value.toString());
        }
        return values.toString();
    }
}
