package org.bandura.core.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class ConcurrencyTest {

    private final TestCore bandura;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    ConcurrencyTest(Backend backend) {
        bandura = backend.open();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        bandura.close();
    }

    private List<Reply> concurrently(List<Callable<Reply>> tasks) throws Exception {
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> future : pool.invokeAll(tasks)) {
            replies.add(future.get());
        }
        return replies;
    }

    @Test
    @DisplayName("1,000 concurrent upvotes from distinct users: score 1,000, author at exactly 1 + 200 (daily cap)")
    void thousandUpvotes() throws Exception {
        bandura.run(user("bob"), "/ask Who wins the race? #concurrency");
        bandura.run(user("alice"), "/answer Q1 Nobody, with row locks.");
        List<Callable<Reply>> votes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String voter = "voter" + i;
            votes.add(() -> bandura.run(user(voter), "/upvote A1"));
        }
        assertThat(concurrently(votes)).allMatch(Reply::isOk);
        long score = bandura.database().inTransaction(sql -> sql.count("SELECT score FROM answer WHERE number = 1"));
        assertThat(score).isEqualTo(1000);
        assertThat(bandura.reputation("alice")).isEqualTo(1 + 200);
        assertThat(bandura.rows("vote")).isEqualTo(1000);
    }

    @Test
    @DisplayName("100 concurrent identical votes from one user are counted once")
    void identicalVotesCountOnce() throws Exception {
        bandura.run(user("bob"), "/ask Double click? #concurrency");
        bandura.run(user("alice"), "/answer Q1 Debounce it.");
        List<Callable<Reply>> votes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            votes.add(() -> bandura.run(user("carol"), "/upvote A1"));
        }
        List<Reply> replies = concurrently(votes);
        assertThat(replies).filteredOn(Reply::isOk).hasSize(1);
        assertThat(replies).filteredOn(Reply::isError).hasSize(99)
                .allSatisfy(reply -> assertThat(reply.text().toPlainString()).contains("You already upvoted A1"));
        assertThat(bandura.reputation("alice")).isEqualTo(11);
        assertThat(bandura.rows("vote")).isEqualTo(1);
    }

    @Test
    @DisplayName("concurrent questions get unique numbers with no gaps")
    void uniqueQuestionNumbers() throws Exception {
        List<Callable<Reply>> asks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String asker = "asker" + (i % 20);
            int n = i;
            asks.add(() -> bandura.run(user(asker), "/ask Question " + n + " #numbers"));
        }
        assertThat(concurrently(asks)).allMatch(Reply::isOk);
        List<Long> numbers = bandura.database().inTransaction(sql -> sql.list(
                "SELECT number FROM question ORDER BY number", row -> row.getLong(1)));
        assertThat(numbers).hasSize(200).doesNotHaveDuplicates().first().isEqualTo(1L);
        assertThat(numbers.get(199)).isEqualTo(200L);
    }
}
