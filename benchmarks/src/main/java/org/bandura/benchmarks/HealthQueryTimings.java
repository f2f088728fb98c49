package org.bandura.benchmarks;

import java.util.Optional;
import org.bandura.core.health.HealthMeasures;
import org.bandura.core.health.PeriodSpec;

/**
 * Which of the health dashboard's queries take the time: seeds the {@link HealthDashboardBenchmark} history, runs
 * the report and the trend 20 times with H2's query statistics on, and prints the slowest statements. Run by hand:
 * {@code java -cp benchmarks/target/benchmarks.jar org.bandura.benchmarks.HealthQueryTimings 100000}, or with
 * {@code 100000 month tag3} to time the month view filtered by a tag.
 */
public final class HealthQueryTimings {

    private HealthQueryTimings() {
    }

    public static void main(String[] args) throws Exception {
        HealthDashboardBenchmark bench = new HealthDashboardBenchmark();
        bench.questions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        bench.start();
        try {
            HealthMeasures measures = bench.measures();
            long workspace = bench.workspaceId();
            PeriodSpec.Kind kind = args.length > 1 && args[1].equals("month") ? PeriodSpec.Kind.MONTH
                    : PeriodSpec.Kind.WEEK;
            Optional<String> tag = args.length > 2 ? Optional.of(args[2]) : Optional.empty();
            for (int i = 0; i < 5; i++) {
                measures.report(workspace, measures.currentPeriod(kind), tag);
            }
            bench.database().inTransaction(sql -> sql.update("SET QUERY_STATISTICS TRUE"));
            long started = System.nanoTime();
            int runs = 20;
            for (int i = 0; i < runs; i++) {
                measures.report(workspace, measures.currentPeriod(kind), tag);
                measures.weeklyTrend(workspace, tag, HealthMeasures.TREND_WEEKS);
            }
            System.out.printf("report + trend: %.1f ms on average%n", (System.nanoTime() - started) / 1e6 / runs);
            bench.database().inTransaction(sql -> sql.list("SELECT CUMULATIVE_EXECUTION_TIME, EXECUTION_COUNT, "
                    + "SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY CUMULATIVE_EXECUTION_TIME DESC "
                    + "FETCH FIRST 12 ROWS ONLY", row -> {
                        System.out.printf("%8.1f ms / run  (%d calls)  %s%n", row.getDouble(1) / runs, row.getLong(2),
                                row.getString(3).replaceAll("\\s+", " "));
                        return null;
                    }));
        } finally {
            bench.stop();
        }
    }
}
