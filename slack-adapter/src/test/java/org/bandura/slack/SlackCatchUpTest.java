package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bandura.core.testing.TestCore;
import org.bandura.slack.fake.FakeSlack;
import org.bandura.slack.fake.SlackPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §4 on Slack, with the real Bolt client in Socket Mode against the local fake: what happened in a question's
 * thread while Bandura was stopped is recorded when it starts again, once, however often it starts.
 */
@DisplayName("Catch-up after downtime on Slack")
class SlackCatchUpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CHANNEL = SlackHarness.CHANNEL;
    private static final String ANN = SlackHarness.ANN;
    private static final String BOB = SlackHarness.BOB;
    private static final String CAT = SlackHarness.CAT;
    private static final String ANSWER = "Start with cores * 2 connections and measure the wait time.";

    private FakeSlack slack;
    private TestCore testCore;
    private SlackFrontDoor door;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final AtomicLong userTs = new AtomicLong(1_700_001_000_000_100L);

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        slack.addUser(ANN, "Ann", false);
        slack.addUser(BOB, "Bob", false);
        slack.addUser(CAT, "Cat", false);
        slack.addUser(FakeSlack.BOT_USER, "Bandura", false);
        testCore = TestCore.onH2();
        // these tests are about catch-up, not when posts go out: the pace is proven by SlackOutboxDeliveryTest
        testCore.service().outbox().pace(org.bandura.core.model.Platform.SLACK, Duration.ZERO);
        startBot();
    }

    @AfterEach
    void stop() {
        if (door != null) {
            door.close();
        }
        slack.close();
        testCore.close();
    }

    private void startBot() throws Exception {
        startBot(testCore.core());
    }

    private void startBot(org.bandura.core.BanduraCore core) throws Exception {
        door = new SlackFrontDoor(core, SlackSettings.socketMode("xoxb-test-token", "xapp-test-token")
                .withApiUrl(slack.apiUrl()), testCore.clock());
        door.catchUpPause(pauses::add);
        door.start();
        slack.awaitConnected();
        door.latestCatchUp().get(20, TimeUnit.SECONDS);
    }

    private void stopBot() {
        door.close();
        door = null;
        await().atMost(WAIT).until(() -> !slack.connected());
    }

    /** Asks through /ask and returns the question message's ts. */
    private String ask() {
        int before = slack.posts().size();
        slack.awaitAck(slack.sendCommand(SlackPayloads.slashCommand("/ask", "How do I size a HikariCP pool? #java",
                ANN, "ann", CHANNEL, slack.responseUrl())));
        await().atMost(WAIT).until(() -> slack.posts().size() >= before + 2);
        return slack.posts().get(before).ts();
    }

    private String nextTs() {
        long micros = userTs.incrementAndGet();
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }

    /** A reply while the bot runs: the event is delivered and the message is in history. */
    private String replyLive(String user, String threadTs, String text) {
        String ts = nextTs();
        slack.keepReply(user, CHANNEL, ts, threadTs, text);
        slack.awaitAck(slack.send("events_api", SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.message(user, CHANNEL, ts, threadTs, text)), 0));
        return ts;
    }

    private void reactLive(String user, String emoji, String ts, String author) {
        slack.keepReaction(user, CHANNEL, ts, emoji);
        slack.awaitAck(slack.send("events_api", SlackPayloads.eventCallback(SlackPayloads.newEventId(),
                SlackPayloads.reaction(true, user, emoji, CHANNEL, ts, author)), 0));
    }

    private long reputation(String user) {
        return testCore.reputation(SlackHarness.WORKSPACE, user);
    }

    private String answerText(String ts) {
        return testCore.database().inTransaction(sql -> sql.one("SELECT body FROM answer WHERE message_key = ?",
                row -> row.getString(1), SlackKeys.key(CHANNEL, ts)).orElse(null));
    }

    @Test
    @DisplayName("an answer and a 👍 posted while stopped are recorded at start, once; starting again changes nothing")
    void answerAndVoteWhileStopped() throws Exception {
        String question = ask();
        stopBot();

        String answer = nextTs();
        slack.keepReply(BOB, CHANNEL, answer, question, ANSWER);
        slack.keepReaction(CAT, CHANNEL, answer, "+1");
        startBot();

        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(answerText(answer)).isEqualTo(ANSWER);
        assertThat(reputation(BOB)).isEqualTo(11);
        assertThat(slack.calls("conversations.replies")).extracting(call -> call.param("oldest"))
                .containsExactly(question);

        stopBot();
        startBot();

        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(testCore.rows("vote")).isEqualTo(1);
        assertThat(reputation(BOB)).isEqualTo(11);
        assertThat(slack.calls("conversations.replies")).extracting(call -> call.param("oldest"))
                .containsExactly(question, answer);
    }

    @Test
    @DisplayName("an answer and a 👍 seen live and again in history count once")
    void liveThenHistoryCountsOnce() throws Exception {
        String question = ask();
        String answer = replyLive(BOB, question, ANSWER);
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        reactLive(CAT, "+1", answer, BOB);
        await().atMost(WAIT).until(() -> reputation(BOB) == 11);
        stopBot();

        startBot();

        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(testCore.rows("vote")).isEqualTo(1);
        assertThat(reputation(BOB)).isEqualTo(11);
        assertThat(reputation(CAT)).isEqualTo(1);
    }

    @Test
    @DisplayName("an answer edited and one deleted while stopped are reflected at start")
    void editAndDeleteWhileStopped() throws Exception {
        String question = ask();
        String kept = replyLive(BOB, question, ANSWER);
        String removed = replyLive(CAT, question, "Put PgBouncer in front of the database server.");
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 2);
        reactLive(ANN, "+1", removed, CAT);
        await().atMost(WAIT).until(() -> reputation(CAT) == 11);
        stopBot();

        slack.editKeptReply(CHANNEL, kept, "Start with cores * 2 connections, then measure the pool's wait time.");
        slack.deleteKeptReply(CHANNEL, removed);
        startBot();

        assertThat(answerText(kept)).isEqualTo("Start with cores * 2 connections, then measure the pool's wait time.");
        assertThat(answerText(removed)).isNull();
        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(reputation(CAT)).isEqualTo(1);
    }

    @Test
    @DisplayName("a 429 on conversations.replies is waited out as Retry-After says, then read")
    void rateLimitIsHonoured() throws Exception {
        String question = ask();
        stopBot();
        String answer = nextTs();
        slack.keepReply(BOB, CHANNEL, answer, question, ANSWER);
        slack.rateLimit("conversations.replies", 1);

        startBot();

        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
        assertThat(slack.calls("conversations.replies")).hasSize(2);
        assertThat(testCore.rows("answer")).isEqualTo(1);
    }

    @Test
    @DisplayName("only open questions of the last catch-up.days are read; an accepted question is not read")
    void boundedToOpenRecentQuestions() throws Exception {
        String old = ask();
        testCore.clock().advance(Duration.ofDays(15));
        String accepted = ask();
        String answer = replyLive(BOB, accepted, ANSWER);
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        reactLive(ANN, "white_check_mark", answer, BOB);
        await().atMost(WAIT).until(() -> reputation(BOB) == 16);
        stopBot();
        slack.keepReply(CAT, CHANNEL, nextTs(), old, "Use a pool of twice the cores, then measure.");

        startBot();

        assertThat(slack.calls("conversations.replies")).isEmpty();
        assertThat(testCore.rows("answer")).isEqualTo(1);
    }

    @Test
    @DisplayName("a Socket Mode reconnect after longer than Slack's redelivery window catches up; a quick one doesn't")
    void longReconnectCatchesUp() throws Exception {
        String question = ask();
        var atStart = door.latestCatchUp();
        int opened = slack.calls("apps.connections.open").size();

        slack.sendDisconnect();
        await().atMost(WAIT).until(() -> slack.calls("apps.connections.open").size() > opened && slack.connected());
        assertThat(door.latestCatchUp()).isSameAs(atStart);

        slack.refuseWebSockets();
        int refused = slack.calls("apps.connections.open").size();
        slack.sendDisconnect();
        await().atMost(Duration.ofSeconds(30)).until(() -> slack.calls("apps.connections.open").size() > refused
                && !slack.connected());
        testCore.clock().advance(Duration.ofMinutes(5));
        String answer = nextTs();
        slack.keepReply(BOB, CHANNEL, answer, question, ANSWER);
        slack.keepReaction(CAT, CHANNEL, answer, "+1");
        slack.acceptWebSockets();

        await().atMost(Duration.ofSeconds(60)).until(() -> door.latestCatchUp() != atStart
                && door.latestCatchUp().isDone());
        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(reputation(BOB)).isEqualTo(11);
    }

    @Test
    @DisplayName("a reply the core could not store during catch-up (storage away) is read again at the next start")
    void unstoredReplyIsReadAgain() throws Exception {
        String question = ask();
        stopBot();
        String answer = nextTs();
        slack.keepReply(BOB, CHANNEL, answer, question, ANSWER);
        java.util.concurrent.atomic.AtomicBoolean storageAway = new java.util.concurrent.atomic.AtomicBoolean(true);
        org.bandura.core.BanduraCore real = testCore.core();
        org.bandura.core.BanduraCore flaky = new org.bandura.core.BanduraCore() {
            @Override
            public org.bandura.core.reply.Reply handle(org.bandura.core.model.Actor actor,
                                                       org.bandura.core.command.Command command) {
                return real.handle(actor, command);
            }

            @Override
            public org.bandura.core.reply.Reply handle(org.bandura.core.model.Actor actor,
                                                       org.bandura.core.command.Command command, String eventKey) {
                return storageAway.get() ? org.bandura.core.reply.Reply.error("I can't reach my storage right now.")
                        : real.handle(actor, command, eventKey);
            }

            @Override
            public List<String> tagNames(org.bandura.core.model.WorkspaceRef workspace, String prefix, int limit) {
                return real.tagNames(workspace, prefix, limit);
            }

            @Override
            public List<OpenThread> openThreads(org.bandura.core.model.WorkspaceRef workspace, Duration within) {
                return real.openThreads(workspace, within);
            }

            @Override
            public void caughtUp(org.bandura.core.model.WorkspaceRef workspace, String threadKey, String last) {
                real.caughtUp(workspace, threadKey, last);
            }
        };

        startBot(flaky);
        assertThat(testCore.rows("answer")).isZero();
        assertThat(testCore.rows("thread_catch_up")).isZero();
        stopBot();
        storageAway.set(false);
        startBot(flaky);

        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(answerText(answer)).isEqualTo(ANSWER);
    }
}
