package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.bandura.core.Outbox;
import org.bandura.core.Outbox.Outcome;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.reply.QuestionPost;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox contract on a real database: order per key, pace, retries, give-up, exactly once, question posts. */
class OutboxDeliveryTest {

    private static final WorkspaceRef DISCORD = new WorkspaceRef(Platform.DISCORD, "G1", "Guild");
    private static final WorkspaceRef SLACK = new WorkspaceRef(Platform.SLACK, "T1", "Team");

    private static Actor slackUser(String name) {
        return new Actor(SLACK, "U" + name, name, false);
    }

    private static String text(Outbox.Item item) {
        return item.payload();
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("rows delivered more than 30 days ago are pruned; newer and failed rows stay")
    void deliveredRowsArePruned(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            Outbox.Sender sender = item -> item.payload().equals("refused") ? new Outcome.Failed("missing access")
                    : new Outcome.Delivered("k-" + item.id(), null, List.of());
            core.enqueue(DISCORD, "C1", "POST", "old", null);
            assertThat(core.deliver(Platform.DISCORD, sender)).isEqualTo(1);

            bandura.clock().advance(Duration.ofDays(20));
            core.enqueue(DISCORD, "C1", "POST", "recent", null);
            core.enqueue(DISCORD, "C2", "POST", "refused", null);
            assertThat(core.deliver(Platform.DISCORD, sender)).isEqualTo(1);

            bandura.clock().advance(Duration.ofDays(11));
            core.deliver(Platform.DISCORD, sender);

            List<String> kept = bandura.database().inTransaction(sql -> sql.list(
                    "SELECT payload FROM outbox_message ORDER BY id", row -> row.getString(1)));
            assertThat(kept).containsExactly("recent", "refused");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("a retry waiting on one channel holds back that channel's later rows, other channels go on")
    void orderPerChannel(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            core.enqueue(DISCORD, "C1", "POST", "c1-first", null);
            core.enqueue(DISCORD, "C1", "POST", "c1-second", null);
            core.enqueue(DISCORD, "C2", "POST", "c2-first", null);
            core.enqueue(DISCORD, null, "POST", "unordered", null);
            List<String> tried = new ArrayList<>();
            AtomicInteger c1Failures = new AtomicInteger();
            Outbox.Sender sender = item -> {
                tried.add(text(item));
                if (item.payload().equals("c1-first") && c1Failures.getAndIncrement() == 0) {
                    return new Outcome.Retry("HTTP 502");
                }
                return new Outcome.Delivered("k-" + item.id(), null, List.of());
            };

            assertThat(core.deliver(Platform.DISCORD, sender)).isEqualTo(2);
            assertThat(tried).containsExactly("c1-first", "c2-first", "unordered");

            tried.clear();
            bandura.clock().advance(Duration.ofMillis(999));
            assertThat(core.deliver(Platform.DISCORD, sender)).isZero();
            assertThat(tried).isEmpty();

            bandura.clock().advance(Duration.ofMillis(1));
            assertThat(core.deliver(Platform.DISCORD, sender)).isEqualTo(2);
            assertThat(tried).containsExactly("c1-first", "c1-second");
            assertThat(pending(bandura)).isZero();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("a 429 is retried after exactly its Retry-After, by the outbox clock")
    void retryAfterHonoured(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            core.enqueue(DISCORD, "C1", "POST", "hello", null);
            List<java.time.Instant> tries = new ArrayList<>();
            Outbox.Sender sender = item -> {
                tries.add(bandura.clock().instant());
                return tries.size() == 1 ? new Outcome.RetryAfter(Duration.ofSeconds(30), "ratelimited")
                        : new Outcome.Delivered("ts", null, List.of());
            };
            assertThat(core.deliver(Platform.DISCORD, sender)).isZero();
            bandura.clock().advance(Duration.ofSeconds(29));
            assertThat(core.deliver(Platform.DISCORD, sender)).isZero();
            assertThat(tries).hasSize(1);
            bandura.clock().advance(Duration.ofSeconds(1));
            assertThat(core.deliver(Platform.DISCORD, sender)).isEqualTo(1);
            assertThat(tries).hasSize(2);
            assertThat(Duration.between(tries.get(0), tries.get(1))).isEqualTo(Duration.ofSeconds(30));
            assertThat(lastError(bandura)).isEqualTo("ratelimited");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("5xx backs off 1 s, 2 s, 4 s … up to 5 min, and gives up after an hour with the last reason")
    void backOffAndGiveUp(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            core.enqueue(DISCORD, "C1", "POST", "doomed", null);
            core.enqueue(DISCORD, "C1", "POST", "after", null);
            List<java.time.Instant> tries = new ArrayList<>();
            List<String> delivered = new ArrayList<>();
            Outbox.Sender sender = item -> {
                if (item.payload().equals("after")) {
                    delivered.add("after");
                    return new Outcome.Delivered(null, null, List.of());
                }
                tries.add(bandura.clock().instant());
                return new Outcome.Retry("HTTP 503");
            };
            java.time.Instant start = bandura.clock().instant();
            for (int second = 0; second <= 3700; second++) {
                core.deliver(Platform.DISCORD, sender);
                bandura.clock().advance(Duration.ofSeconds(1));
            }
            List<Duration> gaps = new ArrayList<>();
            for (int i = 1; i < tries.size(); i++) {
                gaps.add(Duration.between(tries.get(i - 1), tries.get(i)));
            }
            assertThat(gaps.subList(0, 9)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                    Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32),
                    Duration.ofSeconds(64), Duration.ofSeconds(128), Duration.ofSeconds(256));
            assertThat(gaps.subList(9, gaps.size())).allMatch(gap -> gap.equals(Duration.ofMinutes(5)));
            assertThat(Duration.between(start, tries.get(tries.size() - 1))).isLessThanOrEqualTo(Outbox.GIVE_UP);
            assertThat(failedReason(bandura, "doomed")).contains("kept trying for 60 minutes").contains("HTTP 503");
            assertThat(delivered).as("a failed row no longer holds back its channel").containsExactly("after");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("Slack's pace: no two sends to one channel within 1 s of the outbox clock; other channels go on")
    void slackPace(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            for (int i = 1; i <= 3; i++) {
                core.enqueue(SLACK, "C1", "POST", "c1-" + i, null);
            }
            core.enqueue(SLACK, "C2", "POST", "c2-1", null);
            List<String> sent = new ArrayList<>();
            Outbox.Sender sender = item -> {
                sent.add(item.payload());
                return new Outcome.Delivered(null, null, List.of());
            };
            assertThat(core.deliver(Platform.SLACK, sender)).isEqualTo(2);
            bandura.clock().advance(Duration.ofMillis(999));
            assertThat(core.deliver(Platform.SLACK, sender)).isZero();
            bandura.clock().advance(Duration.ofMillis(1));
            assertThat(core.deliver(Platform.SLACK, sender)).isEqualTo(1);
            bandura.clock().advance(Duration.ofSeconds(1));
            assertThat(core.deliver(Platform.SLACK, sender)).isEqualTo(1);
            assertThat(sent).containsExactly("c1-1", "c2-1", "c1-2", "c1-3");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("two processes delivering at once hand every row over exactly once, in order per channel")
    void exactlyOnceAcrossProcesses(Backend backend) throws Exception {
        DatabaseSettings database = backend.freshDatabase();
        try (TestCore one = TestCore.on(database, TestCore.settings());
             TestCore two = TestCore.attach(database, TestCore.settings())) {
            int rows = 120;
            for (int i = 0; i < rows; i++) {
                one.service().enqueue(DISCORD, "C" + (i % 6), "POST", Integer.toString(i), null);
            }
            List<Integer> handed = Collections.synchronizedList(new ArrayList<>());
            Map<String, List<Integer>> perChannel = Collections.synchronizedMap(new HashMap<>());
            Outbox.Sender sender = item -> {
                int n = Integer.parseInt(item.payload());
                handed.add(n);
                perChannel.computeIfAbsent(item.orderKey(), key -> Collections.synchronizedList(new ArrayList<>()))
                        .add(n);
                return new Outcome.Delivered(null, null, List.of());
            };
            List<CompletableFuture<Integer>> workers = new ArrayList<>();
            for (TestCore process : List.of(one, two, one, two)) {
                workers.add(CompletableFuture.supplyAsync(() -> {
                    int total = 0;
                    for (int round = 0; round < 20; round++) {
                        total += process.service().deliver(Platform.DISCORD, sender);
                    }
                    return total;
                }));
            }
            int total = 0;
            for (CompletableFuture<Integer> worker : workers) {
                total += worker.get();
            }
            assertThat(total).isEqualTo(rows);
            assertThat(handed).hasSize(rows);
            assertThat(new HashSet<>(handed)).hasSize(rows);
            perChannel.values().forEach(list -> assertThat(list).isSorted());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("a question asked through the outbox is invisible until its post succeeds, then found everywhere")
    void unpostedQuestionInvisible(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            Actor alice = slackUser("alice");
            Reply asked = core.handle(alice, new Command.Ask("How do I tune the connection pool? #java", List.of())
                    .postedTo(new Command.PostTo("C1", "{\"responseUrl\":\"https://hooks/x\"}")));
            assertThat(asked.isError()).isFalse();
            assertThat(bandura.rows("outbox_message")).as("the post intent is committed with the question")
                    .isEqualTo(1);

            assertThat(indexed(bandura, "connection pool")).doesNotContain(1L);
            assertThat(bandura.run(alice, "/unanswered").text().toPlainString()).doesNotContain("Q1");
            Reply second = bandura.run(slackUser("bob"), "/ask How do I tune the connection pool size? #java");
            assertThat(second.text().toPlainString()).doesNotContain("Similar questions");
            assertThat(core.questionOfThread(SLACK, "C1:1.0")).isEmpty();
            assertThat(visibleQuestions(bandura)).isEqualTo(1); // bob's, asked without the outbox
            assertThat(webPage(bandura, 1)).as("no web page either").isEmpty();

            List<Outbox.Item> posted = new ArrayList<>();
            assertThat(core.deliver(Platform.SLACK, item -> {
                posted.add(item);
                return new Outcome.Delivered("C1:1.0", null, List.of(new Outbox.FollowUp("MENTION", "C1", "{}")));
            })).isEqualTo(1);
            QuestionPost post = QuestionPost.fromJson(posted.get(0).payload());
            assertThat(post.asked().number()).isEqualTo(1);
            assertThat(post.asked().title()).isEqualTo("How do I tune the connection pool? #java");
            assertThat(post.origin()).isEqualTo("{\"responseUrl\":\"https://hooks/x\"}");
            assertThat(posted.get(0).kind()).isEqualTo(Outbox.QUESTION);
            assertThat(posted.get(0).orderKey()).isEqualTo("C1");

            assertThat(indexed(bandura, "connection pool")).contains(1L);
            assertThat(bandura.run(alice, "/unanswered").text().toPlainString()).contains("Q1");
            assertThat(core.questionOfThread(SLACK, "C1:1.0")).contains(1L);
            assertThat(visibleQuestions(bandura)).isEqualTo(2);
            assertThat(webPage(bandura, 1)).isPresent();

            bandura.clock().advance(Duration.ofSeconds(1));
            List<String> followUps = new ArrayList<>();
            core.deliver(Platform.SLACK, item -> {
                followUps.add(item.kind() + " " + item.questionNumber());
                return new Outcome.Delivered(null, null, List.of());
            });
            assertThat(followUps).as("the follow-up the adapter asked for, after the post").containsExactly("MENTION 1");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("a post that fails for good removes the question and tells the asker the real reason")
    void failedPostRemovesQuestion(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            Actor alice = slackUser("alice");
            core.handle(alice, new Command.Ask("Why does the build hang? #maven", List.of())
                    .postedTo(new Command.PostTo("C9", "origin-data")));
            String reason = "I'm not in #random: invite me with /invite @Bandura";
            List<Outbox.Item> handed = new ArrayList<>();
            core.deliver(Platform.SLACK, item -> {
                handed.add(item);
                return item.kind().equals(Outbox.QUESTION) ? new Outcome.Failed(reason)
                        : new Outcome.Delivered(null, null, List.of());
            });
            assertThat(handed).extracting(Outbox.Item::kind).containsExactly(Outbox.QUESTION, Outbox.QUESTION_FAILED);
            QuestionPost told = QuestionPost.fromJson(handed.get(1).payload());
            assertThat(told.reason()).isEqualTo(reason);
            assertThat(told.origin()).isEqualTo("origin-data");
            assertThat(told.asked().asker().userId()).isEqualTo("Ualice");

            assertThat(indexed(bandura, "build hang")).doesNotContain(1L);
            assertThat(bandura.run(alice, "/unanswered").text().toPlainString()).doesNotContain("Q1");
            assertThat(visibleQuestions(bandura)).isZero();
            assertThat(core.handle(alice, new Command.LinkQuestion(1, "C9", "C9:2.0", "C9:2.0")).isError())
                    .as("a removed question can't be linked back").isTrue();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("an adapter that posts itself reports a failure: the question goes and the asker is told privately")
    void questionPostFailedCommand(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            Actor alice = slackUser("alice");
            core.handle(alice, new Command.Ask("Where are the logs? #ops", List.of())
                    .postedTo(new Command.PostTo("C9", null)));
            // the adapter posted it itself and could not: it reports instead of delivering the QUESTION row
            Reply reply = core.handle(alice, new Command.QuestionPostFailed(1,
                    "This forum needs one of its tags: ops, dev."));
            assertThat(reply.isError()).isFalse();
            List<String> told = new ArrayList<>();
            core.deliver(Platform.SLACK, item -> {
                if (item.message() != null) {
                    told.add(item.message().recipientUserId() + ": " + item.message().body());
                    return new Outcome.Delivered(null, null, List.of());
                }
                return new Outcome.Failed("not delivered in this test");
            });
            assertThat(told).containsExactly("Ualice: I couldn't post your question Q1 (\"Where are the logs? #ops\"): "
                    + "This forum needs one of its tags: ops, dev. It was not kept; ask again once that is fixed.");
            assertThat(visibleQuestions(bandura)).isZero();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("a question waiting for its post, or whose post failed, is open under no tag of the health view")
    void pendingAndFailedPostsAreNotOpenUnderTheirTags(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            Actor alice = slackUser("alice");
            core.handle(alice, new Command.Ask("Where are the logs? #ops", List.of())
                    .postedTo(new Command.PostTo("C9", null)));
            core.handle(alice, new Command.Ask("Who rotates the keys? #ops", List.of())
                    .postedTo(new Command.PostTo("C9", null)));
            assertThat(openUnderTags(bandura)).as("both wait for their post").isZero();

            core.handle(alice, new Command.QuestionPostFailed(1, "I'm not in #ops."));
            core.handle(alice, new Command.LinkQuestion(2, "C9", "C9:2.0", "C9:2.0"));

            assertThat(openUnderTags(bandura)).as("only the posted one").isEqualTo(1);
        }
    }

    private static long openUnderTags(TestCore bandura) {
        return bandura.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM question_tag WHERE is_open = TRUE"));
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("the question's post intent survives a crash: another process posts it")
    void crashAfterCommitStillPosts(Backend backend) {
        DatabaseSettings database = backend.freshDatabase();
        try (TestCore crashed = TestCore.attach(database, TestCore.settings())) {
            crashed.service().handle(slackUser("alice"), new Command.Ask("Is the cache warm? #ops", List.of())
                    .postedTo(new Command.PostTo("C1", null)));
        }
        try (TestCore restarted = TestCore.on(database, TestCore.settings())) {
            // the in-memory index is rebuilt at start; searches only answer "warming up" until then
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> !restarted.service().search().warmingUp());
            Set<String> kinds = new HashSet<>();
            assertThat(restarted.service().deliver(Platform.SLACK, item -> {
                kinds.add(item.kind());
                return new Outcome.Delivered("C1:5.0", null, List.of());
            })).isEqualTo(1);
            assertThat(kinds).containsExactly(Outbox.QUESTION);
            assertThat(indexed(restarted, "cache warm")).as("the delivering process finds it at once").contains(1L);
        }
    }

    /** The knowledge base's page of a question, as a signed-in member of the workspace sees it. */
    private static java.util.Optional<org.bandura.core.knowledge.KnowledgeBase.QuestionPage> webPage(TestCore bandura,
                                                                                                    long number) {
        long workspaceId = bandura.workspaceId(SLACK);
        long memberId = bandura.database().inTransaction(sql -> sql.count(
                "SELECT MIN(id) FROM member WHERE workspace_id = ?", workspaceId));
        var knowledge = new org.bandura.core.knowledge.KnowledgeBase(bandura.database(),
                new org.bandura.core.knowledge.IndexKnowledgeSearch(bandura.database(), bandura.service().search()),
                bandura.clock());
        return knowledge.question(new org.bandura.core.knowledge.KnowledgeBase.Scope(workspaceId, memberId), number);
    }

    /** The question numbers search finds, answered or not. */
    private static List<Long> indexed(TestCore bandura, String query) {
        return bandura.service().search().search(bandura.workspaceId(SLACK), query,
                org.bandura.core.search.SearchFilter.ANY, 0, 10).hits().stream()
                .map(hit -> hit.questionNumber()).toList();
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("the escalation ladder waits for a question whose post is still being retried")
    void ladderWaitsForThePost(Backend backend) {
        try (TestCore bandura = backend.open()) {
            CoreService core = bandura.service();
            JobRunner jobs = new JobRunner(bandura.database(), bandura.clock(), "worker", core.jobHandlers());
            core.handle(slackUser("alice"), new Command.Ask("Why is the queue stuck? #ops", List.of())
                    .postedTo(new Command.PostTo("C1", null)));
            core.deliver(Platform.SLACK, item -> new Outcome.Retry("HTTP 503"));
            for (int hour = 0; hour < 50 && bandura.rows("escalation_step") == 0; hour++) {
                bandura.clock().advance(Duration.ofMinutes(10));
                jobs.runDue();
                if (hour == 5) {
                    assertThat(bandura.rows("escalation_step")).as("no step while the post is retried").isZero();
                    core.deliver(Platform.SLACK, item -> new Outcome.Delivered("C1:1.0", null, List.of()));
                }
            }
            assertThat(bandura.rows("escalation_step")).as("the ladder goes on once it is posted").isPositive();
        }
    }

    private static long visibleQuestions(TestCore bandura) {
        return bandura.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM question WHERE deleted_at IS NULL"));
    }

    private static long pending(TestCore bandura) {
        return bandura.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM outbox_message WHERE delivered_at IS NULL AND failed_at IS NULL"));
    }

    private static String lastError(TestCore bandura) {
        return bandura.database().inTransaction(sql -> sql.one("SELECT last_error FROM outbox_message",
                row -> row.getString(1)).orElse(null));
    }

    private static String failedReason(TestCore bandura, String payload) {
        return bandura.database().inTransaction(sql -> sql.one("SELECT last_error FROM outbox_message "
                + "WHERE payload = ? AND failed_at IS NOT NULL", row -> row.getString(1), payload).orElse(null));
    }
}
