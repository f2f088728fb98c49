package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Votes that meet in the database at the same moment on rows other than the post's: one author voted up on many
 * posts at once (the daily cap is read under the author's lock), and one vote taken back twice at once.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class VoteRacesTest {

    private static final int ANSWERS = 40;

    private final TestCore bandura;
    private final ExecutorService pool = Executors.newFixedThreadPool(ANSWERS);

    VoteRacesTest(Backend backend) {
        bandura = backend.open();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        bandura.close();
    }

    @Test
    @DisplayName("upvotes on 40 different answers of one author at once stop exactly at the daily cap (1 + 200)")
    void capHoldsAcrossPosts() throws Exception {
        bandura.run(user("bob"), "/ask Who wins the race? #concurrency");
        for (int a = 1; a <= ANSWERS; a++) {
            assertThat(bandura.run(user("alice"), "/answer Q1 Answer number " + a + ", with row locks.").isOk())
                    .isTrue();
        }
        for (int v = 0; v < ANSWERS; v++) {
            bandura.run(user("voter" + v), "/profile"); // known members: the votes take the short path
        }
        List<Callable<Reply>> votes = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(ANSWERS);
        for (int v = 0; v < ANSWERS; v++) {
            String voter = "voter" + v;
            String line = "/upvote A" + (v + 1);
            votes.add(() -> {
                start.await();
                return bandura.run(user(voter), line);
            });
        }

        assertThat(concurrently(votes)).allMatch(Reply::isOk);

        assertThat(bandura.reputation("alice")).isEqualTo(1 + 200);
        assertThat(count(
                "SELECT SUM(r.delta) FROM reputation_event r JOIN member m ON m.id = r.member_id "
                        + "WHERE m.user_id = 'alice'")).isEqualTo(200);
        assertThat(count(
                "SELECT g.gained FROM vote_gain_day g JOIN member m ON m.id = g.member_id WHERE m.user_id = 'alice'"))
                .isEqualTo(200);
        assertThat(count("SELECT SUM(score) FROM answer"))
                .isEqualTo(ANSWERS);
    }

    @Test
    @DisplayName("a vote taken back twice at once is taken back once: one reply says so, the other that it is gone")
    void doubleRetractionCountsOnce() throws Exception {
        bandura.run(user("bob"), "/ask Double click? #concurrency");
        bandura.run(user("alice"), "/answer Q1 Debounce it.");
        int voters = ANSWERS / 2;
        for (int v = 0; v < voters; v++) {
            assertThat(bandura.run(user("voter" + v), "/downvote A1").isOk()).isTrue();
        }
        List<Callable<Reply>> unvotes = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(2 * voters);
        for (int v = 0; v < voters; v++) {
            String voter = "voter" + v;
            for (int twice = 0; twice < 2; twice++) {
                unvotes.add(() -> {
                    start.await();
                    return bandura.run(user(voter), "/unvote A1");
                });
            }
        }

        List<Reply> replies = concurrently(unvotes);

        assertThat(replies).filteredOn(Reply::isOk).hasSize(voters);
        assertThat(replies).filteredOn(Reply::isError).hasSize(voters)
                .allSatisfy(reply -> assertThat(reply.text().toPlainString()).contains("You have no vote on A1"));
        assertThat(count("SELECT score FROM answer WHERE number = 1"))
                .isZero();
        assertThat(bandura.rows("vote")).isZero();
        // Every downvote cost alice 2 and the voter 1; each retraction gave exactly that back, once.
        assertThat(count(
                "SELECT COUNT(*) FROM member WHERE reputation_raw <> 1")).isZero();
        assertThat(count(
                "SELECT COUNT(*) FROM (SELECT member_id FROM reputation_event GROUP BY member_id "
                        + "HAVING SUM(delta) <> 0) t")).isZero();
    }

    private long count(String query) {
        return bandura.database().inTransaction(sql -> sql.count(query));
    }

    private List<Reply> concurrently(List<Callable<Reply>> tasks) throws Exception {
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> future : pool.invokeAll(tasks)) {
            replies.add(future.get());
        }
        return replies;
    }
}
