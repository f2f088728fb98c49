package org.bandura.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.persistence.Sql;
import org.bandura.core.search.SearchFilter;
import org.bandura.core.search.SearchResults;
import org.bandura.core.search.SimilarQuestion;
import org.bandura.core.search.SearchSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;

/**
 * Search at scale, run by hand (not JMH: one long run per size, each on its own H2 file database):
 * {@code java -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -cp benchmarks/target/benchmarks.jar
 * org.bandura.benchmarks.SearchBenchmark 1000 100000 1000000}: the JVM flags of the README's start command, because
 * the RSS it prints holds only for the flags it ran with (it prints them).
 * Seeds generated questions with plain bulk inserts (the evaluation set's questions planted among them), opens a
 * core whose search index is rebuilt once from the database, then prints latency percentiles for /search, similar
 * questions and /ask through the core, the evaluation set's quality figures, and the process's RSS.
 */
public final class SearchBenchmark {

    private static final int TAGS = 20;
    private static final int EXPERTS = 10_000;
    private static final int ROUNDS = 500;
    private static final String[] TECH = ("java jvm heap gc thread pool connection database postgres mysql h2 index "
            + "query cache redis kafka consumer producer topic partition docker image container kubernetes pod node "
            + "cluster deploy service ingress nginx proxy tls certificate dns timeout latency memory cpu disk log "
            + "metric alert prometheus grafana build gradle maven npm webpack react hook state python asyncio go "
            + "goroutine channel rust borrow api rest graphql json schema migration flyway test mock ci pipeline "
            + "jenkins git branch merge rebase commit release version upgrade error exception crash leak slow fast "
            + "retry backoff queue worker job cron batch stream file upload s3 bucket auth token session cookie "
            + "user login password oauth permission role terraform ansible vault secret config env variable").split(" ");
    private static final String[] FILLER = ("after before when while with without every again still never always "
            + "sometimes only random weird strange big small many few first last new old same different").split(" ");

    record Planted(String question, String search, String rephrased) {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {1_000, 100_000, 1_000_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, java " + System.getProperty("java.version")
                + ", load " + Files.readString(Path.of("/proc/loadavg")).strip());
        // The RSS figures hold only for these flags: run with the documented start command's (README).
        System.out.println("JVM flags: " + String.join(" ",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) + "; GC: "
                + java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        for (int size : sizes) {
            run(size);
        }
    }

    private static void run(int size) throws Exception {
        List<Planted> planted = evaluationSet();
        // -Dbandura.bench.keep=<dir>: keep the seeded database there and reuse it on the next run (the search index
        // is still rebuilt every run), so a rerun at 1M need not insert again.
        String keep = System.getProperty("bandura.bench.keep");
        Path directory = keep == null ? Files.createTempDirectory("bandura-search-bench")
                : Files.createDirectories(Path.of(keep, Integer.toString(size)));
        boolean seeded = Files.exists(directory.resolve("bandura.mv.db"));
        // -Dbandura.bench.reuseIndex=true (with keep): also keep the search index of the last run, so a rerun
        // measures searches without rebuilding (an index of an older format is still rebuilt by the core);
        // -Dbandura.bench.index=<dir> puts it elsewhere than beside the database (to A/B two index formats).
        Path index = System.getProperty("bandura.bench.index") == null ? directory.resolve("search")
                : Path.of(System.getProperty("bandura.bench.index"));
        if (!Boolean.getBoolean("bandura.bench.reuseIndex")) {
            deleteTree(index);
        }
        Database database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("bandura")));
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        long[] plantedNumbers = seeded ? plantedNumbers(size, planted) : seed(database, size, planted);
        double insertSeconds = (System.nanoTime() - started) / 1e9;
        double insertCpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
        if (seeded) {
            System.out.println("reusing the database seeded earlier in " + directory);
        }
        CoreService core = new CoreService(database, new CoreSettings(4000, 3, Integer.MAX_VALUE / 2, 100, 5),
                Clock.systemUTC(), new SearchSettings(index, SearchSettings.DEFAULT_MAX_LAG));
        while (core.search().warmingUp()) {
            Thread.sleep(50); // a benchmark by hand, waiting for the rebuild it measures
        }
        double seedSeconds = (System.nanoTime() - started) / 1e9;
        double seedCpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
        long workspace = database.inTransaction(sql -> sql.count("SELECT id FROM workspace"));
        Actor actor = new Actor(SeededDatabase.WORKSPACE, "bench-user", "bench-user", false);
        Random random = new Random(7);

        System.out.printf(Locale.ROOT, "%n== %,d questions: seeded in %.1f s (inserts %.1f s, index rebuild %.1f s)%n",
                size, seedSeconds, insertSeconds, seedSeconds - insertSeconds);
        if (Boolean.getBoolean("bandura.bench.seedOnly")) {
            System.out.printf(Locale.ROOT, "   process CPU while seeding: inserts %.1f s, index rebuild %.1f s%n",
                    insertCpuSeconds, seedCpuSeconds - insertCpuSeconds);
            core.close();
            database.close();
            return; // -Dbandura.bench.seedOnly=true: measure the seeding alone
        }
        // CPU time of the whole process (all threads): on a shared machine the wall times above wait for cores,
        // this does not.
        System.out.printf(Locale.ROOT, "   process CPU while seeding: inserts %.1f s, index rebuild %.1f s%n",
                insertCpuSeconds, seedCpuSeconds - insertCpuSeconds);
        // Each measured operation is warmed up right before it is measured, long enough for the JIT to settle: on
        // two cores its compiler thread is otherwise busy during the measured rounds (after 100 warm-up /asks, 882
        // C2 compilations during the 500 measured ones; after 1,500, 225), taking a core from the commands.
        measure("warm-up", Integer.getInteger("bandura.bench.warmUp", 1_000), i -> {
            if (i % 2 == 0) {
                core.handle(actor, new Command.Search(randomText(random, 3)));
            } else {
                core.search().similar(workspace, randomText(random, 12), -1, 3);
            }
        });
        System.gc();
        System.out.println("idle RSS after warm-up and GC: " + rssMiB() + " MiB");

        Runnable searches = () -> {
            measure("/search through the core", ROUNDS, i -> core.handle(actor, new Command.Search(
                    i % 2 == 0 ? planted.get(i / 2 % planted.size()).search() : randomText(random, 3))));
            measure("similar questions", ROUNDS, i -> core.search().similar(workspace,
                    i % 2 == 0 ? planted.get(i / 2 % planted.size()).rephrased() : randomText(random, 12), -1, 3));
        };
        // /ask runs routing and database code the searches do not: unwarmed, its first rounds were its slowest
        // percent. Its changes leave small index segments (merged away over time) that searches measured before
        // it do not meet: -Dbandura.bench.askFirst=true measures the searches after the /ask rounds instead.
        Runnable asks = () -> {
            measure("/ask warm-up", Integer.getInteger("bandura.bench.askWarmUp", 1_500), i -> core.handle(actor,
                    new Command.Ask(randomText(random, 12) + " #tag" + random.nextInt(TAGS), List.of())));
            measure("/ask through the core", ROUNDS, i -> core.handle(actor,
                    new Command.Ask(randomText(random, 12) + " #tag" + random.nextInt(TAGS), List.of())));
        };
        if (Boolean.getBoolean("bandura.bench.askFirst")) {
            asks.run();
            searches.run();
        } else {
            searches.run();
            asks.run();
        }

        int first = 0;
        int amongThree = 0;
        for (int i = 0; i < planted.size(); i++) {
            long expected = plantedNumbers[i];
            SearchResults results = core.search().search(workspace, planted.get(i).search(), SearchFilter.ANY, 0, 1);
            if (!results.hits().isEmpty() && results.hits().get(0).questionNumber() == expected) {
                first++;
            } else {
                System.out.println("  search missed Q" + expected + ": " + planted.get(i).search());
            }
            List<SimilarQuestion> similar = core.search().similar(workspace, planted.get(i).rephrased(), -1, 3);
            if (similar.stream().anyMatch(q -> q.questionNumber() == expected)) {
                amongThree++;
            } else {
                System.out.println("  similar missed Q" + expected + ": " + planted.get(i).rephrased());
            }
        }
        System.out.printf(Locale.ROOT, "quality: planted question first for %d of %d searches (%.0f %%), "
                + "among 3 similar for %d of %d rephrasings (%.0f %%)%n", first, planted.size(),
                100.0 * first / planted.size(), amongThree, planted.size(), 100.0 * amongThree / planted.size());

        for (int i = 0; i < 1_000; i++) {
            switch (i % 4) {
                case 0 -> core.handle(actor, new Command.Search(randomText(random, 3)));
                case 1 -> core.handle(actor, new Command.Ask(randomText(random, 12) + " #tag" + random.nextInt(TAGS),
                        List.of()));
                case 2 -> core.handle(actor, new Command.Unanswered(null));
                default -> core.handle(actor, new Command.Top(null, org.bandura.core.model.Period.ALL));
            }
        }
        System.out.println("RSS after 1,000 mixed commands: " + rssMiB() + " MiB");
        System.gc();
        Thread.sleep(2_000);
        System.out.println("idle RSS after GC: " + rssMiB() + " MiB");
        core.close();
        database.close();
    }

    /**
     * Prints wall-time percentiles and, on a second line, the calling thread's CPU time per call: on a shared
     * machine the wall times wait for cores, the CPU times hardly do (work on other threads is not in them).
     */
    private static void measure(String name, int rounds, IntConsumer operation) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[rounds];
        long[] cpu = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            operation.accept(i);
            nanos[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        print(name, nanos);
        print("  (thread CPU)", cpu);
    }

    private static void print(String name, long[] nanos) {
        int rounds = nanos.length;
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-26s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", name,
                nanos[rounds / 2] / 1e6, nanos[(int) (rounds * 0.95)] / 1e6, nanos[(int) (rounds * 0.99)] / 1e6,
                nanos[rounds - 1] / 1e6);
    }

    /** Words drawn mostly from technical vocabulary (Zipf-like) plus invented words, so texts overlap realistically. */
    static String randomText(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            int pick = random.nextInt(10);
            if (pick < 5) {
                text.append(TECH[(int) Math.min(TECH.length - 1, Math.abs(random.nextGaussian()) * TECH.length / 2.5)]);
            } else if (pick < 7) {
                text.append(FILLER[random.nextInt(FILLER.length)]);
            } else {
                text.append(inventedWord(random.nextInt(20_000)));
            }
        }
        return text.toString();
    }

    private static String inventedWord(int n) {
        String[] syllables = {"ka", "lo", "mi", "ne", "su", "ta", "vo", "ri", "ze", "pu", "do", "fe", "gi", "ha", "ju"};
        StringBuilder word = new StringBuilder();
        do {
            word.append(syllables[n % syllables.length]);
            n /= syllables.length;
        } while (n > 0);
        return word.append("x").toString();
    }

    static List<Planted> evaluationSet() throws IOException {
        List<Planted> planted = new ArrayList<>();
        try (var in = SearchBenchmark.class.getResourceAsStream("/search-eval.tsv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t");
                    planted.add(new Planted(parts[0], parts[1], parts[2]));
                }
            }
        }
        return planted;
    }

    /** Bulk inserts: the workspace, 10k experts over 20 tags, {@code size} questions, half answered. */
    private static long[] seed(Database database, int size, List<Planted> planted) {
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        long workspace = database.inTransaction(sql -> sql.insert("INSERT INTO workspace (platform, external_id, "
                + "name, created_at) VALUES (?, ?, ?, ?)", SeededDatabase.WORKSPACE.platform().name(),
                SeededDatabase.WORKSPACE.externalId(), SeededDatabase.WORKSPACE.name(), now));
        long[] tags = new long[TAGS];
        long asker = database.inTransaction(sql -> {
            for (int t = 0; t < TAGS; t++) {
                tags[t] = sql.insert("INSERT INTO tag (workspace_id, name, created_at) VALUES (?, ?, ?)", workspace,
                        "tag" + t, now);
            }
            try (PreparedStatement member = sql.connection().prepareStatement("INSERT INTO member (workspace_id, "
                    + "user_id, display_name, name_key, created_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement expert = sql.connection().prepareStatement("INSERT INTO expert_subscription "
                         + "(member_id, tag_id, created_at) SELECT id, ?, ? FROM member WHERE workspace_id = ? "
                         + "AND user_id = ?")) {
                for (int e = 0; e < EXPERTS; e++) {
                    bind(member, workspace, "expert" + e, "expert" + e, "expert" + e, now);
                    member.addBatch();
                }
                member.executeBatch();
                for (int e = 0; e < EXPERTS; e++) {
                    bind(expert, tags[e % TAGS], now, workspace, "expert" + e);
                    expert.addBatch();
                }
                expert.executeBatch();
            }
            return sql.insert("INSERT INTO member (workspace_id, user_id, display_name, name_key, created_at) "
                    + "VALUES (?, 'asker', 'asker', 'asker', ?)", workspace, now);
        });
        long[] plantedNumbers = plantedNumbers(size, planted);
        Random random = new Random(42);
        int chunk = 50_000;
        for (int from = 1; from <= size; from += chunk) {
            int start = from;
            int end = Math.min(size, from + chunk - 1);
            database.inTransaction(sql -> {
                insertQuestions(sql, workspace, asker, tags, start, end, planted, plantedNumbers, random, now);
                return null;
            });
        }
        database.inTransaction(sql -> {
            sql.update("UPDATE workspace SET next_question_number = ?, next_answer_number = ? WHERE id = ?",
                    size + 1, size + 1, workspace);
            sql.update("ALTER TABLE question ALTER COLUMN id RESTART WITH " + (size + 1));
            sql.update("ALTER TABLE answer ALTER COLUMN id RESTART WITH " + (size + 1));
            return null;
        });
        return plantedNumbers;
    }

    /** Where the evaluation questions are planted: spread evenly over the question numbers. */
    static long[] plantedNumbers(int size, List<Planted> planted) {
        long[] numbers = new long[planted.size()];
        for (int i = 0; i < planted.size(); i++) {
            numbers[i] = 1 + (long) i * size / planted.size();
        }
        return numbers;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void insertQuestions(Sql sql, long workspace, long asker, long[] tags, int start, int end,
                                        List<Planted> planted, long[] plantedNumbers, Random random,
                                        OffsetDateTime now) throws SQLException {
        try (PreparedStatement question = sql.connection().prepareStatement("INSERT INTO question (id, workspace_id, "
                + "number, asker_id, title, body, answer_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement questionTag = sql.connection().prepareStatement(
                     "INSERT INTO question_tag (question_id, tag_id, asked_at, is_open) VALUES (?, ?, ?, ?)");
             PreparedStatement answer = sql.connection().prepareStatement("INSERT INTO answer (id, workspace_id, "
                     + "number, question_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int n = start; n <= end; n++) {
                int plantedIndex = Arrays.binarySearch(plantedNumbers, n);
                String text = plantedIndex >= 0 ? planted.get(plantedIndex).question()
                        : randomText(random, 8) + "? " + randomText(random, 20 + random.nextInt(20));
                boolean answered = plantedIndex >= 0 || n % 2 == 0;
                String title = text.length() <= 120 ? text : text.substring(0, 120);
                bind(question, n, workspace, n, asker, title, text, answered ? 1 : 0, now);
                question.addBatch();
                bind(questionTag, n, tags[random.nextInt(TAGS)], now, !answered);
                questionTag.addBatch();
                if (answered) {
                    bind(answer, n, workspace, n, n, asker, randomText(random, 25), now, now);
                    answer.addBatch();
                }
            }
            question.executeBatch();
            questionTag.executeBatch();
            answer.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Resident size in MiB, with its parts: anonymous (heap, JVM) and file-backed (mapped index files, jars). */
    private static String rssMiB() {
        try {
            StringBuilder parts = new StringBuilder();
            String total = "?";
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                long mib = line.matches("^(VmRSS|RssAnon|RssFile):.*") ? Long.parseLong(line.replaceAll("\\D", "")) / 1024 : -1;
                if (line.startsWith("VmRSS:")) {
                    total = Long.toString(mib);
                } else if (line.startsWith("RssAnon:")) {
                    parts.append("anon ").append(mib);
                } else if (line.startsWith("RssFile:")) {
                    parts.append(", file ").append(mib);
                }
            }
            return total + " (" + parts + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchBenchmark() {
    }
}
