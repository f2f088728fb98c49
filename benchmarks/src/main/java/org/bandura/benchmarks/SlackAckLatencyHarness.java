package org.bandura.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bandura.core.model.Platform;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;
import org.bandura.slack.SlackFrontDoor;
import org.bandura.slack.SlackSettings;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;

/**
 * Slack ack latency at a steady rate: the real Slack front door (Bolt, Socket Mode) on a real core and an H2 file
 * database, fed by the fake Slack of the adapter's tests. Thread replies (answers), 👍 on answers already acked
 * and {@code /ask} arrive in turn at {@code rate} a second; the latency is from the envelope leaving the fake to its
 * ack arriving back. Prints p50/p95/p99/max and the load average. Run by hand:
 * {@code java -cp benchmarks/target/benchmarks.jar org.bandura.benchmarks.SlackAckLatencyHarness [rate] [seconds]}
 */
public final class SlackAckLatencyHarness {

    private static final String CHANNEL = "C0BENCH";
    private static final int USERS = 60;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    /** Questions whose threads get the answers, so no question collects an unrealistic thousand answers. */
    private static final int QUESTIONS = 50;

    private SlackAckLatencyHarness() {
    }

    private record Answer(String envelope, String ts, int author) {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : SlackSettings.DEFAULT_SOCKET_CONCURRENCY;
        Path directory = Files.createTempDirectory("bandura-ack-latency");
        try (Database database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("bandura")));
             CoreService core = new CoreService(database, new CoreSettings(4000, 3, Integer.MAX_VALUE / 2, 100, 5),
                     Clock.systemUTC());
             FakeSlack slack = new FakeSlack()) {
            // The harness measures acks, not posting: the outbox's one-post-per-second pace per channel would take
            // minutes to post the 50 seed questions of one channel before measuring could start.
            core.outbox().pace(Platform.SLACK, Duration.ZERO);
            for (int i = 0; i < USERS; i++) {
                slack.addUser(user(i), "Member " + i, false);
            }
            slack.addUser("U0ASKER", "Asker", false);
            try (SlackFrontDoor door = new SlackFrontDoor(core, new SlackSettings("xoxb-bench", "xapp-bench", null,
                    slack.apiUrl(), List.of(), null, null, null, concurrency))) {
                door.start();
                slack.awaitConnected();
                for (int q = 0; q < QUESTIONS; q++) {
                    slack.sendCommand(SlackPayloads.slashCommand("/ask", "Where do acks go under load, case " + q
                            + "?", "U0ASKER", "asker", CHANNEL, slack.responseUrl()));
                }
                Feeder feeder = new Feeder(slack, awaitThreads(slack), new Random(42));
                feeder.run(rate, WARM_UP.toSeconds());
                List<String> measured = feeder.run(rate, seconds);
                Instant waitUntil = Instant.now().plusSeconds(30);
                while (Instant.now().isBefore(waitUntil)
                        && !measured.stream().allMatch(id -> slack.acks().containsKey(id))) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
                System.out.printf("socket concurrency %d%n", concurrency);
                report("all", slack, measured, rate, seconds);
                for (String kind : List.of("answer", "vote", "ask")) {
                    report(kind, slack, measured.stream().filter(id -> kind.equals(feeder.kinds.get(id))).toList(),
                            rate, seconds);
                }
            }
        }
    }

    /** The seed questions' thread timestamps, once each question is posted and linked. */
    private static List<String> awaitThreads(FakeSlack slack) {
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            List<String> threads = slack.posts().stream().map(FakeSlack.Posted::threadTs)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            if (threads.size() >= QUESTIONS) {
                return threads;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("The seed questions were not posted");
    }

    private static void report(String what, FakeSlack slack, List<String> measured, int rate, int seconds)
            throws Exception {
        Map<String, FakeSlack.Ack> acks = slack.acks();
        List<Long> micros = new ArrayList<>();
        for (String id : measured) {
            if (acks.containsKey(id)) {
                micros.add(slack.ackDelay(id).toNanos() / 1_000);
            }
        }
        micros.sort(Long::compare);
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.printf("%s: Slack ack latency at %d events/s for %d s: %d sent, %d acked; p50 %.1f ms, p95 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms; over 3 s: %d; load average %s%n", what, rate, seconds, measured.size(),
                micros.size(), at(micros, 0.50), at(micros, 0.95), at(micros, 0.99),
                micros.isEmpty() ? Double.NaN : micros.get(micros.size() - 1) / 1000.0,
                micros.stream().filter(us -> us > 3_000_000).count(), load);
    }

    private static double at(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1000.0;
    }

    private static String user(int i) {
        return String.format("U0M%03d", i);
    }

    /** Sends answers, 👍 on acked answers, and /ask in turn, at a fixed rate. */
    private static final class Feeder {
        private final FakeSlack slack;
        private final List<String> threads;
        private final Random random;
        private final List<Answer> answers = new ArrayList<>();
        private final Map<String, Integer> votes = new HashMap<>();
        private final Map<String, String> kinds = new HashMap<>();
        private int tick;

        Feeder(FakeSlack slack, List<String> threads, Random random) {
            this.slack = slack;
            this.threads = threads;
            this.random = random;
        }

        List<String> run(int rate, long seconds) {
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            List<String> sent = new ArrayList<>();
            for (long i = 0; i < rate * seconds; i++) {
                int before = answers.size();
                String envelope = send();
                kinds.put(envelope, answers.size() > before ? "answer" : tick % 3 == 2 ? "ask" : "vote");
                sent.add(envelope);
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            return sent;
        }

        private String send() {
            tick++;
            int kind = tick % 3;
            if (kind == 1) {
                Map<String, FakeSlack.Ack> acks = slack.acks();
                List<Answer> ready = answers.stream().filter(a -> acks.containsKey(a.envelope()))
                        .filter(a -> votes.getOrDefault(a.ts(), 0) < USERS - 1).toList();
                if (!ready.isEmpty()) {
                    Answer answer = ready.get(random.nextInt(ready.size()));
                    int voter = (answer.author() + votes.merge(answer.ts(), 1, Integer::sum)) % USERS;
                    return slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                            SlackPayloads.reaction(true, user(voter), "+1", CHANNEL, answer.ts(),
                                    user(answer.author()))));
                }
            }
            if (kind == 2) {
                return slack.sendCommand(SlackPayloads.slashCommand("/ask", "Benchmark question " + tick
                        + " about connection pools", user(tick % USERS), "member", CHANNEL, slack.responseUrl()));
            }
            String ts = String.format("1800000000.%06d", tick);
            int author = tick % USERS;
            String envelope = slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                    SlackPayloads.message(user(author), CHANNEL, ts, threads.get(tick % threads.size()),
                            "Answer " + tick + ": size the pool to the cores and measure under load.")));
            answers.add(new Answer(envelope, ts, author));
            return envelope;
        }
    }
}
