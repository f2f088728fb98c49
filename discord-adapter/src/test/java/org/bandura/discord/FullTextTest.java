package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Questions are shown whole and exactly as typed, however long, whatever characters they hold. */
@DisplayName("Discord shows the whole text, exactly as typed")
class FullTextTest extends RealCoreTest {

    private String ask(String question, String tags) {
        String interaction = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null, "question",
                question, "tags", tags);
        fixture.awaitOriginalEdit(interaction);
        await().atMost(WAIT).until(() -> !discord.threadIds().isEmpty());
        return interaction;
    }

    @Test
    @DisplayName("a 4,000-character question with code and emoji: tags on the first message, the rest continues in "
            + "the thread, nothing lost, no message pings anyone")
    void longQuestionShownWhole() {
        String code = "```java\n" + "System.out.println(\"🔥 pool\"); // keep\n".repeat(40) + "```\n";
        String prose = "Why does my pool 🔥 starve under load? ".repeat(60);
        String question = prose + "\n" + code + "The end is here.";
        assertThat(question.codePointCount(0, question.length())).isBetween(3500, 4000);

        ask(question, "java");

        FakeDiscord.Call starter = fixture.awaitMessage(discord.textChannelId, 1);
        String threadId = discord.threadIds().get(0);
        fixture.awaitMessage(threadId, 2); // continuation(s), then the routing line
        List<FakeDiscord.Call> continuations = discord.messagesTo(threadId).stream()
                .filter(call -> !call.body().path("content").asText().contains("Nobody follows"))
                .toList();
        assertThat(continuations).isNotEmpty();
        assertThat(starter.body().path("content").asText()).startsWith("**Q1** asked by <@" + discord.asker.id()
                + "> · Tags: #java\n");
        String shown = starter.body().path("content").asText() + continuations.stream()
                .map(call -> call.body().path("content").asText()).collect(Collectors.joining());
        assertThat(shown.replaceAll("\\s|```java|```", "")).endsWith(question.replaceAll("\\s|```java|```", ""));
        assertThat(shown).doesNotContain("?🔥", "\uFFFD").endsWith("The end is here.");
        for (FakeDiscord.Call call : concat(starter, continuations)) {
            assertThat(call.body().path("content").asText().length()).isLessThanOrEqualTo(DiscordText.MAX_LENGTH);
            assertNoPings(call.body());
        }
    }

    @Test
    @DisplayName("@ in code and addresses stays as typed (no zero-width space), and nobody is pinged")
    void atSignsStayAsTyped() {
        String question = "Why is @Bean ignored? Mail ops@example.com, not @everyone. <@" + discord.expert.id() + ">";

        ask(question, "java");

        FakeDiscord.Call starter = fixture.awaitMessage(discord.textChannelId, 1);
        assertThat(starter.body().path("content").asText()).endsWith("\n" + question).doesNotContain("\u200B");
        assertNoPings(starter.body());
        String stored = testCore.database().inTransaction(sql -> sql.one("SELECT body FROM question",
                row -> row.getString(1)).orElseThrow());
        assertThat(stored).isEqualTo(question);
    }

    @Test
    @DisplayName("similar questions' titles are escaped: ``` can't break the reply and masked links are text")
    void similarTitlesEscaped() {
        ask("``` pool [free nitro](https://evil.example) pool", "java");
        await().atMost(WAIT).until(() -> testCore.rows("question") == 1);

        String second = ask("Is free nitro in the pool real?", "java");

        String confirmation = discord.originalEdits(second).get(0).body().path("content").asText();
        assertThat(confirmation).contains("Q1: \\`\\`\\` pool \\[free nitro\\]\\(https\\://evil.example\\) pool");
    }

    @Test
    @DisplayName("titles listed by /unanswered are escaped too, while the question itself keeps its markdown")
    void listedTitlesEscaped() {
        ask("``` pool [free nitro](https://evil.example) pool", "java");

        String open = fixture.awaitCallback(discord.slashCommand(discord.stranger, discord.textChannelId,
                "unanswered", null)).body().path("data").path("content").asText();

        assertThat(open).contains("Q1 \\`\\`\\` pool \\[free nitro\\]\\(https\\://evil.example\\) pool #java");
        assertThat(fixture.awaitMessage(discord.textChannelId, 1).body().path("content").asText())
                .endsWith("\n``` pool [free nitro](https://evil.example) pool");
    }

    private static List<FakeDiscord.Call> concat(FakeDiscord.Call first, List<FakeDiscord.Call> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }

    static void assertNoPings(JsonNode message) {
        JsonNode allowed = message.path("allowed_mentions");
        assertThat(allowed.isMissingNode()).as("allowed_mentions is set on %s", message).isFalse();
        assertThat(allowed.path("parse")).isEmpty();
        assertThat(allowed.path("users")).isEmpty();
        assertThat(allowed.path("roles")).isEmpty();
    }
}
