package org.bandura.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitlesTest {

    @Test
    void firstLineFolded() {
        assertThat(Titles.of("  How do   I size\ta pool?\nMore detail here")).isEqualTo("How do I size a pool?");
    }

    @Test
    void longTitlesCutAtAWord() {
        String title = Titles.of("word ".repeat(40));
        assertThat(title).endsWith("…").hasSizeLessThanOrEqualTo(Titles.MAX_LENGTH + 1);
        assertThat(title).doesNotContain("wor…");
    }

    @Test
    void neverSplitsAnEmoji() {
        String title = Titles.of("x".repeat(98) + "🚀🚀🚀");
        assertThat(title.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2).isZero();
        assertThat(Character.isHighSurrogate(title.charAt(title.length() - 2))).isFalse();
        assertThat(title).endsWith("…");
    }
}
