package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.time.Instant;
import java.util.List;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.SearchChanges;
import org.bandura.core.search.SearchResults.SearchHit;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A process's own writes are searchable as soon as its reply is sent: no waiting, no polling. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class SearchFollowsDatabaseTest {

    private final TestCore bandura;
    private final Actor asker = user("asker");
    private final Actor helper = user("helper");
    private final long workspace;

    SearchFollowsDatabaseTest(Backend backend) {
        bandura = backend.open();
        bandura.run(asker, "/ask How do I size a HikariCP connection pool? #java");
        bandura.run(asker, new Command.LinkQuestion(1, "chan", "m-q1", "t-q1"));
        workspace = bandura.workspaceId(TestCore.CONSOLE);
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private List<SearchHit> hits(String query) {
        return bandura.service().search().search(workspace, query, SearchFilter.ANY, 0, 10).hits();
    }

    private List<Long> numbers(String query) {
        return hits(query).stream().map(SearchHit::questionNumber).toList();
    }

    @Test
    @DisplayName("a new question is found at once, and is no similar question of itself")
    void create() {
        assertThat(numbers("hikaricp")).containsExactly(1L);
        Command.Ask second = new Command.Ask("What size should my HikariCP connection pool have?", List.of());
        var asked = bandura.run(asker, second).event(org.bandura.core.reply.Event.QuestionAsked.class).orElseThrow();
        assertThat(asked.similar()).extracting(org.bandura.core.reply.Event.SimilarQuestion::number)
                .containsExactly(1L);
        assertThat(numbers("hikaricp")).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    @DisplayName("an answer's edit replaces its words, and a deleted answer takes its words along")
    void answerEditAndDelete() {
        bandura.run(helper, new Command.ThreadMessage("t-q1", "m-a1", "Set maximumPoolSize to twice the cores."));
        assertThat(numbers("maximumpoolsize")).containsExactly(1L);
        bandura.run(helper, new Command.EditMessage("m-a1", "Measure with flexypool first."));
        assertThat(numbers("maximumpoolsize")).isEmpty();
        assertThat(numbers("flexypool")).containsExactly(1L);
        bandura.run(helper, new Command.DeleteMessage("m-a1"));
        assertThat(numbers("flexypool")).isEmpty();
        assertThat(hits("hikaricp").get(0).answered()).isFalse();
    }

    @Test
    @DisplayName("accept and un-accept show in hits and in the answered filter")
    void acceptAndUnaccept() {
        SearchFilter unanswered = new SearchFilter(null, SearchFilter.Answered.UNANSWERED);
        assertThat(bandura.service().search().search(workspace, "pool", unanswered, 0, 10).hits()).hasSize(1);
        bandura.run(helper, "/answer Q1 Cores times two.");
        assertThat(bandura.service().search().search(workspace, "pool", unanswered, 0, 10).hits()).isEmpty();
        assertThat(hits("pool").get(0).accepted()).isFalse();

        bandura.run(asker, "/accept A1");
        assertThat(hits("pool").get(0).accepted()).isTrue();
        bandura.run(asker, "/unaccept A1");
        assertThat(hits("pool").get(0).accepted()).isFalse();
    }

    @Test
    @DisplayName("a deleted question leaves search and similar questions")
    void deletedQuestion() {
        Instant now = bandura.clock().instant();
        bandura.database().inTransaction(sql -> {
            long id = sql.count("SELECT id FROM question WHERE number = 1");
            sql.update("UPDATE question SET deleted_at = ? WHERE id = ?", now, id);
            new SearchChanges().record(sql, id, now);
            return null;
        });
        bandura.service().searchIndex().catchUp();
        assertThat(numbers("hikaricp")).isEmpty();
        assertThat(bandura.service().search().similar(workspace, "HikariCP connection pool size", -1, 3)).isEmpty();
    }

    @Test
    @DisplayName("similar questions: the close one, never junk that shares one common word")
    void similarThreshold() {
        bandura.run(asker, "/ask Why is my Kubernetes pod evicted under memory pressure? #kubernetes");
        bandura.run(asker, "/ask Which pool of Kubernetes nodes runs the ingress? #kubernetes");
        QuestionSearch search = bandura.service().search();
        assertThat(search.similar(workspace, "Kubernetes evicted my pod, memory pressure again", -1, 3))
                .extracting(SimilarQuestion::questionNumber).first().isEqualTo(2L);
        assertThat(search.similar(workspace, "How do I heat a swimming pool in winter?", -1, 3)).isEmpty();
        assertThat(search.similar(workspace, "Best pizza in town", -1, 3)).isEmpty();
    }
}
