package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.RichText;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackTextTest {

    @ParameterizedTest(name = "escape({0}) = {1}")
    @CsvSource(delimiterString = "=>", value = {
            "<!channel>          => &lt;!channel&gt;",
            "<!here> now         => &lt;!here&gt; now",
            "<@U123>             => &lt;@U123&gt;",
            "a & b               => a &amp; b",
            "&lt;                => &amp;lt;",
            "plain text          => plain text"})
    void escape(String text, String escaped) {
        assertThat(SlackText.escape(text)).isEqualTo(escaped);
    }

    @ParameterizedTest(name = "fromSlack({0}) = {1}")
    @CsvSource(delimiterString = "=>", value = {
            "hi <@U123|ann>                       => hi @ann",
            "hi <@U123>                           => hi @U123",
            "<!channel> and <!here>               => @channel and @here",
            "<!subteam^S1|@devs>                  => @devs",
            "see <#C1|general>                    => see #general",
            "<https://x.io|docs> and <https://y>  => docs (https://x.io) and https://y",
            "<mailto:a@b.c|a@b.c>                 => a@b.c",
            "a &amp; b &lt;tag&gt;                => a & b <tag>",
            "&amp;lt;                             => &lt;"})
    void fromSlack(String markup, String plain) {
        assertThat(SlackText.fromSlack(markup)).isEqualTo(plain);
    }

    @Test
    @DisplayName("Only Mention spans become real mentions; plain text that looks like one is escaped")
    void rendererEscapesPlainAndMentionsMembers() {
        RichText text = RichText.builder().text("<!channel> ask ").mention(new MemberView("U0BOB", "Bob"))
                .text(" & <@U0CAT>").build();

        assertThat(SlackText.render(text)).isEqualTo("&lt;!channel&gt; ask <@U0BOB> &amp; &lt;@U0CAT&gt;");
    }

    @Test
    @DisplayName("Round trip: what a user typed comes back as the same visible text, never as markup")
    void roundTrip() {
        for (String typed : List.of("a < b && c > d", "<!everyone>", "x &amp; y")) {
            String shown = SlackText.escape(SlackText.fromSlack(SlackText.escape(typed)));
            assertThat(shown).isEqualTo(SlackText.escape(typed)).doesNotContain("<");
        }
    }
}
