package org.bandura.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagSyntaxTest {

    @ParameterizedTest(name = "''{0}'' → tags [{1}]")
    @CsvSource(delimiter = '|', value = {
            "How do I size a pool? #java                  | java",
            "#Java and #SQL, please!                      | java sql",
            "Is #c++ faster than #c#?                     | c++ c#",
            "Why does #node.js leak?                      | node.js",
            "C# generics (see issue #42)                  | ''",
            "See <#123456> and http://x.io/a#frag          | ''",
            "(#docker) setup                              | docker",
            "What about #$$$ here                         | ''",
            "#thisisaverylongtagnamethatkeepsgoingonandon | ''",
            "Tags: #java,#sql                             | java sql",
            "My script starts with #!/bin/bash #shell      | shell",
            "Color #0f0 looks wrong #css                  | css",
            "Why #[derive(Debug)] here? #rust             | rust",
            "#include <stdio.h> then main #c              | c",
            "#import \"Foo.h\" fails #objective-c          | objective-c",
    })
    @DisplayName("#tag tokens are tags; a token that is no valid tag is plain text")
    void extract(String text, String tags) {
        assertThat(String.join(" ", TagSyntax.extract(text))).isEqualTo(tags);
    }

    @ParameterizedTest(name = "''{0}'' → tags [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Run `grep #todo` please #bash                | bash",
            "Inline ``a ` #b`` code #go                   | go",
            "Fenced:\\n```\\n#java\\n#include <x>\\n```\\nafter #sql | sql",
            "Unclosed fence #kotlin\\n```\\n#java\\nrest     | kotlin",
            "An odd ` backtick #java                      | java",
    })
    @DisplayName("text inside backticks and code blocks is never read for tags")
    void codeIsNotReadForTags(String text, String tags) {
        assertThat(String.join(" ", TagSyntax.extract(text.replace("\\n", "\n")))).isEqualTo(tags);
    }

    @Test
    @DisplayName("words inside code are not candidates for inferred tags")
    void candidateWordsSkipCode() {
        assertThat(TagSyntax.candidateWords("Why is `java -jar` slow in docker?")).contains("docker")
                .doesNotContain("java");
    }

    @Test
    void normalize() {
        assertThat(TagSyntax.normalize("#Kotlin")).contains("kotlin");
        assertThat(TagSyntax.normalize("9lives")).isEmpty();
        assertThat(TagSyntax.normalize("a b")).isEmpty();
    }

    @Test
    @DisplayName("the length rule counts characters, so 32 letters outside the BMP are a valid tag and 33 are not")
    void lengthCountsCodePoints() {
        String bold = new String(Character.toChars(0x1D400));
        assertThat(TagSyntax.normalize(bold.repeat(32))).isPresent();
        assertThat(TagSyntax.normalize(bold.repeat(33))).isEmpty();
    }
}
