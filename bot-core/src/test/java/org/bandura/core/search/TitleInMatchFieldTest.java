package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The combined match field holds a title's words once when they open the body, twice otherwise. */
class TitleInMatchFieldTest {

    @Test
    @DisplayName("a title made of the body's first words is not indexed again into the combined field")
    void titleOpeningTheBody() {
        assertThat(LuceneQuestionIndex.startsWith(List.of("pool", "size", "java", "heap"), List.of("pool", "size")))
                .isTrue();
        assertThat(LuceneQuestionIndex.startsWith(List.of("pool"), List.of())).isTrue();
    }

    @Test
    @DisplayName("a title with other words (edited apart from the body, or cut inside a word) is indexed into it too")
    void titleOfItsOwn() {
        assertThat(LuceneQuestionIndex.startsWith(List.of("pool", "size"), List.of("heap", "size"))).isFalse();
        assertThat(LuceneQuestionIndex.startsWith(List.of("kubernet", "pod"), List.of("kube"))).isFalse();
        assertThat(LuceneQuestionIndex.startsWith(List.of("pool"), List.of("pool", "size"))).isFalse();
    }
}
