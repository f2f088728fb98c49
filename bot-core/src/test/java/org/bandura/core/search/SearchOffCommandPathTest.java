package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slowCatchUp = CompletableFuture.runAsync(() -> index.whileApplying(() -> {
            holding.countDown();
            await(release);
        }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            // Run on another thread with a bound: if a command waited on the index, this would not finish.
            Reply[] replies = CompletableFuture.supplyAsync(() -> new Reply[] {
                    bandura.run(helper, new Command.ThreadMessage("t-q1", "m-a1",
                            "Set maximumPoolSize to twice the cores.")),
                    bandura.run(voter, "/upvote A1")}).get(30, TimeUnit.SECONDS);
            assertThat(replies[0].event(Event.AnswerPosted.class)).isPresent();
            assertThat(replies[1].isOk()).as(replies[1].text().toString()).isTrue();
            assertThat(index.ownWritesBehind()).as("the answer is committed, not yet indexed").isPositive();
        } finally {
            release.countDown();
        }
        slowCatchUp.get(30, TimeUnit.SECONDS);
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
        CountDownLatch committing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slowCommit = CompletableFuture.runAsync(() -> index.whileCommitting(() -> {
            committing.countDown();
            await(release);
        }));
        assertThat(committing.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            // Bounded: if catching up waited for the commit, this would not finish before the release.
            List<Long> found = CompletableFuture.supplyAsync(() -> {
                bandura.run(asker, "/ask Why does the Flyway checksum fail after a rebase? #java");
                return numbers("flyway checksum rebase");
            }).get(30, TimeUnit.SECONDS);
            assertThat(found).containsExactly(2L);
        } finally {
            release.countDown();
        }
        slowCommit.get(30, TimeUnit.SECONDS);
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
