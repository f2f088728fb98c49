package org.bandura.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VisibleTextTest {

    @ParameterizedTest(name = "[{index}] U+{0}")
    @ValueSource(strings = {"200B", "200C", "200D", "FEFF", "2060", "00A0", "3000", "FE0F", "3164", "2800", "00AD",
            "180E", "202E"})
    @DisplayName("a text made only of an invisible character and spaces is blank")
    void invisibleOnly(String hex) {
        String invisible = Character.toString(Integer.parseInt(hex, 16));

        assertThat(VisibleText.isBlank(invisible.repeat(5) + " \n\t" + invisible)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "🔥", "\u200Bx\u200B", "?", "é", "中", "\uD83E\uDEE0"})
    @DisplayName("one visible character is enough")
    void visible(String text) {
        assertThat(VisibleText.isBlank(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "#java|false",
            "#java #sql|false",
            "#java \u200B|false",
            "How? #java|true",
            "C# question|true",
            "#java pools|true"})
    @DisplayName("tags alone are not a question")
    void wordsBesideTags(String text, boolean expected) {
        assertThat(VisibleText.hasWordsBesideTags(text)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a quote keeps at most 40 characters, on one line, whole emoji included")
    void quote() {
        assertThat(VisibleText.quote("short")).isEqualTo("short");
        assertThat(VisibleText.quote("x".repeat(100_000))).isEqualTo("x".repeat(40) + "…");
        assertThat(VisibleText.quote("🔥".repeat(50))).isEqualTo("🔥".repeat(40) + "…");
        assertThat(VisibleText.quote("two\nlines")).isEqualTo("two lines");
    }
}
