package org.bandura.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NUL is dropped                | a\\u0000b          | ab",
            "other C0 controls are dropped | a\\u0001\\u001Bb\\u0007c | abc",
            "tab and newline stay          | a\\tb\\nc          | a\\tb\\nc",
            "CR LF becomes LF              | a\\r\\nb\\r\\n     | a\\nb\\n",
            "a lone CR becomes LF          | a\\rb              | a\\nb",
            "CR CR LF is two lines         | a\\r\\r\\nb        | a\\n\\nb",
            "the rest is untouched         | Café 😀 \\u007F #java | Café 😀 \\u007F #java",
    })
    @DisplayName("text is cleaned of control characters, line ends become \\n")
    void clean(String rule, String input, String expected) {
        assertThat(InputText.clean(unescape(input))).as(rule).isEqualTo(unescape(expected));
    }

    @Test
    @DisplayName("every text of a command is cleaned, lists included; other values stay")
    void commands() {
        Command ask = InputText.clean(new Command.Ask("Why\u0000?\r\n#java", List.of("s\u0000ql")));
        assertThat(ask).isEqualTo(new Command.Ask("Why?\n#java", List.of("sql")));
        Command thread = new Command.ThreadMessage("t1", "m1", "plain");
        assertThat(InputText.clean(thread)).isSameAs(thread);
        assertThat(InputText.clean(new Command.Accept(3))).isEqualTo(new Command.Accept(3));
    }

    @Test
    @DisplayName("the actor's names are cleaned too")
    void actors() {
        Actor actor = new Actor(new WorkspaceRef(Platform.CONSOLE, "w\u0000", "Team\u0007"), "u\u0000", "Bob\u0000",
                true);
        assertThat(InputText.clean(actor)).isEqualTo(new Actor(new WorkspaceRef(Platform.CONSOLE, "w", "Team"), "u",
                "Bob", true));
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
