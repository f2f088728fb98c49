package org.bandura.core.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BadgesTest {

    @ParameterizedTest(name = "{0} answers, {1} accepted → {2}")
    @CsvSource(delimiter = '|', value = {
            "0   | 0   | ''",
            "1   | 0   | first-answer",
            "3   | 1   | first-answer solved-1",
            "20  | 10  | first-answer solved-1 solved-10",
            "200 | 150 | first-answer solved-1 solved-10 solved-50 solved-150",
    })
    void answerBadges(int answers, int accepted, String expected) {
        assertThat(String.join(" ", Badges.earned(answers, accepted, Map.of(), 100))).isEqualTo(expected);
    }

    @Test
    void tagExpertAtThreshold() {
        assertThat(Badges.earned(0, 0, Map.of("java", 100L, "sql", 99L), 100)).containsExactly("expert:java");
        assertThat(Badges.label("expert:java")).isEqualTo("java Expert");
        assertThat(Badges.label("solved-10")).isEqualTo("Solved ×10");
        assertThat(Badges.label("first-answer")).isEqualTo("First Answer");
    }
}
