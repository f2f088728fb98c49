package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link VotePathStatementsTest} counts statements; this checks on the wire that each counted statement is one round
 * trip to PostgreSQL, batches included, and that the commit rides with the last batch. The driver ends every request
 * it waits on with a Sync message (and logs it), so the Syncs sent by the command's thread are its round trips: a
 * separate commit would be one more.
 */
class VoteRoundTripsPostgresTest {

    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private final TestCore bandura = Backend.POSTGRES.open();
    private final Actor alice = user("alice");
    private final Actor bob = user("bob");
    private final Actor carol = user("carol");
    private final AtomicLong syncs = new AtomicLong();
    private final long thread = Thread.currentThread().getId();
    private final Handler counter = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLongThreadID() == thread && record.getMessage() != null
                    && record.getMessage().contains("FE=> Sync")) {
                syncs.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void answeredQuestionWithTwoTags() {
        bandura.run(bob, "/ask How do I size a pool? #java #sql");
        bandura.run(alice, "/answer Q1 Measure first.");
        bandura.run(alice, "/answer Q1 Or read the docs.");
        bandura.run(carol, "/upvote A2");
        bandura.run(carol, "/downvote A2");
        bandura.run(carol, "/unvote A2");
        levelBefore = DRIVER.getLevel();
        DRIVER.setLevel(Level.FINEST);
        DRIVER.addHandler(counter);
    }

    /** Read outside the pool: what the command committed, not what its connection may still hold open. */
    private long committedVotesOf(String userId) {
        DatabaseSettings settings = bandura.database().settings();
        try (Connection connection = DriverManager.getConnection(
                settings.url() + "?currentSchema=" + settings.schema(), settings.user(), settings.password());
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM vote v "
                     + "JOIN member m ON m.id = v.voter_id WHERE m.user_id = ?")) {
            count.setString(1, userId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        DRIVER.removeHandler(counter);
        DRIVER.setLevel(levelBefore);
        bandura.close();
    }

    /**
     * Three: the member with the post (and their vote on it), one batch (the vote or its deletion, the post's score,
     * the author's lock and standing or the ledger's read), one batch of the ledger's writes with the commit.
     */
    @ParameterizedTest(name = "{0}: {1} round trips")
    @CsvSource({
            "/upvote A1,   3",
            "/downvote A1, 3",
            "/upvote Q1,   3",
            "/unvote A2,   3",
    })
    @DisplayName("on PostgreSQL a vote takes one round trip per counted statement (a batch is one), commit included")
    void roundTrips(String line, int roundTrips) {
        if (line.startsWith("/unvote")) {
            bandura.run(carol, "/upvote A2");
        }
        long statementsBefore = bandura.database().statementsRunOnThisThread();
        syncs.set(0);

        Reply reply = bandura.run(carol, line);

        long statements = bandura.database().statementsRunOnThisThread() - statementsBefore;
        assertThat(reply.isOk()).as(reply.text().toPlainString()).isTrue();
        assertThat(syncs.get()).as("round trips of the command's thread").isEqualTo(roundTrips)
                .isEqualTo(statements);
        assertThat(committedVotesOf("carol")).as("carol's votes, read on a connection of its own")
                .isEqualTo(line.startsWith("/unvote") ? 0 : 1);
    }
}
