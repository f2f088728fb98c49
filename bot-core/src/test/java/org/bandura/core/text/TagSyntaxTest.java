package org.bandura.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagSyntaxTest {

    @ParameterizedTest(name = "''{0}'' → tags [{1}], malformed [{2}]")
    @CsvSource(delimiter = '|', value = {
            "How do I size a pool? #java                 | java        | ''",
            "#Java and #SQL, please!                     | java sql    | ''",
            "Is #c++ faster than #c#?                    | c++ c#      | ''",
            "Why does #node.js leak?                     | node.js     | ''",
            "C# generics (see issue #42)                 | ''          | ''",
            "See <#123456> and http://x.io/a#frag         | ''          | ''",
            "(#docker) setup                             | docker      | ''",
            "What about #$$$ here                        | ''          | #$$$",
            "#thisisaverylongtagnamethatkeepsgoingonandon | ''         | #thisisaverylongtagnamethatkeepsgoingonandon",
    })
    void extract(String text, String tags, String malformed) {
        TagSyntax.Extracted extracted = TagSyntax.extract(text);
        assertThat(String.join(" ", extracted.tags())).isEqualTo(tags);
        assertThat(extracted.malformed().orElse("")).isEqualTo(malformed);
    }

    @Test
    void normalize() {
        assertThat(TagSyntax.normalize("#Kotlin")).contains("kotlin");
        assertThat(TagSyntax.normalize("9lives")).isEmpty();
        assertThat(TagSyntax.normalize("a b")).isEmpty();
    }
}
