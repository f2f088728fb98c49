package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;
import org.bandura.core.search.SearchResults.SearchHit;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8: the search index is off the command path (an answer or a vote returns, and is acked, without waiting for
 * the index), yet issue 14's promise holds: whatever this process committed is found by its next search.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class SearchOffCommandPathTest {

    private final TestCore bandura;
    private final Actor asker = user("asker");
    private final Actor helper = user("helper");
    private final Actor voter = user("voter");
    private final long workspace;

    SearchOffCommandPathTest(Backend backend) {
        bandura = backend.open();
        bandura.run(asker, "/ask How do I size a HikariCP connection pool? #java");
        bandura.run(asker, new Command.LinkQuestion(1, "chan", "m-q1", "t-q1"));
        workspace = bandura.workspaceId(TestCore.CONSOLE);
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private List<Long> numbers(String query) {
        return bandura.service().search().search(workspace, query, SearchFilter.ANY, 0, 10).hits().stream()
                .map(SearchHit::questionNumber).toList();
    }

    @Test
    @DisplayName("an answer and a vote return while a catch-up holds the index; the next search finds the answer")
    void commandsDoNotWaitForTheIndex() throws Exception {
        LuceneQuestionIndex index = bandura.service().searchIndex();
        record Outcome(Reply answer, Reply vote, long indexBehind) {
        }
        Outcome outcome = whileHeldOnAnotherThread(index::whileApplying, () -> new Outcome(
                bandura.run(helper, new Command.ThreadMessage("t-q1", "m-a1",
                        "Set maximumPoolSize to twice the cores.")),
                bandura.run(voter, "/upvote A1"), index.ownWritesBehind()));
        assertThat(outcome.answer().event(Event.AnswerPosted.class)).isPresent();
        assertThat(outcome.vote().isOk()).as(outcome.vote().text().toString()).isTrue();
        assertThat(outcome.indexBehind()).as("the answer is committed, not yet indexed").isPositive();
        assertThat(numbers("maximumpoolsize")).containsExactly(1L);
        assertThat(index.ownWritesBehind()).isZero();
    }

    @Test
    @DisplayName("a search right after an /ask finds it, and the next /ask lists it as similar")
    void searchRightAfterAsk() {
        for (int i = 0; i < 5; i++) {
            bandura.run(asker, "/ask Why does Flyway checksum " + i + " fail after a rebase? #java");
            assertThat(numbers("flyway checksum rebase")).hasSize(i + 1);
        }
        Event.QuestionAsked asked = bandura.run(asker, "/ask Flyway checksum mismatch after a rebase, again")
                .event(Event.QuestionAsked.class).orElseThrow();
        assertThat(asked.similar()).isNotEmpty();
        assertThat(numbers("flyway checksum rebase")).hasSize(6);
        assertThat(bandura.service().searchIndex().ownWritesBehind()).isZero();
    }

    @Test
    @DisplayName("while the index is being committed to disk, a search still finds the question just asked")
    void searchDoesNotWaitForACommit() throws Exception {
        LuceneQuestionIndex index = bandura.service().searchIndex();
        List<Long> found = whileHeldOnAnotherThread(index::whileCommitting, () -> {
            bandura.run(asker, "/ask Why does the Flyway checksum fail after a rebase? #java");
            return numbers("flyway checksum rebase");
        });
        assertThat(found).containsExactly(2L);
        index.commit();
        assertThat(numbers("flyway checksum rebase")).containsExactly(2L);
    }

    @Test
    @DisplayName("the web's search view and similar questions see this process's writes at once")
    void similarSeesOwnWrites() {
        bandura.run(helper, new Command.ThreadMessage("t-q1", "m-a1", "Try flexypool to measure it."));
        assertThat(bandura.service().search().similar(workspace, "size my HikariCP connection pool", -1, 3))
                .extracting(SimilarQuestion::questionNumber).containsExactly(1L);
        assertThat(numbers("flexypool")).containsExactly(1L);
    }

    /**
     * Runs {@code work} while {@code whileHolding} (such as {@code index::whileApplying}) holds one of the index's
     * locks on another thread, as a slow catch-up or commit would. Bounded: if the work waited for that lock, it
     * would not finish before the lock is let go, and this fails after 30 s.
     */
    private static <T> T whileHeldOnAnotherThread(Consumer<Runnable> whileHolding, Supplier<T> work)
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> whileHolding.accept(() -> {
            holding.countDown();
            await(released);
        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            return CompletableFuture.supplyAsync(work).get(30, TimeUnit.SECONDS);
        } finally {
            released.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
