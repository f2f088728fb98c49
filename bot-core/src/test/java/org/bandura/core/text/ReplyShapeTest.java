package org.bandura.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyShapeTest {

    @ParameterizedTest
    @DisplayName("comments: thanks, +1, a question back, or fewer than 20 visible characters")
    @ValueSource(strings = {"thanks!", "+1", "+1 same problem on 17", "Which version are you on?",
            "Thank you so much, that really helped me a lot!", "Same here, exactly this on prod 🙁",
            "Which version of Java are you running on that server? 🤔", "cores * 2",
            "ok\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B",
            "                         short                           "})
    void comments(String text) {
        assertThat(ReplyShape.isAnswer(text, 20)).as(text).isFalse();
    }

    @ParameterizedTest
    @DisplayName("answers: anything of substance, even when it thanks or asks something among other sentences")
    @ValueSource(strings = {"Set maximumPoolSize to cores * 2 and watch the wait time.",
            "Did you try HikariCP? It sizes the pool for you and reports waits.",
            "Thanks for asking! The pool is too small: raise maximumPoolSize to 20 and the timeouts go away, "
                    + "because every request holds a connection for the whole call.",
            "Is `maximumPoolSize` set? Use `maximumPoolSize=20`?",
            "Following the docs, set the pool size to twenty and restart."})
    void answers(String text) {
        assertThat(ReplyShape.isAnswer(text, 20)).as(text).isTrue();
    }

    @ParameterizedTest
    @DisplayName("zero-width and other invisible characters are not counted as visible")
    @ValueSource(strings = {"\u200B\u200C\u200D\u2060\uFEFF"})
    void invisibleCharacters(String text) {
        assertThat(ReplyShape.visibleLength(text)).isZero();
        assertThat(ReplyShape.visibleLength("a" + text + "b")).isEqualTo(2);
    }
}
