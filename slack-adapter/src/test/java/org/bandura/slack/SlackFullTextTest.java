package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.slack.SlackHarness.ANN;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.bandura.slack.fake.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real Bolt ↔ fake Slack ↔ real core: the whole question is shown, in verbatim sections Slack accepts. */
@DisplayName("Slack shows the whole question, verbatim")
class SlackFullTextTest {

    private static final int SLACK_SECTION_LIMIT = 3000;

    private SlackHarness bot;

    @BeforeEach
    void start() throws Exception {
        bot = SlackHarness.socketModeWithJavaExpert();
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
    }

    @Test
    @DisplayName("a 4,000-character question with emoji and & < > spreads over several sections, nothing cut")
    void longQuestionInSeveralSections() {
        String question = "Why does my pool 🔥 starve when a & b > c? ".repeat(90) + "The end is here. #java";
        assertThat(question.codePointCount(0, question.length())).isBetween(3800, 4000);

        FakeSlack.Posted posted = bot.ask(ANN, question);

        List<JsonObject> sections = new ArrayList<>();
        for (JsonElement block : posted.blocks()) {
            if (block.getAsJsonObject().get("type").getAsString().equals("section")) {
                sections.add(block.getAsJsonObject().getAsJsonObject("text"));
            }
        }
        assertThat(sections).hasSizeGreaterThan(1);
        StringBuilder shown = new StringBuilder();
        for (JsonObject text : sections) {
            assertThat(text.get("type").getAsString()).isEqualTo("mrkdwn");
            assertThat(text.get("verbatim").getAsBoolean()).isTrue();
            assertThat(text.get("text").getAsString().length()).isLessThanOrEqualTo(SLACK_SECTION_LIMIT);
            shown.append(text.get("text").getAsString());
        }
        String unescaped = SlackText.fromSlack(shown.toString());
        assertThat(unescaped.replaceAll("\\s", "")).isEqualTo(("*Q1* " + question).replaceAll("\\s", ""));
        assertThat(unescaped).endsWith("The end is here. #java").doesNotContain("\uFFFD", "…");
    }

    @Test
    @DisplayName("every mrkdwn text object carrying user text is verbatim, so Slack parses no mentions in it")
    void userTextIsVerbatim() {
        FakeSlack.Posted posted = bot.ask(ANN, "Is @channel ok with ops@example.com? #java");

        String json = posted.blocksJson();
        assertThat(json).contains("\"verbatim\":true");
        for (JsonElement block : posted.blocks()) {
            JsonObject object = block.getAsJsonObject();
            if (object.has("text") && object.getAsJsonObject("text").get("text").getAsString().contains("@channel")) {
                assertThat(object.getAsJsonObject("text").get("verbatim").getAsBoolean()).isTrue();
            }
            if (object.get("block_id").getAsString().equals("bandura_meta")) {
                assertThat(object.getAsJsonArray("elements").get(0).getAsJsonObject().get("verbatim").getAsBoolean())
                        .isTrue();
            }
        }
    }
}
