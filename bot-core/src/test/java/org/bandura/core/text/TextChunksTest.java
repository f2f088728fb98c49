package org.bandura.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextChunksTest {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("short text stays whole", "How do I size a pool?", 50),
                Arguments.of("prose", "word ".repeat(900).strip(), 2000),
                Arguments.of("emoji at every position", "🔥".repeat(1500), 2000),
                Arguments.of("emoji after an odd prefix", "x" + "🔥".repeat(1500), 2000),
                Arguments.of("family emoji (ZWJ sequence)", "👨‍👩‍👧‍👦".repeat(400), 2000),
                Arguments.of("combining accents", "e\u0301".repeat(2100), 2000),
                Arguments.of("flags", "🇺🇦".repeat(1100), 2000),
                Arguments.of("lines", "line of text number x\n".repeat(300), 1000),
                Arguments.of("no spaces at all", "a".repeat(4000), 2000),
                Arguments.of("small limit, long words", "abcdefghij ".repeat(50), 40));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    @DisplayName("pieces fit the limit, are cut between whole characters and lose no visible text")
    void piecesFitAndKeepEverything(String name, String text, int limit) {
        List<String> pieces = TextChunks.split(text, limit);

        assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(limit));
        assertThat(String.join("", pieces).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
        assertThat(visibleGraphemes(String.join("", pieces))).containsExactlyElementsOf(visibleGraphemes(text));
        if (text.length() <= limit) {
            assertThat(pieces).containsExactly(text);
        }
    }

    @Test
    @DisplayName("a piece ends at a line break or a space, not in the middle of a word")
    void cutsAtWords() {
        List<String> pieces = TextChunks.split("alpha beta gamma delta ".repeat(200), 500);

        assertThat(pieces).hasSizeGreaterThan(1);
        for (String piece : pieces.subList(0, pieces.size() - 1)) {
            assertThat(piece).matches("(?s).*(alpha|beta|gamma|delta)\\s*");
        }
    }

    @Test
    @DisplayName("a code block that has to be cut is closed and reopened with its language")
    void codeBlockClosedAndReopened() {
        String code = "```java\n" + "int x = 1; // a line of code\n".repeat(120) + "```\nAfter the code.";

        List<String> pieces = TextChunks.split("Here is my code:\n" + code, 1000);

        assertThat(pieces).hasSizeGreaterThan(2);
        for (String piece : pieces) {
            assertThat(TextChunks.openFence(piece)).as(piece).isNull();
        }
        assertThat(pieces.get(1)).startsWith("```java\n");
        assertThat(pieces.get(pieces.size() - 1)).endsWith("```\nAfter the code.");
    }

    @Test
    @DisplayName("a cut prefers the line break before a code block to one inside it")
    void prefersLineBreaksOutsideCode() {
        String text = "intro line\n".repeat(50) + "```\n" + "code\n".repeat(20) + "```";

        List<String> pieces = TextChunks.split(text, 600);

        assertThat(pieces).allSatisfy(piece -> assertThat(TextChunks.openFence(piece)).isNull());
    }

    @Test
    @DisplayName("shorten keeps short text and cuts long text between whole characters, marked with …")
    void shorten() {
        assertThat(TextChunks.shorten("short", 100)).isEqualTo("short");
        String cut = TextChunks.shorten("x" + "🔥".repeat(60), 100);
        assertThat(cut).hasSizeLessThanOrEqualTo(100).endsWith("🔥…");
        assertThat(TextChunks.shorten("word ".repeat(40), 50)).hasSizeLessThanOrEqualTo(50).endsWith("word…");
    }

    private static List<String> visibleGraphemes(String text) {
        Matcher matcher = GRAPHEME.matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (matcher.find()) {
            if (!matcher.group().isBlank()) {
                out.add(matcher.group());
            }
        }
        return out;
    }
}
