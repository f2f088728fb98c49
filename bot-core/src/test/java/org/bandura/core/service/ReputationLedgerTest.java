package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Reaction;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.Sql;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.Backend;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class ReputationLedgerTest {

    private final TestCore bandura;
    private final Actor alice = user("alice");
    private final Actor bob = user("bob");
    private final Actor carol = user("carol");

    ReputationLedgerTest(Backend backend) {
        bandura = backend.open();
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private void askAndAnswer(int questions) {
        for (int i = 1; i <= questions; i++) {
            bandura.run(bob, "/ask Question number " + i + " about pools #java");
            bandura.run(alice, "/answer Q" + i + " Answer " + i);
        }
    }

    @Test
    @DisplayName("vote reputation is capped at 200 a day; accepts are not; the cap resets the next UTC day")
    void dailyCap() {
        askAndAnswer(3);
        for (int voter = 0; voter < 25; voter++) {
            assertThat(bandura.run(user("voter" + voter), "/upvote A1").isOk()).isTrue();
        }
        assertThat(bandura.reputation("alice")).isEqualTo(1 + 200);
        bandura.run(bob, "/accept A1");
        assertThat(bandura.reputation("alice")).isEqualTo(1 + 200 + 15);

        bandura.clock().advance(Duration.ofDays(1));
        bandura.run(carol, "/upvote A2");
        assertThat(bandura.reputation("alice")).isEqualTo(1 + 200 + 15 + 10);
    }

    @Test
    @DisplayName("reputation is shown as at least 1, while the exact sum underneath keeps counting; a downvote costs the voter 1")
    void floor() {
        askAndAnswer(1);
        bandura.run(bob, "/downvote A1");
        assertThat(bandura.reputation("alice")).isEqualTo(1);
        assertThat(exactReputation("alice")).isEqualTo(-1);
        assertThat(bandura.reputation("bob")).isEqualTo(1);
        assertThat(exactReputation("bob")).isEqualTo(0);
        bandura.run(carol, "/upvote Q1");
        bandura.run(user("dave"), "/upvote Q1");
        assertThat(bandura.reputation("bob")).isEqualTo(10);
        bandura.run(bob, "/unvote A1");
        assertThat(bandura.reputation("bob")).isEqualTo(11); // the -1 comes back in full
        assertThat(exactReputation("alice")).isEqualTo(1);
    }

    @Test
    @DisplayName("GIVEN a vote cast and retracted 20 times WHEN three honest upvotes follow THEN the author gains all 30")
    void retractedVotesGiveBackTheirShareOfTheCap() {
        askAndAnswer(1);
        for (int i = 0; i < 20; i++) {
            assertThat(bandura.run(carol, "/upvote A1").isOk()).isTrue();
            assertThat(bandura.run(carol, "/unvote A1").isOk()).isTrue();
        }
        assertThat(gainedToday("alice")).isZero();

        for (String voter : List.of("dave", "erin", "frank")) {
            assertThat(bandura.run(user(voter), "/upvote A1").isOk()).isTrue();
        }

        assertThat(bandura.reputation("alice")).isEqualTo(31);
        assertThat(bandura.run(bob, "/profile alice").text().toPlainString()).contains("reputation 31");
        assertThat(count("SELECT score FROM answer WHERE number = 1")).isEqualTo(3);
        assertThat(gainedToday("alice")).isEqualTo(30);
    }

    @Test
    @DisplayName("GIVEN one upvote and five downvotes that hit the floor WHEN all six are retracted THEN the author is back at 1")
    void theFloorSwallowsNoReversal() {
        askAndAnswer(1);
        bandura.run(carol, "/upvote A1");
        List<String> downvoters = List.of("d1", "d2", "d3", "d4", "d5");
        downvoters.forEach(name -> bandura.run(user(name), "/downvote A1"));
        assertThat(bandura.reputation("alice")).isEqualTo(1);

        assertThat(bandura.run(carol, "/unvote A1").isOk()).isTrue();
        assertThat(bandura.reputation("alice")).isEqualTo(1);
        downvoters.forEach(name -> assertThat(bandura.run(user(name), "/unvote A1").isOk()).isTrue());

        assertThat(bandura.reputation("alice")).isEqualTo(1);
        assertThat(exactReputation("alice")).isEqualTo(1);
        downvoters.forEach(name -> assertThat(bandura.reputation(name)).isEqualTo(1));
        assertThat(bandura.rows("vote")).isZero();
        assertThat(gainedToday("alice")).isZero();
    }

    @Test
    @DisplayName("a vote retracted on a later day gives back the gain of the day it was cast")
    void retractionOnALaterDay() {
        askAndAnswer(1);
        bandura.run(carol, "/upvote A1");
        bandura.clock().advance(Duration.ofDays(1));
        bandura.run(carol, "/unvote A1");
        assertThat(gainedToday("alice")).isZero();
        assertThat(count("SELECT COALESCE(SUM(gained), 0) FROM vote_gain_day")).isZero();
        assertThat(bandura.reputation("alice")).isEqualTo(1);
    }

    private long exactReputation(String userId) {
        return count("SELECT reputation_raw FROM member WHERE user_id = ?", userId);
    }

    private long count(String query, Object... args) {
        return bandura.database().inTransaction(sql -> sql.count(query, args));
    }

    private long gainedToday(String userId) {
        return bandura.database().inTransaction(sql -> new ReputationLedger().gainedFromVotesToday(sql,
                sql.count("SELECT id FROM member WHERE user_id = ?", userId), bandura.clock().instant()));
    }

    @Test
    @DisplayName("retracting a vote and unaccepting are exact reversals")
    void reversals() {
        askAndAnswer(1);
        bandura.run(carol, "/upvote A1");
        bandura.run(bob, "/accept A1");
        assertThat(bandura.reputation("alice")).isEqualTo(26);
        bandura.run(carol, "/unvote A1");
        bandura.run(bob, "/unaccept A1");
        assertThat(bandura.reputation("alice")).isEqualTo(1);
        assertThat(bandura.reputation("bob")).isEqualTo(1);
        bandura.run(user("dave"), "/upvote A1");
        bandura.run(carol, "/downvote A1");
        assertThat(bandura.reputation("alice")).isEqualTo(9);
        assertThat(bandura.run(carol, "/unvote A1").isOk()).isTrue();
        assertThat(bandura.reputation("alice")).isEqualTo(11);
        assertThat(bandura.reputation("carol")).isEqualTo(1);
    }

    @Test
    @DisplayName("accepting another answer moves the accept; deleting an answer message takes its reputation away")
    void switchAndDelete() {
        bandura.run(bob, "/ask Which pool? #java");
        bandura.run(bob, new Command.LinkQuestion(1, "chan", "msg-q1", "thread-q1"));
        bandura.run(alice, new Command.ThreadMessage("thread-q1", "msg-a1", "HikariCP"));
        bandura.run(carol, new Command.ThreadMessage("thread-q1", "msg-a2", "c3p0"));
        bandura.run(bob, new Command.ThreadMessage("thread-q1", "msg-f", "thanks, trying"));
        assertThat(bandura.rows("answer")).isEqualTo(2); // the asker's follow-up is not an answer

        bandura.run(bob, new Command.React("msg-a1", Reaction.ACCEPT, true));
        bandura.run(bob, "/accept A2");
        assertThat(bandura.reputation("alice")).isEqualTo(1);
        assertThat(bandura.reputation("carol")).isEqualTo(16);

        bandura.run(alice, new Command.React("msg-a2", Reaction.UPVOTE, true));
        assertThat(bandura.reputation("carol")).isEqualTo(26);
        bandura.run(carol, new Command.DeleteMessage("msg-a2"));
        assertThat(bandura.reputation("carol")).isEqualTo(1);
        assertThat(bandura.rows("answer")).isEqualTo(1);
        assertThat(bandura.rows("vote")).isZero();
        assertThat(bandura.run(bob, "/unanswered").text().toPlainString()).contains("No unanswered questions");
    }

    @Test
    @DisplayName("a redelivered event is processed once")
    void idempotentEvents() {
        askAndAnswer(1);
        bandura.run(bob, new Command.LinkQuestion(1, "c", "mq", "tq"));
        bandura.run(alice, new Command.ThreadMessage("tq", "ma", "Use HikariCP"));
        Command react = new Command.React("ma", Reaction.UPVOTE, true);
        assertThat(bandura.core().handle(carol, react, "evt-1").isOk()).isTrue();
        assertThat(bandura.core().handle(carol, react, "evt-1").isIgnored()).isTrue();
        assertThat(bandura.reputation("alice")).isEqualTo(11);
    }

    @Test
    @DisplayName("after a random mixed workload, recomputing from the ledger gives exactly the stored totals")
    void totalsMatchLedger() {
        Random random = new Random(42);
        List<Actor> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(user("p" + i));
        }
        String[] tags = {"java", "sql", "go"};
        int questions = 0;
        int answers = 0;
        for (int step = 0; step < 600; step++) {
            Actor actor = people.get(random.nextInt(people.size()));
            int action = random.nextInt(10);
            if (action == 0 || questions == 0) {
                bandura.run(actor, "/ask Question " + step + " #" + tags[random.nextInt(3)] + " #" + tags[random.nextInt(3)]);
                questions++;
            } else if (action <= 2) {
                if (bandura.run(actor, "/answer Q" + (1 + random.nextInt(questions)) + " answer " + step).isOk()) {
                    answers++;
                }
            } else if (answers > 0) {
                String answer = "A" + (1 + random.nextInt(answers));
                String line = switch (action) {
                    case 3, 4, 5 -> "/upvote " + answer;
                    case 6 -> "/downvote " + answer;
                    case 7 -> "/unvote " + answer;
                    case 8 -> "/accept " + answer;
                    default -> "/upvote Q" + (1 + random.nextInt(questions));
                };
                bandura.run(random.nextInt(5) == 0 ? TestCore.moderator(actor.userId()) : actor, line);
            }
            if (step % 150 == 0) {
                bandura.clock().advance(Duration.ofHours(20));
            }
        }
        ReputationLedger ledger = new ReputationLedger();
        long workspace = bandura.database().inTransaction(sql -> sql.count("SELECT id FROM workspace"));
        bandura.database().inTransaction(sql -> {
            assertThat(ledger.storedTotals(sql, workspace)).isEqualTo(ledger.totalsFromLedger(sql, workspace));
            assertThat(ledger.storedTagTotals(sql, workspace)).isEqualTo(ledger.tagTotalsFromLedger(sql, workspace));
            String gains = "SELECT member_id, earned_on, gained FROM vote_gain_day ORDER BY member_id, earned_on";
            String fromLedger = "SELECT member_id, earned_on, SUM(delta) FROM reputation_event "
                    + "WHERE counts_toward_cap = TRUE GROUP BY member_id, earned_on "
                    + "ORDER BY member_id, earned_on";
            Sql.RowMapper<String> line = row -> row.getLong(1) + " " + row.getObject(2) + " " + row.getLong(3);
            assertThat(sql.list(gains, line)).isNotEmpty().isEqualTo(sql.list(fromLedger, line));
            assertThat(ledger.rebuildTotals(sql, workspace)).isZero();
            assertThat(sql.list(gains, line)).isEqualTo(sql.list(fromLedger, line));
            return null;
        });
        assertThat(bandura.rows("reputation_event")).isGreaterThan(100);
    }
}
