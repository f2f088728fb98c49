package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.testing.TestDatabases;
import org.bandura.discord.fake.FakeDiscord;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: the packaged bot runs in a child JVM against the fake Slack (Socket Mode) and the fake
 * Discord, events stream in through the real Bolt and JDA clients, and the child is killed with SIGKILL at random
 * points, then restarted on the same database. Every Slack envelope the fake saw acked, and every Discord
 * interaction that got its response, must be in the database afterwards, exactly once.
 */
class KillDuringEventsIT {

    private static final String CHANNEL = "C0DURABLE";
    private static final String ASKER = "U0ASKER";
    private static final int VOTERS = 60;
    private static final int KILLS = 3;
    /** Acks to see in each run before the kill may come. */
    private static final int ACKS_PER_RUN = 55;
    /** Envelopes sent but not yet acked that the sender allows, as Slack's own back-pressure would. */
    private static final int MAX_IN_FLIGHT = 40;
    /** 50 Slack events a second, and a Discord /ask every tenth tick. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @TempDir
    Path directory;

    private enum Kind { ANSWER, VOTE, ASK }

    /** One Slack envelope sent and what it must leave in the database once acked. */
    private record Sent(String envelope, Kind kind, String key) {
    }

    private record Answer(String envelope, String messageKey, int author) {
    }

    @Test
    @DisplayName("H2: SIGKILL at random points while votes, answers and /ask arrive; 0 acked events lost")
    void h2() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("data").resolve("bandura");
        run("H2", Map.of("BANDURA_DATABASE_URL", url), () -> Database.open(DatabaseSettings.of(url)));
    }

    @Test
    @DisplayName("PostgreSQL: SIGKILL at random points while votes, answers and /ask arrive; 0 acked events lost")
    void postgres() throws Exception {
        DatabaseSettings settings = TestDatabases.postgres();
        try {
            run("PostgreSQL", Map.of("BANDURA_DATABASE_URL", settings.url(), "BANDURA_DATABASE_USER",
                    settings.user(), "BANDURA_DATABASE_SCHEMA", settings.schema()), () -> Database.open(settings));
        } finally {
            TestDatabases.dropSchema(settings.schema());
        }
    }

    private void run(String name, Map<String, String> database, Supplier<Database> reopen) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path log = Files.createDirectories(Path.of("target", "kill-test")).toAbsolutePath()
                .resolve(name + "-" + seed + ".log");
        try (FakeSlack slack = new FakeSlack(); FakeDiscord discord = new FakeDiscord().start()) {
            slack.addUser(ASKER, "Asker", false);
            for (int i = 0; i < VOTERS; i++) {
                slack.addUser(voter(i), "Voter " + i, false);
            }
            Map<String, String> env = new HashMap<>(database);
            env.putAll(Map.of("SLACK_BOT_TOKEN", "xoxb-kill-test", "SLACK_APP_TOKEN", "xapp-kill-test",
                    "SLACK_API_URL", slack.apiUrl(), "DISCORD_TOKEN", FakeDiscord.TOKEN,
                    "DISCORD_REST_URL", discord.restUrl(), "BANDURA_DISCORD_DEV_GUILDS", discord.guildId,
                    "BANDURA_HTTP_ENABLED", "false"));
            Child child = new Child(env, log, slack, discord);
            try {
                runAndCheck(name, seed, random, log, slack, discord, child, reopen);
            } finally {
                child.forget();
            }
        }
    }

    private void runAndCheck(String name, long seed, Random random, Path log, FakeSlack slack, FakeDiscord discord,
                             Child child, Supplier<Database> reopen) throws Exception {
        child.start();
        String questionTs = seedQuestion(slack);
        List<Sent> sent = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        Map<String, Integer> votesCast = new HashMap<>();
        Map<String, String> discordAsks = new LinkedHashMap<>();
        int tick = 0;
        for (int run = 0; run <= KILLS; run++) {
            if (run > 0) {
                child.start();
            }
            int firstOfRun = sent.size();
            long acksBefore = acked(slack, sent);
            long goal = acksBefore + ACKS_PER_RUN;
            long extra = TimeUnit.MILLISECONDS.toNanos(random.nextInt(1500));
            long reachedAt = 0;
            long next = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                long now = System.nanoTime();
                assertThat(now).as("%d acks in one run within 30 s; see %s", ACKS_PER_RUN, log)
                        .isLessThan(deadline);
                if (reachedAt == 0 && acked(slack, sent) >= goal) {
                    reachedAt = now;
                }
                if (reachedAt != 0 && now - reachedAt >= extra) {
                    break;
                }
                if (sent.size() - firstOfRun - (acked(slack, sent) - acksBefore) >= MAX_IN_FLIGHT) {
                    next += TICK_NANOS;
                    LockSupport.parkNanos(next - System.nanoTime());
                    continue;
                }
                tick++;
                sent.add(nextEvent(slack, random, tick, questionTs, sent, answers, votesCast));
                if (tick % 10 == 0) {
                    String text = "Discord durable ask " + tick;
                    discordAsks.put(discord.slashCommand(tick % 20 == 0 ? discord.asker : discord.stranger,
                            discord.textChannelId, "ask", null, "question", text), text);
                }
                next += TICK_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            if (run < KILLS) {
                child.kill();
            } else {
                // the last run: let the acks in flight arrive, then stop it as an operator would
                List<Sent> lastRun = List.copyOf(sent.subList(firstOfRun, sent.size()));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .untilAsserted(() -> assertThat(lastRun.stream()
                                .filter(s -> !slack.acks().containsKey(s.envelope())).toList())
                                .as("envelopes the running bot never acked (log: %s)", log).isEmpty());
                child.stop();
            }
        }

        List<Sent> acked = sent.stream().filter(s -> slack.acks().containsKey(s.envelope())).toList();
        List<String> answeredInteractions = discordAsks.keySet().stream()
                .filter(id -> !discord.callbacks(id).isEmpty()).toList();
        try (Database reopened = reopen.get()) {
            State state = State.read(reopened);
            List<Sent> lost = acked.stream().filter(s -> !state.has(s)).toList();
            List<String> lostAsks = answeredInteractions.stream()
                    .filter(id -> !state.questions.contains(discordAsks.get(id))).toList();
            System.out.printf("[bandura] kill test on %s (seed %d): %d kills, %d of %d Slack envelopes acked, "
                            + "%d of %d Discord /ask answered, %d lost%n", name, seed, KILLS, acked.size(),
                    sent.size(), answeredInteractions.size(), discordAsks.size(), lost.size() + lostAsks.size());
            assertThat(acked.size() + answeredInteractions.size()).as("acked events").isGreaterThanOrEqualTo(200);
            assertThat(lost).as("acked Slack events missing from the database (log: %s)", log).isEmpty();
            assertThat(lostAsks).as("answered Discord /ask missing from the database").isEmpty();
            assertThat(state.duplicates).as("events applied twice").isEmpty();
            assertThat(acked.stream().filter(s -> s.kind() == Kind.VOTE)).as("acked votes").isNotEmpty();
        }
    }

    /** Asks the question whose thread gets the answers, and waits until it is posted and linked. */
    private static String seedQuestion(FakeSlack slack) {
        // the first command of a fresh JVM may take longer than Slack's 3 s; it is not counted
        String envelope = slack.sendCommand(SlackPayloads.slashCommand("/ask", "Where do answers go when the bot "
                + "dies?", ASKER, "asker", CHANNEL, slack.responseUrl()));
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.acks().containsKey(envelope));
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.posts().stream()
                .anyMatch(post -> post.threadTs() != null && CHANNEL.equals(post.channel())));
        return slack.posts().stream().filter(post -> post.threadTs() != null).findFirst().orElseThrow().threadTs();
    }

    /** An answer in the thread, a 👍 on an answer whose ack came back, or a /ask, in turn. */
    private static Sent nextEvent(FakeSlack slack, Random random, int tick, String questionTs, List<Sent> sent,
                                  List<Answer> answers, Map<String, Integer> votesCast) {
        Kind kind = Kind.values()[tick % 3];
        if (kind == Kind.VOTE) {
            List<Answer> ready = answers.stream().filter(a -> slack.acks().containsKey(a.envelope()))
                    .filter(a -> votesCast.getOrDefault(a.messageKey(), 0) < VOTERS - 1).toList();
            if (ready.isEmpty()) {
                kind = Kind.ANSWER;
            } else {
                Answer answer = ready.get(random.nextInt(ready.size()));
                int count = votesCast.merge(answer.messageKey(), 1, Integer::sum);
                int voter = (answer.author() + count) % VOTERS;
                String ts = answer.messageKey().substring(CHANNEL.length() + 1);
                // As on Slack, what an event says happened is in the channel's history too (catch-up reads it).
                slack.keepReaction(voter(voter), CHANNEL, ts, "+1");
                String envelope = slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                        SlackPayloads.reaction(true, voter(voter), "+1", CHANNEL, ts, voter(answer.author()))));
                return new Sent(envelope, Kind.VOTE, voter(voter) + " " + answer.messageKey());
            }
        }
        if (kind == Kind.ASK) {
            String text = "Durable slack ask " + tick;
            String envelope = slack.sendCommand(SlackPayloads.slashCommand("/ask", text, voter(tick % VOTERS),
                    "voter" + tick % VOTERS, CHANNEL, slack.responseUrl()));
            return new Sent(envelope, Kind.ASK, text);
        }
        String ts = String.format("1800000000.%06d", tick);
        int author = tick % VOTERS;
        String text = "Answer " + tick + ": restart the service with systemctl and read its log for the first error.";
        slack.keepReply(voter(author), CHANNEL, ts, questionTs, text);
        String envelope = slack.sendEvent(SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.message(voter(author), CHANNEL, ts, questionTs, text)));
        String key = CHANNEL + ":" + ts;
        answers.add(new Answer(envelope, key, author));
        return new Sent(envelope, Kind.ANSWER, key);
    }

    private static long acked(FakeSlack slack, List<Sent> sent) {
        Map<String, FakeSlack.Ack> acks = slack.acks();
        return sent.stream().filter(s -> acks.containsKey(s.envelope())).count();
    }

    private static String voter(int i) {
        return String.format("U0V%03d", i);
    }

    /** What the database holds: answers by message key, votes as "voter messageKey", question titles. */
    private record State(Set<String> answers, Set<String> votes, Set<String> questions, List<String> duplicates) {

        static State read(Database database) {
            return database.inTransaction(sql -> {
                List<String> answerKeys = sql.list("SELECT message_key FROM answer WHERE message_key IS NOT NULL",
                        row -> row.getString(1));
                List<String> votes = sql.list("SELECT m.user_id, a.message_key FROM vote v "
                        + "JOIN member m ON m.id = v.voter_id JOIN answer a ON a.id = v.post_id "
                        + "WHERE v.post_type = 'A'", row -> row.getString(1) + " " + row.getString(2));
                List<String> titles = sql.list("SELECT title FROM question", row -> row.getString(1));
                List<String> duplicates = new ArrayList<>();
                duplicates.addAll(repeated(answerKeys));
                duplicates.addAll(repeated(titles));
                return new State(Set.copyOf(answerKeys), Set.copyOf(votes), Set.copyOf(titles), duplicates);
            });
        }

        private static List<String> repeated(List<String> values) {
            Set<String> seen = new HashSet<>();
            return values.stream().filter(value -> !seen.add(value)).toList();
        }

        boolean has(Sent sent) {
            return switch (sent.kind()) {
                case ANSWER -> answers.contains(sent.key());
                case VOTE -> votes.contains(sent.key());
                case ASK -> questions.contains(sent.key());
            };
        }
    }

    /** The packaged bot in a child JVM; its output goes to one log file across restarts. */
    private final class Child {
        private final Map<String, String> env;
        private final Path log;
        private final FakeSlack slack;
        private final FakeDiscord discord;
        private Process process;

        Child(Map<String, String> env, Path log, FakeSlack slack, FakeDiscord discord) {
            this.env = env;
            this.log = log;
            this.slack = slack;
            this.discord = discord;
        }

        void start() throws Exception {
            int connections = slack.calls("apps.connections.open").size();
            int registrations = discord.calls("PUT", "/applications/.*/commands").size();
            ProcessBuilder builder = ConsoleJarIT.jar(directory).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Files.createFile(directory.resolve(
                            "stdin-" + System.nanoTime())).toFile()));
            builder.environment().putAll(env);
            process = builder.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> !process.isAlive()
                    || (slack.calls("apps.connections.open").size() > connections && slack.connected()
                    && discord.calls("PUT", "/applications/.*/commands").size() > registrations
                    && discord.gatewaySessions() == 1));
            assertThat(process.isAlive()).as("the bot started; see %s:%n%s", log, Files.readString(log)).isTrue();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !slack.connected() && discord.gatewaySessions() == 0);
        }

        /** After a failure: no bot outlives the test. */
        void forget() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
