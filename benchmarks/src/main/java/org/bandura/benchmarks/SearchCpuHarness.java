package org.bandura.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.search.LuceneQuestionIndex;
import org.bandura.core.search.SearchFilter;
import org.bandura.core.search.SearchSettings;

/**
 * Thread CPU time per search and per similar-questions call, on a database kept by {@link SearchBenchmark}
 * ({@code -Dbandura.bench.keep}) and an index directory (built once if missing or of an older format), so search
 * code can be compared on a loaded machine without seeding again:
 * {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar org.bandura.benchmarks.SearchCpuHarness
 * /work/bench/search/keep/1000000 /work/bench/search/index 2000}. The calls are the benchmark's: half the
 * evaluation set's searches (or rephrasings), half random texts, directly on the index (not through the core).
 */
public final class SearchCpuHarness {

    public static void main(String[] args) throws Exception {
        Path database = Path.of(args[0]);
        Path index = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        List<SearchBenchmark.Planted> planted = SearchBenchmark.evaluationSet();
        try (Database db = Database.open(DatabaseSettings.of("jdbc:h2:file:" + database.resolve("bandura")));
             LuceneQuestionIndex search = LuceneQuestionIndex.open(db,
                     new SearchSettings(index, SearchSettings.DEFAULT_MAX_LAG), Clock.systemUTC())) {
            long started = System.nanoTime();
            while (search.warmingUp()) {
                Thread.sleep(100); // a harness by hand, waiting for a rebuild
            }
            System.out.printf(Locale.ROOT, "index ready after %.1f s; load %s%n", (System.nanoTime() - started) / 1e9,
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip());
            long workspace = db.inTransaction(sql -> sql.count("SELECT id FROM workspace"));
            Random random = new Random(7);
            measure("warm-up", rounds / 2, i -> search.search(workspace, SearchBenchmark.randomText(random, 3),
                    SearchFilter.ANY, 0, 10));
            // The evaluation set, as the benchmark counts it (its database has 1M questions unless told otherwise).
            long[] numbers = SearchBenchmark.plantedNumbers(Integer.getInteger("bandura.bench.size", 1_000_000),
                    planted);
            int first = 0;
            int amongThree = 0;
            for (int i = 0; i < planted.size(); i++) {
                long expected = numbers[i];
                var hits = search.search(workspace, planted.get(i).search(), SearchFilter.ANY, 0, 1).hits();
                first += !hits.isEmpty() && hits.get(0).questionNumber() == expected ? 1 : 0;
                amongThree += search.similar(workspace, planted.get(i).rephrased(), -1, 3).stream()
                        .anyMatch(q -> q.questionNumber() == expected) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "quality: first for %d of %d searches, among 3 similar for %d of %d%n",
                    first, planted.size(), amongThree, planted.size());
            for (int repeat = 0; repeat < 2; repeat++) {
                measure("search, evaluation", rounds / 2, i -> search.search(workspace,
                        planted.get(i % planted.size()).search(), SearchFilter.ANY, 0, 10));
                measure("search, random 3 words", rounds / 2, i -> search.search(workspace,
                        SearchBenchmark.randomText(random, 3), SearchFilter.ANY, 0, 10));
                measure("search, mixed as benchmark", rounds, i -> search.search(workspace, i % 2 == 0
                        ? planted.get(i / 2 % planted.size()).search() : SearchBenchmark.randomText(random, 3),
                        SearchFilter.ANY, 0, 10));
                measure("similar, mixed as benchmark", rounds, i -> search.similar(workspace, i % 2 == 0
                        ? planted.get(i / 2 % planted.size()).rephrased() : SearchBenchmark.randomText(random, 12),
                        -1, 3));
            }
        }
    }

    private static void measure(String name, int rounds, IntConsumer operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = threads.getCurrentThreadCpuTime();
            operation.accept(i);
            cpu[i] = threads.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-30s thread CPU p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  mean %6.2f ms%n",
                name, cpu[rounds / 2] / 1e6, cpu[(int) (rounds * 0.95)] / 1e6, cpu[(int) (rounds * 0.99)] / 1e6,
                Arrays.stream(cpu).average().orElse(0) / 1e6);
    }

    private SearchCpuHarness() {
    }
}
