package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.bandura.core.command.Command;
import org.bandura.core.command.CommandLineParser.Invalid;
import org.bandura.core.command.CommandLineParser.Parsed;
import org.bandura.core.command.CommandLineParser.Result;
import org.bandura.core.model.Period;
import org.bandura.core.model.Reaction;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.RichText;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Discord input to core commands, without a network")
class CommandMappingTest {

    private final CommandMapping mapping = new CommandMapping(DiscordSettings.of("t"));

    private static Command parsed(Result result) {
        assertThat(result).isInstanceOf(Parsed.class);
        return ((Parsed) result).command();
    }

    @Test
    @DisplayName("/ask takes the question and splits the tags option on spaces and commas")
    void ask() {
        Command command = parsed(mapping.slash("ask", null, Map.of("question", " How to pool? ", "tags", "java, sql")));

        assertThat(command).isEqualTo(new Command.Ask("How to pool?", List.of("java", "sql")));
    }

    @Test
    @DisplayName("/expert subcommands become ExpertAdd, ExpertRemove and ExpertList")
    void expert() {
        assertThat(parsed(mapping.slash("expert", "add", Map.of("tags", "java sql"))))
                .isEqualTo(new Command.ExpertAdd(List.of("java", "sql")));
        assertThat(parsed(mapping.slash("expert", "remove", Map.of("tags", "java"))))
                .isEqualTo(new Command.ExpertRemove(List.of("java")));
        assertThat(parsed(mapping.slash("expert", "list", Map.of()))).isEqualTo(new Command.ExpertList(null));
        assertThat(parsed(mapping.slash("expert", "list", Map.of("tag", "sql")))).isEqualTo(new Command.ExpertList("sql"));
    }

    @Test
    @DisplayName("/claim, /unclaim and /why take the question option; /expert back and hours reach the same parser as typed text")
    void followThrough() {
        assertThat(parsed(mapping.slash("claim", null, Map.of("question", "Q3")))).isEqualTo(new Command.Claim(3));
        assertThat(parsed(mapping.slash("unclaim", null, Map.of("question", "Q3")))).isEqualTo(new Command.Unclaim(3));
        assertThat(parsed(mapping.slash("why", null, Map.of("question", "Q4")))).isEqualTo(new Command.Why(4));
        assertThat(mapping.slash("claim", null, Map.of("question", "A3"))).isInstanceOf(Invalid.class);
        assertThat(parsed(mapping.slash("expert", "back", Map.of())))
                .isEqualTo(parsed(org.bandura.core.command.CommandLineParser.parseLine("/expert back")));
        assertThat(parsed(mapping.slash("expert", "hours", Map.of("when", "09:00-17:30 mon-fri Europe/Berlin"))))
                .isEqualTo(parsed(org.bandura.core.command.CommandLineParser.parseLine(
                        "/expert hours 09:00-17:30 mon-fri Europe/Berlin")));
    }

    @Test
    @DisplayName("/expert add with only separators is a polite error")
    void expertWithoutTags() {
        Result result = mapping.slash("expert", "add", Map.of("tags", " , "));

        assertThat(result).isInstanceOf(Invalid.class);
        assertThat(((Invalid) result).message()).contains("/expert add java");
    }

    @Test
    @DisplayName("/top reads tag and period; an unknown period is a polite error")
    void top() {
        assertThat(parsed(mapping.slash("top", null, Map.of()))).isEqualTo(new Command.Top(null, Period.ALL));
        assertThat(parsed(mapping.slash("top", null, Map.of("tag", "java", "period", "week"))))
                .isEqualTo(new Command.Top("java", Period.WEEK));
        assertThat(mapping.slash("top", null, Map.of("period", "decade"))).isInstanceOf(Invalid.class);
    }

    @Test
    @DisplayName("the simple commands map one to one")
    void simpleCommands() {
        assertThat(parsed(mapping.slash("tags", null, Map.of()))).isEqualTo(new Command.ListTags());
        assertThat(parsed(mapping.slash("profile", null, Map.of()))).isEqualTo(new Command.Profile(null));
        assertThat(parsed(mapping.slash("profile", null, Map.of("user", "42")))).isEqualTo(new Command.Profile("42"));
        assertThat(parsed(mapping.slash("search", null, Map.of("query", "pool size"))))
                .isEqualTo(new Command.Search("pool size"));
        assertThat(parsed(mapping.slash("unanswered", null, Map.of("tag", "java"))))
                .isEqualTo(new Command.Unanswered("java"));
        assertThat(parsed(mapping.slash("help", null, Map.of()))).isEqualTo(new Command.Help());
    }

    @Test
    @DisplayName("an empty search or an unknown command is a polite error")
    void badInput() {
        assertThat(mapping.slash("search", null, Map.of("query", "  "))).isInstanceOf(Invalid.class);
        assertThat(mapping.slash("frobnicate", null, Map.of())).isInstanceOf(Invalid.class);
    }

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource({"👍, UPVOTE", "👎, DOWNVOTE", "✅, ACCEPT", "✅\uFE0F, ACCEPT"})
    @DisplayName("the configured emoji mean votes and accepts")
    void reactions(String emoji, Reaction reaction) {
        assertThat(mapping.reaction(emoji)).contains(reaction);
    }

    @Test
    @DisplayName("other emoji mean nothing, and the emoji are configurable")
    void otherEmoji() {
        assertThat(mapping.reaction("🎉")).isEmpty();
        assertThat(mapping.reaction("<:party:123>")).isEmpty();
        DiscordSettings custom = new DiscordSettings("t", null, null, null, List.of(), List.of(), "⬆️", "⬇️",
                "<:ok:77>", 1, 0, 0, null);
        CommandMapping customMapping = new CommandMapping(custom);
        assertThat(customMapping.reaction("⬆️")).contains(Reaction.UPVOTE);
        assertThat(customMapping.reaction("<:ok:77>")).contains(Reaction.ACCEPT);
        assertThat(customMapping.reaction("👍")).isEmpty();
    }

    @Test
    @DisplayName("reaction keys name message, user, emoji, direction and gateway sequence: a replay repeats the key")
    void reactionKeys() {
        assertThat(CommandMapping.reactionKey("10", "20", "👍", true, 7)).isEqualTo("10:20:👍:add:7");
        assertThat(CommandMapping.reactionKey("10", "20", "👍", false, 8)).isEqualTo("10:20:👍:remove:8");
        assertThat(CommandMapping.reactionKey("10", "20", "👍", true, 9))
                .isNotEqualTo(CommandMapping.reactionKey("10", "20", "👍", true, 7));
        assertThat(CommandMapping.interactionKey("99")).isEqualTo("99");
    }

    @Test
    @DisplayName("rendered text keeps user text exactly as typed (allowed mentions stop pings); real mentions render")
    void rendering() {
        RichText text = RichText.builder().text("@Bean ops@example.com @everyone <@&5> ")
                .mention(new MemberView("123", "bob")).build();

        String rendered = DiscordText.render(text);

        assertThat(rendered).isEqualTo("@Bean ops@example.com @everyone <@&5> <@123>");
    }

    @Test
    @DisplayName("a long thread name is cut between whole characters: an emoji never becomes '?'")
    void threadNameKeepsEmojiWhole() {
        String name = QuestionPublisher.threadName("Q1: " + "x".repeat(94) + "🔥🔥🔥🔥");

        assertThat(name).hasSizeLessThanOrEqualTo(100).endsWith("…");
        assertThat(Character.isHighSurrogate(name.charAt(name.length() - 2))).isFalse();
        assertThat(name.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF).count()).as("lone surrogates").isZero();
    }

    @Test
    @DisplayName("titles shown inside the bot's sentences have their markdown escaped")
    void escapedTitles() {
        assertThat(DiscordText.escapeMarkdown("```")).isEqualTo("\\`\\`\\`");
        assertThat(DiscordText.escapeMarkdown("[free](https://evil.example)"))
                .isEqualTo("\\[free\\]\\(https\\://evil.example\\)");
        assertThat(DiscordText.escapeMarkdown("**bold** 🔥")).isEqualTo("\\*\\*bold\\*\\* 🔥");
    }

    @Test
    @DisplayName("settings fill defaults and never print the token")
    void settings() {
        DiscordSettings settings = DiscordSettings.of("secret-token").withRestUrl("http://localhost:1/api");

        assertThat(settings.restUrl()).isEqualTo("http://localhost:1/api/");
        assertThat(settings.upvoteEmoji()).isEqualTo("👍");
        assertThat(settings.shardTotal()).isEqualTo(1);
        assertThat(settings.toString()).doesNotContain("secret-token");
        assertThat(DiscordSettings.of("t").restUrl()).isEqualTo(DiscordSettings.DISCORD_REST_URL);
    }
}
