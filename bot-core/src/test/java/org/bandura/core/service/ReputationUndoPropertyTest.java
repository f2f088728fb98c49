package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.moderator;
import static org.bandura.core.testing.TestCore.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.Sql;
import org.bandura.core.reputation.ReputationRules;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: whatever votes, retractions, accepts, unaccepts and answer deletions happen, across members and days and
 * against a small daily cap, undoing them returns every exact total, per-tag total and daily vote gain to what it was;
 * and after every single step the kept totals equal a recomputation from the ledger.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class ReputationUndoPropertyTest {

    private static final CoreSettings SMALL_CAP = new CoreSettings(4000, 3, 30, 100, 5)
            .withCommunity(TestCore.OPEN_COMMUNITY);
    private static final String[] TAGS = {"java", "sql", "go"};
    private static final int MEMBERS = 6;
    private static final int QUESTIONS_PER_SET = 3;
    private static final int ANSWERS_PER_QUESTION = 3;

    private final Backend backend;

    ReputationUndoPropertyTest(Backend backend) {
        this.backend = backend;
    }

    /** Numbers of the questions and answers one phase may touch. */
    private record Posts(List<Integer> questions, List<Integer> answers) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    @DisplayName("GIVEN a kept history WHEN a random sequence of reputation events happens and is undone THEN every "
            + "total, per-tag total and daily gain is exactly as before")
    void undoingEverythingRestoresEveryTotal(long seed) {
        Random random = new Random(seed);
        try (TestCore bandura = backend.open(SMALL_CAP)) {
            for (int i = 0; i < MEMBERS; i++) {
                bandura.run(member(i), "/profile");
            }
            Posts kept = createPosts(bandura, random, 0);
            Posts played = createPosts(bandura, random, QUESTIONS_PER_SET);
            for (int step = 0; step < 40; step++) {
                randomStep(bandura, random, kept, false);
            }
            Totals before = Totals.of(bandura);
            long ledgerRowsBefore = bandura.rows("reputation_event");
            boolean capReached = false;

            for (int step = 0; step < 150; step++) {
                randomStep(bandura, random, played, true);
                if (random.nextInt(8) == 0) {
                    bandura.clock().advance(Duration.ofHours(1 + random.nextInt(10)));
                }
                assertKeptTotalsMatchTheLedger(bandura);
                capReached |= maxDailyGain(bandura) == SMALL_CAP.dailyVoteCap();
            }
            assertThat(bandura.rows("reputation_event") - ledgerRowsBefore).as("events in the played phase")
                    .isGreaterThan(50);
            assertThat(capReached).as("some member reached the daily cap").isTrue();
            bandura.clock().advance(Duration.ofDays(1));
            undoAll(bandura, played);

            assertKeptTotalsMatchTheLedger(bandura);
            assertThat(Totals.of(bandura)).isEqualTo(before);
        }
    }

    /** Questions with a thread each and answers posted as thread messages, so answers can be deleted. */
    private static Posts createPosts(TestCore bandura, Random random, int firstQuestion) {
        List<Integer> questions = new ArrayList<>();
        List<Integer> answers = new ArrayList<>();
        long answerNumber = bandura.rows("answer");
        for (int i = 1; i <= QUESTIONS_PER_SET; i++) {
            int number = firstQuestion + i;
            int asker = random.nextInt(MEMBERS);
            assertThat(bandura.run(member(asker), "/ask Question " + number + " #" + TAGS[random.nextInt(3)] + " #"
                    + TAGS[random.nextInt(3)]).isOk()).isTrue();
            bandura.run(member(asker), new Command.LinkQuestion(number, "channel", "q" + number, "t" + number));
            questions.add(number);
            for (int a = 1; a <= ANSWERS_PER_QUESTION; a++) {
                int author = (asker + a) % MEMBERS;
                answerNumber++;
                assertThat(bandura.run(member(author), new Command.ThreadMessage("t" + number, "a" + answerNumber,
                        "Answer " + answerNumber)).isOk()).isTrue();
                answers.add((int) answerNumber);
            }
        }
        return new Posts(questions, answers);
    }

    private static void randomStep(TestCore bandura, Random random, Posts posts, boolean mayDelete) {
        Actor actor = member(random.nextInt(MEMBERS));
        String answer = "A" + posts.answers().get(random.nextInt(posts.answers().size()));
        String question = "Q" + posts.questions().get(random.nextInt(posts.questions().size()));
        if (mayDelete && random.nextInt(25) == 0) {
            bandura.run(actor, new Command.DeleteMessage("a" + answer.substring(1)));
            return;
        }
        Actor acceptor = moderator(actor.userId());
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> bandura.run(actor, "/upvote " + answer);
            case 3 -> bandura.run(actor, "/downvote " + answer);
            case 4 -> bandura.run(actor, "/upvote " + question);
            case 5, 6 -> bandura.run(actor, "/unvote " + (random.nextBoolean() ? answer : question));
            case 7 -> bandura.run(acceptor, "/unaccept " + answer);
            default -> bandura.run(acceptor, "/accept " + answer);
        }
    }

    /** Takes back every vote and accept still standing on the played posts, a day later. */
    private static void undoAll(TestCore bandura, Posts played) {
        List<String[]> standing = bandura.database().inTransaction(sql -> {
            List<String[]> undo = new ArrayList<>(sql.list("SELECT m.user_id, v.post_type, COALESCE(q.number, a.number) "
                            + "FROM vote v JOIN member m ON m.id = v.voter_id "
                            + "LEFT JOIN question q ON v.post_type = 'Q' AND q.id = v.post_id "
                            + "LEFT JOIN answer a ON v.post_type = 'A' AND a.id = v.post_id",
                    row -> new String[] {row.getString(1), "/unvote " + row.getString(2) + row.getLong(3)}));
            undo.addAll(sql.list("SELECT a.number FROM question q JOIN answer a ON a.id = q.accepted_answer_id",
                    row -> new String[] {"moderator", "/unaccept A" + row.getLong(1)}));
            return undo;
        });
        for (String[] line : standing) {
            String post = line[1].substring(line[1].indexOf(' ') + 2);
            boolean isPlayed = line[1].contains(" Q") ? played.questions().contains(Integer.parseInt(post))
                    : played.answers().contains(Integer.parseInt(post));
            if (isPlayed) {
                Actor actor = line[0].equals("moderator") ? moderator(member(0).userId()) : user(line[0]);
                assertThat(bandura.run(actor, line[1]).isOk()).as(line[1]).isTrue();
            }
        }
    }

    private static void assertKeptTotalsMatchTheLedger(TestCore bandura) {
        ReputationLedger ledger = new ReputationLedger();
        bandura.database().inTransaction(sql -> {
            long workspace = sql.count("SELECT id FROM workspace");
            assertThat(ledger.storedTotals(sql, workspace)).isEqualTo(ledger.totalsFromLedger(sql, workspace));
            assertThat(ledger.storedTagTotals(sql, workspace)).isEqualTo(ledger.tagTotalsFromLedger(sql, workspace));
            assertThat(sql.list("SELECT member_id, earned_on, gained FROM vote_gain_day WHERE gained <> 0 "
                    + "ORDER BY member_id, earned_on", Totals::dayLine))
                    .isEqualTo(sql.list("SELECT member_id, earned_on, SUM(delta) FROM reputation_event "
                            + "WHERE counts_toward_cap = TRUE GROUP BY member_id, earned_on HAVING SUM(delta) <> 0 "
                            + "ORDER BY member_id, earned_on", Totals::dayLine));
            assertThat(sql.count("SELECT COUNT(*) FROM member WHERE reputation <> GREATEST(?, reputation_raw)",
                    ReputationRules.FLOOR)).isZero();
            assertThat(sql.count("SELECT COUNT(*) FROM vote_gain_day WHERE gained > ?", SMALL_CAP.dailyVoteCap()))
                    .isZero();
            return null;
        });
    }

    private static long maxDailyGain(TestCore bandura) {
        return bandura.database().inTransaction(sql -> sql.count("SELECT COALESCE(MAX(gained), 0) FROM vote_gain_day"));
    }

    /** Every reputation figure of a workspace, keyed by user ids and tag names. */
    private record Totals(Map<String, Long> exact, Map<String, Long> shown, Map<String, Long> perTag,
                          Map<String, Long> dailyGain) {

        static Totals of(TestCore bandura) {
            return bandura.database().inTransaction(sql -> new Totals(
                    byKey(sql, "SELECT user_id, reputation_raw FROM member"),
                    byKey(sql, "SELECT user_id, reputation FROM member"),
                    byKey(sql, "SELECT m.user_id || ' #' || t.name, tr.points FROM tag_reputation tr "
                            + "JOIN member m ON m.id = tr.member_id JOIN tag t ON t.id = tr.tag_id WHERE tr.points <> 0"),
                    byKey(sql, "SELECT m.user_id || ' ' || CAST(g.earned_on AS VARCHAR(10)), g.gained FROM vote_gain_day g "
                            + "JOIN member m ON m.id = g.member_id WHERE g.gained <> 0")));
        }

        private static Map<String, Long> byKey(Sql sql, String query) throws SQLException {
            Map<String, Long> values = new TreeMap<>();
            for (Object[] row : sql.list(query, row -> new Object[] {row.getString(1), row.getLong(2)})) {
                values.put((String) row[0], (Long) row[1]);
            }
            return values;
        }

        static String dayLine(ResultSet row) throws SQLException {
            return row.getLong(1) + " " + row.getObject(2) + " " + row.getLong(3);
        }
    }

    private static Actor member(int index) {
        return user("m" + index);
    }
}
