package org.bandura.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.VoteDirection;
import org.bandura.core.reply.Reply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The vote path (one upvote, committed durably) through the whole core, against the least raw JDBC that records
 * the same vote on the same H2 file database; and both at two data sizes, to show the cost does not grow with the
 * number of questions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class VotePathBenchmark {

    @Param({"1000", "100000"})
    public int questions;

    private SeededDatabase seeded;
    private long voterCounter;
    private long authorId;

    @Setup(Level.Trial)
    public void setUp() {
        seeded = new SeededDatabase(questions);
        authorId = seeded.memberId("author");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        seeded.close();
    }

    private long randomAnswer() {
        return 1 + ThreadLocalRandom.current().nextInt(questions);
    }

    /** /upvote A&lt;n&gt; by a new member each time: the full command, one durable transaction. */
    @Benchmark
    public Reply coreUpvote() {
        String voter = "v" + (voterCounter++);
        return seeded.core.handle(new Actor(SeededDatabase.WORKSPACE, voter, voter, false),
                new Command.Vote(PostRef.answer(randomAnswer()), VoteDirection.UP));
    }

    /** The same effect written by hand: member row, vote row, score, reputation and ledger, one transaction. */
    @Benchmark
    public long rawJdbcUpvote() throws Exception {
        String voter = "r" + (voterCounter++);
        long answer = randomAnswer();
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        try (Connection connection = seeded.database.dataSource().getConnection()) {
            long voterId;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO member (workspace_id, user_id, "
                    + "display_name, name_key, created_at) VALUES (?, ?, ?, ?, ?)", new String[] {"ID"})) {
                insert.setLong(1, seeded.workspaceId);
                insert.setString(2, voter);
                insert.setString(3, voter);
                insert.setString(4, voter);
                insert.setObject(5, now);
                insert.executeUpdate();
                try (var keys = insert.getGeneratedKeys()) {
                    keys.next();
                    voterId = keys.getLong(1);
                }
            }
            long voteId;
            try (PreparedStatement vote = connection.prepareStatement("INSERT INTO vote (workspace_id, voter_id, "
                    + "post_type, post_id, direction, created_at) VALUES (?, ?, 'A', ?, 1, ?)", new String[] {"ID"})) {
                vote.setLong(1, seeded.workspaceId);
                vote.setLong(2, voterId);
                vote.setLong(3, answer);
                vote.setObject(4, now);
                vote.executeUpdate();
                try (var keys = vote.getGeneratedKeys()) {
                    keys.next();
                    voteId = keys.getLong(1);
                }
            }
            try (PreparedStatement score = connection.prepareStatement(
                    "UPDATE answer SET score = score + 1 WHERE id = ?");
                 PreparedStatement reputation = connection.prepareStatement(
                         "UPDATE member SET reputation = reputation + 10 WHERE id = ?");
                 PreparedStatement tagReputation = connection.prepareStatement(
                         "UPDATE tag_reputation SET points = points + 10 WHERE member_id = ?");
                 PreparedStatement ledger = connection.prepareStatement("INSERT INTO reputation_event (workspace_id, "
                         + "member_id, delta, reason, cause_type, cause_id, question_id, counts_toward_cap, earned_on, "
                         + "created_at) VALUES (?, ?, 10, 'answer upvoted', 'VOTE', ?, ?, TRUE, ?, ?)")) {
                score.setLong(1, answer);
                score.executeUpdate();
                reputation.setLong(1, authorId);
                reputation.executeUpdate();
                tagReputation.setLong(1, authorId);
                tagReputation.executeUpdate();
                ledger.setLong(1, seeded.workspaceId);
                ledger.setLong(2, authorId);
                ledger.setLong(3, voteId);
                ledger.setLong(4, answer);
                ledger.setObject(5, LocalDate.now(ZoneOffset.UTC));
                ledger.setObject(6, now);
                ledger.executeUpdate();
            }
            connection.commit();
            return voteId;
        }
    }

    /** /answer Q&lt;n&gt;: answering, which must not slow down as questions pile up. */
    @Benchmark
    public Reply coreAnswer() {
        return seeded.core.handle(new Actor(SeededDatabase.WORKSPACE, "helper", "helper", false),
                new Command.Answer(randomAnswer(), "Another way to size the pool", null));
    }
}
