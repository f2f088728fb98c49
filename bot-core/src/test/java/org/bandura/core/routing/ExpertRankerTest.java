package org.bandura.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bandura.core.routing.ExpertRanker.Candidate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpertRankerTest {

    private static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");

    private static Candidate expert(long id, int declared, long reputation, Duration sinceMention) {
        return new Candidate(id, declared, reputation, sinceMention == null ? null : NOW.minus(sinceMention));
    }

    private static List<Long> ranked(List<Candidate> candidates, long asker, int limit) {
        return ExpertRanker.rank(candidates, asker, limit, NOW).stream().map(r -> r.candidate().memberId()).toList();
    }

    @ParameterizedTest(name = "declared {0}, tag reputation {1}, mentioned {2}h ago → score {3}")
    @CsvSource({
            "1,   0,   , 50",
            "2,   0,   , 100",
            "1,  30,   , 80",
            "1,   0,  0, -50",    // just mentioned: full cool-down penalty
            "1,   0, 12,  0",     // half-way through the cool-down
            "1,   0, 24, 50",     // cool-down over
    })
    void score(int declared, long reputation, Long hoursAgo, long expected) {
        Candidate candidate = expert(1, declared, reputation, hoursAgo == null ? null : Duration.ofHours(hoursAgo));
        assertThat(ExpertRanker.score(candidate, NOW)).isEqualTo(expected);
    }

    @Test
    @DisplayName("higher declared expertise plus tag reputation ranks first")
    void scoreOrder() {
        assertThat(ranked(List.of(expert(1, 1, 0, null), expert(2, 1, 40, null), expert(3, 2, 0, null)), 99, 3))
                .containsExactly(3L, 2L, 1L);
    }

    @Test
    @DisplayName("the asker is never routed to their own question")
    void neverTheAsker() {
        assertThat(ranked(List.of(expert(1, 1, 500, null), expert(2, 1, 0, null)), 1, 3)).containsExactly(2L);
    }

    @Test
    @DisplayName("equal experts: the least recently mentioned goes first, never-mentioned before all")
    void spreadsLoad() {
        List<Candidate> equal = List.of(expert(1, 1, 0, Duration.ofDays(3)), expert(2, 1, 0, Duration.ofDays(5)),
                expert(3, 1, 0, null));
        assertThat(ranked(equal, 99, 3)).containsExactly(3L, 2L, 1L);
    }

    @Test
    @DisplayName("a just-mentioned expert yields to an equal colleague, so mentions rotate")
    void cooldownRotates() {
        assertThat(ranked(List.of(expert(1, 1, 20, Duration.ofMinutes(5)), expert(2, 1, 0, null)), 99, 1))
                .containsExactly(2L);
    }

    @Test
    @DisplayName("only the top K are mentioned")
    void topK() {
        List<Candidate> five = List.of(expert(1, 1, 5, null), expert(2, 1, 4, null), expert(3, 1, 3, null),
                expert(4, 1, 2, null), expert(5, 1, 1, null));
        assertThat(ranked(five, 99, 3)).containsExactly(1L, 2L, 3L);
        assertThat(ranked(five, 99, 0)).isEmpty();
    }
}
