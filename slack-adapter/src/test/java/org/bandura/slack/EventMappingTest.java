package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.model.Reaction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventMappingTest {

    private final EventMapping mapping = new EventMapping(SlackSettings.socketMode("xoxb-1", "xapp-1"));
    private final EventMapping custom = new EventMapping(new SlackSettings("xoxb-1", "xapp-1", null, null,
            List.of(), ":arrow_up:", "arrow_down", "heavy_check_mark", 0));

    @Test
    @DisplayName("A reply in a thread becomes a ThreadMessage keyed channel:thread_ts and channel:ts, as plain text")
    void threadReply() {
        assertThat(mapping.message("C1", "2.0", "1.0", "use &lt;pool&gt; <@U9|kim>", null))
                .contains(new Command.ThreadMessage("C1:1.0", "C1:2.0", "use <pool> @kim"));
    }

    @Test
    @DisplayName("Top-level messages, thread parents and bot messages are not answers")
    void notThreadReplies() {
        assertThat(mapping.message("C1", "1.0", null, "hello", null)).isEmpty();
        assertThat(mapping.message("C1", "1.0", "1.0", "parent", null)).isEmpty();
        assertThat(mapping.message("C1", "2.0", "1.0", "experts: <@U1>", "B0BOT")).isEmpty();
    }

    @Test
    void editAndDelete() {
        assertThat(mapping.edit("C1", "2.0", "fixed &amp; better", null))
                .contains(new Command.EditMessage("C1:2.0", "fixed & better"));
        assertThat(mapping.edit("C1", "2.0", "bot edit", "B1")).isEmpty();
        assertThat(mapping.delete("C1", "2.0")).contains(new Command.DeleteMessage("C1:2.0"));
        assertThat(mapping.delete("C1", null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource({
            "+1, UPVOTE",
            "+1::skin-tone-4, UPVOTE",
            "-1, DOWNVOTE",
            "white_check_mark, ACCEPT",
            "tada, ",
            "thumbsup_all, "})
    void defaultEmoji(String emoji, Reaction meaning) {
        assertThat(mapping.meaning(emoji)).isEqualTo(Optional.ofNullable(meaning));
    }

    @Test
    @DisplayName("Emoji names are configurable (colons allowed in the config)")
    void customEmoji() {
        assertThat(custom.meaning("arrow_up")).contains(Reaction.UPVOTE);
        assertThat(custom.meaning("arrow_down")).contains(Reaction.DOWNVOTE);
        assertThat(custom.meaning("heavy_check_mark")).contains(Reaction.ACCEPT);
        assertThat(custom.meaning("+1")).isEmpty();
    }

    @Test
    @DisplayName("Reactions on messages map to React; reactions on files are ignored")
    void reactions() {
        assertThat(mapping.reaction("message", "C1", "2.0", "+1", true))
                .contains(new Command.React("C1:2.0", Reaction.UPVOTE, true));
        assertThat(mapping.reaction("message", "C1", "2.0", "white_check_mark", false))
                .contains(new Command.React("C1:2.0", Reaction.ACCEPT, false));
        assertThat(mapping.reaction("file", "C1", "2.0", "+1", true)).isEmpty();
    }
}
