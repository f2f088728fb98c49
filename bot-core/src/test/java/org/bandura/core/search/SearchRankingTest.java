package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.search.SearchResults.SearchHit;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Ranking on a small fixed corpus, asked and answered through the real core. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class SearchRankingTest {

    private static final WorkspaceRef OTHER = new WorkspaceRef(Platform.CONSOLE, "other", "Other workspace");

    private final TestCore bandura;
    private final Actor asker = user("asker");
    private final Actor helper = user("helper");
    private final long workspace;

    SearchRankingTest(Backend backend) {
        bandura = backend.open();
        ask("Q1", "How many pools should a HikariCP service use? #java");
        ask("Q2", "Why does my Kubernetes pod restart every hour? #kubernetes");
        ask("Q3", "Postgres vacuum never finishes on a big table #sql");
        ask("Q4", "Is the connection limit per database or per server? I also read about pools somewhere. #sql");
        ask("Q5", "How do I rotate TLS certificates without downtime? #ops");
        ask("Q6", "Nginx returns 502 after a deploy #ops");
        answer(2, "Look at the liveness probe timeout.");
        answer(5, "Use cert-manager and a rolling restart.");
        answer(6, "The upstream was not ready; add a readiness probe.");
        answer(6, "Check the upstream keepalive settings.");
        assertThat(bandura.run(asker, "/accept A3").text().toPlainString()).contains("is now the accepted answer");
        bandura.run(new Actor(OTHER, "outsider", "outsider", false),
                new Command.Ask("Secret kubernetes pools in Quetzalcoatl cluster #kubernetes", List.of()));
        workspace = bandura.workspaceId(TestCore.CONSOLE);
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private void ask(String expected, String text) {
        assertThat(bandura.run(asker, "/ask " + text).text().toPlainString()).startsWith(expected + " posted");
    }

    private void answer(long question, String text) {
        assertThat(bandura.run(helper, "/answer Q" + question + " " + text).isOk()).isTrue();
    }

    private List<Long> numbers(String query, SearchFilter filter) {
        return search(query, filter).hits().stream().map(SearchHit::questionNumber).toList();
    }

    private SearchResults search(String query, SearchFilter filter) {
        return bandura.service().search().search(workspace, query, filter, 0, 10);
    }

    @Test
    @DisplayName("stemming: 'pooling' finds the questions about pools, the one with it in the title first")
    void stemming() {
        assertThat(numbers("pooling", SearchFilter.ANY)).containsExactly(1L, 4L);
    }

    @Test
    @DisplayName("a word in the tags outranks the same word only in an answer")
    void tagBoost() {
        assertThat(numbers("kubernetes", SearchFilter.ANY)).containsExactly(2L);
        assertThat(numbers("probe", SearchFilter.ANY)).containsExactly(6L, 2L);
    }

    @Test
    @DisplayName("answers are searchable, and the accepted answer's words rank above another answer's")
    void acceptedAnswer() {
        // Q6's accepted answer (A3) says "readiness probe"; Q2's plain answer says "liveness probe".
        assertThat(numbers("readiness", SearchFilter.ANY)).containsExactly(6L);
        assertThat(numbers("upstream probe", SearchFilter.ANY).get(0)).isEqualTo(6L);
        assertThat(numbers("cert-manager", SearchFilter.ANY)).containsExactly(5L);
    }

    @Test
    @DisplayName("filters: a tag, answered only, unanswered only")
    void filters() {
        assertThat(numbers("pools", new SearchFilter("sql", SearchFilter.Answered.ANY))).containsExactly(4L);
        assertThat(numbers("restart", SearchFilter.ANSWERED_ONLY)).containsExactly(2L, 5L);
        assertThat(numbers("pools", new SearchFilter(null, SearchFilter.Answered.UNANSWERED)))
                .containsExactly(1L, 4L);
    }

    @Test
    @DisplayName("another workspace's questions never appear, not even as a 'did you mean'")
    void workspaceIsolation() {
        assertThat(numbers("kubernetes pools", SearchFilter.ANY)).doesNotContain(7L).contains(1L, 2L, 4L);
        SearchResults secret = search("quetzalcoatl", SearchFilter.ANY);
        assertThat(secret.hits()).isEmpty();
        assertThat(secret.didYouMean()).isEmpty();
        assertThat(search("quetzalcoatel", SearchFilter.ANY).didYouMean()).isEmpty();
    }

    @Test
    @DisplayName("a misspelling gets a fuzzy retry and a 'did you mean'")
    void fuzzyAndDidYouMean() {
        SearchResults results = search("postgress vaccum", SearchFilter.ANY);
        assertThat(results.fuzzy()).isTrue();
        assertThat(results.hits()).extracting(SearchHit::questionNumber).first().isEqualTo(3L);
        assertThat(results.didYouMean()).contains("postgres vacuum");
    }

    @Test
    @DisplayName("snippets are plain text with the matched words marked as ranges")
    void snippets() {
        SearchHit hit = search("pooling limits", SearchFilter.ANY).hits().stream()
                .filter(h -> h.questionNumber() == 4).findFirst().orElseThrow();
        assertThat(hit.snippet().marked("[", "]")).contains("[limit]").contains("[pools]");
        assertThat(hit.tags()).containsExactly("sql");
        assertThat(hit.answered()).isFalse();
    }

    @Test
    @DisplayName("/search in chat shows answered matches with their highlighted snippet")
    void chatSearch() {
        String reply = bandura.run(asker, "/search readiness").text().toPlainString();
        assertThat(reply).contains("Q6 Nginx returns 502 after a deploy #ops — 2 answers, accepted");
        String typo = bandura.run(asker, "/search nginks").text().toPlainString();
        assertThat(typo).contains("Did you mean: /search nginx");
    }

    @Test
    @DisplayName("/search of common words only says so and asks for a telling word, instead of 'no match'")
    void commonWordsOnly() {
        String reply = bandura.run(asker, "/search how is the").text().toPlainString();
        assertThat(reply).contains("'how is the' has only words too common to search for")
                .contains("/search connection pool size").doesNotContain("No answered question");
        assertThat(bandura.run(asker, "/search ???").text().toPlainString())
                .contains("No answered question matches '???'");
    }
}
