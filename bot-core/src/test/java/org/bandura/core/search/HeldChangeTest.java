package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bandura.core.persistence.SearchChanges;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A transaction that holds a change number open (it took the number, it has not committed) must neither hide the
 * changes committed after it nor be lost when it commits: the index reads on above what it has seen, and re-reads
 * the held number until it shows up.
 */
class HeldChangeTest {

    private final TestCore bandura = TestCore.onH2();

    @AfterEach
    void close() {
        bandura.close();
    }

    @Test
    @DisplayName("changes committed after an open transaction's change are found at once; its own once it commits")
    void heldChangeNumber() throws Exception {
        bandura.run(user("asker"), "/ask How should the connection pool be sized? #java");
        long workspace = bandura.workspaceId(TestCore.CONSOLE);
        LuceneQuestionIndex index = bandura.service().searchIndex();
        CountDownLatch numberTaken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> bandura.database().inTransaction(sql -> {
            sql.update("UPDATE question SET body = body || ' zebrafish' WHERE workspace_id = ? AND number = 1",
                    workspace);
            long q1 = sql.count("SELECT id FROM question WHERE workspace_id = ? AND number = 1", workspace);
            new SearchChanges().record(sql, q1, bandura.clock().instant());
            numberTaken.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(numberTaken.await(30, TimeUnit.SECONDS)).isTrue();

        for (int n = 2; n <= 4; n++) {
            bandura.run(user("asker"), "/ask Where do the quokka" + n + " logs go? #java");
        }
        index.catchUp();
        assertThat(numbers(workspace, "quokka3")).containsExactly(3L);
        assertThat(numbers(workspace, "zebrafish")).as("not committed yet").isEmpty();

        release.countDown();
        held.get(30, TimeUnit.SECONDS);
        index.catchUp();
        assertThat(numbers(workspace, "zebrafish")).as("the held change, committed late, is applied")
                .containsExactly(1L);
        assertThat(numbers(workspace, "quokka4")).containsExactly(4L);
    }

    private List<Long> numbers(long workspace, String query) {
        return bandura.service().search().search(workspace, query, SearchFilter.ANY, 0, 10).hits().stream()
                .map(SearchResults.SearchHit::questionNumber).toList();
    }
}
