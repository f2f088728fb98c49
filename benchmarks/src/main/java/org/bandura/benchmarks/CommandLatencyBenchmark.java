package org.bandura.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.reply.Reply;
import org.bandura.core.search.SearchSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;

/**
 * Every everyday command at two sizes, to check that none grows with the number of questions (issue 14: "p50 at 1M
 * at most 2× p50 at 1k for every command"). Runs by hand on databases seeded by {@link SearchBenchmark} with
 * {@code -Dbandura.bench.keep=DIR} (10,000 experts over 20 tags, half the questions answered):
 * <pre>
 * java -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Dbandura.bench.keep=DIR \
 *   -cp benchmarks/target/benchmarks.jar org.bandura.benchmarks.SearchBenchmark 1000 1000000
 * java -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
 *   -cp benchmarks/target/benchmarks.jar org.bandura.benchmarks.CommandLatencyBenchmark DIR 1000 1000000
 * </pre>
 * Each size runs in a fresh copy of the kept database and its search index (so runs can be repeated), with a warm-up round, then
 * {@value #ROUNDS} of each command in turn, timed one by one through the core, and prints p50 / p95 / p99 per
 * command, and the ratio of the p50s between the last and the first size.
 */
public final class CommandLatencyBenchmark {

    private static final int ROUNDS = 300;
    private static final int TAGS = 20;
    private static final int EXPERTS = 10_000;
    private static final String[] WORDS = ("java jvm heap gc thread pool connection database postgres index query "
            + "cache kafka consumer docker image kubernetes deploy latency memory build maven test retry queue token")
            .split(" ");

    public static void main(String[] args) throws Exception {
        Path keep = Path.of(args[0]);
        int[] sizes = Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, load "
                + Files.readString(Path.of("/proc/loadavg")).strip());
        List<Map<String, double[]>> results = new ArrayList<>();
        for (int size : sizes) {
            results.add(run(keep.resolve(Integer.toString(size)), size));
        }
        if (results.size() > 1) {
            System.out.printf(Locale.ROOT, "%np50 at %,d ÷ p50 at %,d:%n", sizes[sizes.length - 1], sizes[0]);
            Map<String, double[]> first = results.get(0);
            Map<String, double[]> last = results.get(results.size() - 1);
            first.forEach((name, p) -> System.out.printf(Locale.ROOT, "  %-12s %5.1f×%n", name,
                    last.get(name)[0] / p[0]));
        }
    }

    private static Map<String, double[]> run(Path seeded, int size) throws Exception {
        if (!Files.exists(seeded.resolve("bandura.mv.db"))) {
            throw new IllegalArgumentException("no seeded database in " + seeded + ": run SearchBenchmark " + size
                    + " with -Dbandura.bench.keep first");
        }
        Path copy = Files.createTempDirectory("bandura-commands-" + size);
        Files.copy(seeded.resolve("bandura.mv.db"), copy.resolve("bandura.mv.db"));
        if (Files.isDirectory(seeded.resolve("search"))) { // the kept index, so a run at 1M need not rebuild it
            Files.createDirectories(copy.resolve("search"));
            try (var files = Files.list(seeded.resolve("search"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve("search").resolve(file.getFileName()));
                }
            }
        }
        try {
            return measure(copy, size);
        } finally {
            try (var paths = Files.walk(copy)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static Map<String, double[]> measure(Path directory, int size) throws Exception {
        Database database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("bandura")));
        CoreService core = new CoreService(database, new CoreSettings(4000, 3, Integer.MAX_VALUE / 2, 100, 5),
                Clock.systemUTC(), new SearchSettings(directory.resolve("search"), SearchSettings.DEFAULT_MAX_LAG));
        try {
            while (core.search().warmingUp()) {
                Thread.sleep(100); // by hand: the rebuild is not what this measures
            }
            long[] answers = database.inTransaction(sql -> sql.list("SELECT number FROM answer ORDER BY number",
                    row -> row.getLong(1))).stream().mapToLong(Long::longValue).toArray();
            Random random = new Random(11);
            Actor asker = new Actor(SeededDatabase.WORKSPACE, "asker", "asker", false);
            IntFunction<Actor> expert = i -> new Actor(SeededDatabase.WORKSPACE, "expert" + i, "expert" + i, false);
            List<Long> newAnswers = new ArrayList<>();

            Map<String, IntFunction<Reply>> commands = new LinkedHashMap<>();
            commands.put("/ask", i -> run(core, asker, "/ask " + text(random, 12) + " #tag" + random.nextInt(TAGS)));
            commands.put("/answer", i -> {
                Reply reply = run(core, expert.apply(random.nextInt(EXPERTS)),
                        "/answer Q" + (1 + random.nextInt(size)) + " " + text(random, 15));
                reply.text().toPlainString().lines().findFirst()
                        .flatMap(line -> java.util.regex.Pattern.compile("A(\\d+)").matcher(line).results()
                                .map(match -> Long.parseLong(match.group(1))).findFirst())
                        .ifPresent(newAnswers::add);
                return reply;
            });
            commands.put("/upvote", i -> run(core, expert.apply(random.nextInt(EXPERTS)),
                    "/upvote A" + answers[random.nextInt(answers.length)]));
            commands.put("/accept", i -> run(core, asker, "/accept A"
                    + (newAnswers.isEmpty() ? answers[0] : newAnswers.remove(newAnswers.size() - 1))));
            commands.put("/search", i -> run(core, asker, "/search " + text(random, 3)));
            commands.put("/unanswered", i -> run(core, asker, "/unanswered #tag" + random.nextInt(TAGS)));
            commands.put("/top", i -> run(core, asker, "/top"));
            commands.put("/profile", i -> run(core, asker, "/profile expert" + random.nextInt(EXPERTS)));

            Map<String, long[]> nanos = new LinkedHashMap<>();
            commands.keySet().forEach(name -> nanos.put(name, new long[ROUNDS]));
            int refused = 0;
            for (int round = -50; round < ROUNDS; round++) {
                for (Map.Entry<String, IntFunction<Reply>> command : commands.entrySet()) {
                    long start = System.nanoTime();
                    Reply reply = command.getValue().apply(round);
                    long took = System.nanoTime() - start;
                    if (round >= 0) {
                        nanos.get(command.getKey())[round] = took;
                        if (!reply.isOk()) {
                            refused++;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%n== %,d questions (%d of %d commands refused, e.g. a second vote)%n",
                    size, refused, ROUNDS * commands.size());
            Map<String, double[]> percentiles = new LinkedHashMap<>();
            nanos.forEach((name, values) -> {
                Arrays.sort(values);
                double[] p = {values[ROUNDS / 2] / 1e6, values[(int) (ROUNDS * 0.95)] / 1e6,
                        values[(int) (ROUNDS * 0.99)] / 1e6};
                percentiles.put(name, p);
                System.out.printf(Locale.ROOT, "  %-12s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms%n", name, p[0], p[1],
                        p[2]);
            });
            return percentiles;
        } finally {
            core.close();
            database.close();
        }
    }

    private static Reply run(CoreService core, Actor actor, String line) {
        CommandLineParser.Result parsed = CommandLineParser.parseLine(line);
        if (parsed instanceof CommandLineParser.Invalid invalid) {
            throw new IllegalStateException(line + ": " + invalid.message());
        }
        return core.handle(actor, ((CommandLineParser.Parsed) parsed).command());
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            if (i % 4 == 3) {
                text.append(" w").append(random.nextInt(50_000));
            }
        }
        return text.toString();
    }
}
