package org.bandura.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.VoteDirection;

/**
 * Does the H2 file stay proportional to the data while the bot runs? Seeds answered questions, casts upvotes through
 * the core (one durable commit each, by distinct members on random answers, single-threaded) and prints, every
 * {@code step} votes, the file size, H2's estimate of the live data in it, the vote rate and latency (p50 / p99 /
 * max of that step, which is where a maintenance pause shows), the keeper's counters and the load average; at the
 * end the size after a clean close (the live data, compacted). Run by hand:
 * {@code java -Xmx512m -Djava.io.tmpdir=/some/scratch -cp benchmarks/target/benchmarks.jar
 * org.bandura.benchmarks.H2FileSizeHarness 10000 1000000 [step] [";H2=SETTINGS"]}; with
 * {@code -Dh2harness.stopFile=PATH} it stops early (and still closes cleanly) once that file exists.
 */
public final class H2FileSizeHarness {

    private H2FileSizeHarness() {
    }

    public static void main(String[] args) throws Exception {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int votes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int step = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        String urlSettings = args.length > 3 ? args[3] : "";
        long started = System.nanoTime();
        SeededDatabase seeded = new SeededDatabase(questions, urlSettings);
        {
            System.out.printf("seeded %,d questions: %,.1f MiB, load %s%n", questions, mib(seeded.fileSize()), load());
            System.out.println("| votes | file MiB | live MiB (H2 estimate) | votes/s | vote p50 / p99 / max ms "
                    + "| maintenance runs | longest pause ms | load |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            java.util.Random random = new java.util.Random(1);
            long[] latencies = new long[step];
            long stepStarted = System.nanoTime();
            String stopFile = System.getProperty("h2harness.stopFile");
            for (int i = 1; i <= votes; i++) {
                if (stopFile != null && i % 1000 == 0 && Files.exists(Path.of(stopFile))) {
                    System.out.printf("stopped by %s after %,d votes%n", stopFile, i - 1);
                    break;
                }
                String voter = "v" + i;
                long t0 = System.nanoTime();
                seeded.core.handle(new Actor(SeededDatabase.WORKSPACE, voter, voter, false),
                        new Command.Vote(PostRef.answer(1 + random.nextInt(questions)), VoteDirection.UP));
                latencies[(i - 1) % step] = System.nanoTime() - t0;
                if (i % step == 0 || i == votes) {
                    int n = (i - 1) % step + 1;
                    long[] sorted = Arrays.copyOf(latencies, n);
                    Arrays.sort(sorted);
                    double seconds = (System.nanoTime() - stepStarted) / 1e9;
                    String stats = seeded.database.h2FileReport().orElse("");
                    System.out.printf("| %,d | %,.1f | %s | %,.0f | %.2f / %.2f / %.0f | %s | %s | %s |%n", i,
                            mib(seeded.fileSize()), field(stats, "liveBytes", true), n / seconds,
                            sorted[n / 2] / 1e6, sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6,
                            sorted[n - 1] / 1e6, field(stats, "maintenanceRuns", false),
                            field(stats, "longestPauseMillis", false), load());
                    System.out.flush();
                    stepStarted = System.nanoTime();
                }
            }
            System.out.println("keeper: " + seeded.database.h2FileReport().orElse("none"));
            long closing = System.nanoTime();
            seeded.closeDatabase();
            System.out.printf("after a clean close: %,.1f MiB (close took %.1f s); total %.0f s%n",
                    mib(seeded.fileSize()), (System.nanoTime() - closing) / 1e9, (System.nanoTime() - started) / 1e9);
            try (var files = Files.walk(seeded.directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    /** A field of the keeper's stats record ({@code Stats[commits=…, …]}); bytes shown in MiB. */
    private static String field(String stats, String name, boolean bytes) {
        int at = stats.indexOf(name + "=");
        if (at < 0) {
            return "-";
        }
        String value = stats.substring(at + name.length() + 1).split("[,\\]]", 2)[0];
        return bytes ? String.format("%,.1f", mib(Long.parseLong(value))) : value;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
