package org.bandura.core.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThankYouDetectorTest {

    private final ThankYouDetector detector = ThankYouDetector.withDefaults();

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
            "Thanks!                                        | true",
            "THANK YOU so much                              | true",
            "thank-you, that fixed it                       | true",
            "ty                                             | true",
            "Ok that worked :)                              | true",
            "Solved.                                        | true",
            "Danke schön!                                   | true",
            "Merci beaucoup                                 | true",
            "¡Gracias!                                      | true",
            "Still broken                                   | false",
            "typo in line 3                                 | false",  // 'ty' only as a whole word
            "unsolved, any ideas?                           | false",
            "> thanks for asking\\nbut it still fails       | false",  // quoted
            "use `ty` as the variable                       | false",  // inline code
            "```\\nprint('thanks')\\n```\\nstill failing    | false",  // code block
            "```\\nx = 1\\n```\\nthanks, works now          | true",
            "''                                             | false",
    })
    void detects(String message, boolean expected) {
        assertThat(detector.isThankYou(message.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    @DisplayName("the phrase list is configurable: only the configured phrases count")
    void configurablePhrases() {
        ThankYouDetector custom = new ThankYouDetector(List.of("kiitos", "Dziękuję"));
        assertThat(custom.isThankYou("Kiitos paljon!")).isTrue();
        assertThat(custom.isThankYou("dziekuje")).isTrue();
        assertThat(custom.isThankYou("thanks")).isFalse();
    }
}
