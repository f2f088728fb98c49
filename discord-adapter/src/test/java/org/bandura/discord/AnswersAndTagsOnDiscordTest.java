package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 9 §2, §3 and §5 as a Discord member sees them, with real JDA against the local fake. */
@DisplayName("Answers, comments and tag administration on Discord")
class AnswersAndTagsOnDiscordTest extends RealCoreTest {

    private String reply(FakeDiscord.User user, String name, String subcommand, String... options) {
        String id = discord.slashCommand(user, discord.textChannelId, name, subcommand, options);
        return fixture.awaitCallback(id).body().path("data").path("content").asText();
    }

    private String askedThread() {
        reply(discord.expert, "expert", "add", "tags", "java");
        String ask = discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a HikariCP pool?", "tags", "java");
        fixture.awaitOriginalEdit(ask);
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        return discord.threadIds().get(0);
    }

    private String reactionPath(String threadId, String messageId, String emoji, String who) {
        return "/channels/" + threadId + "/messages/" + messageId + "/reactions/"
                + Pattern.quote(URLEncoder.encode(emoji, StandardCharsets.UTF_8)) + "/" + who;
    }

    @Test
    @DisplayName("a recorded answer gets the 📝 reaction; a 'thanks!' stays a comment and gets none")
    void answersAreMarked() {
        String threadId = askedThread();
        String thanks = discord.userMessage(discord.stranger, threadId, "thanks!").path("id").asText();
        String answer = discord.userMessage(discord.expert, threadId, "Start with cores * 2 and measure the pool.")
                .path("id").asText();

        await().atMost(WAIT).until(() -> !discord.calls("PUT", reactionPath(threadId, answer, "📝", "(@|%40)me"))
                .isEmpty());
        assertThat(testCore.rows("answer")).isEqualTo(1);
        assertThat(testCore.rows("comment")).isEqualTo(1);
        assertThat(discord.calls("PUT", reactionPath(threadId, thanks, "📝", "(@|%40)me"))).isEmpty();
    }

    @Test
    @DisplayName("a refused self-vote reaction is removed, so the member sees it didn't count")
    void refusedVoteIsRemoved() {
        String threadId = askedThread();
        String answer = discord.userMessage(discord.expert, threadId, "Start with cores * 2 and measure the pool.")
                .path("id").asText();
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);

        discord.reactionAdd(discord.expert, threadId, answer, "👍");

        await().atMost(WAIT).until(() -> !discord.calls("DELETE",
                reactionPath(threadId, answer, "👍", discord.expert.id())).isEmpty());
        assertThat(reputation(discord.expert)).isEqualTo(1);
    }

    @Test
    @DisplayName("👍 on a comment makes it an answer, counts the vote and marks the message")
    void upvotePromotesComment() {
        String threadId = askedThread();
        String comment = discord.userMessage(discord.expert, threadId, "+1, cores * 2").path("id").asText();
        await().atMost(WAIT).until(() -> testCore.rows("comment") == 1);

        discord.reactionAdd(discord.asker, threadId, comment, "👍");

        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        await().atMost(WAIT).until(() -> !discord.calls("PUT", reactionPath(threadId, comment, "📝", "(@|%40)me"))
                .isEmpty());
        assertThat(reputation(discord.expert)).isEqualTo(11);
    }

    @Test
    @DisplayName("/tag merge works for moderators and is refused for members")
    void tagMerge() {
        reply(discord.expert, "expert", "add", "tags", "js javascript");

        assertThat(reply(discord.stranger, "tag", "merge", "tag", "js", "into", "javascript"))
                .isEqualTo("Only moderators can merge tags. Ask one if a tag looks wrong.");
        assertThat(reply(discord.moderator, "tag", "merge", "tag", "js", "into", "javascript"))
                .startsWith("#js is merged into #javascript");
        assertThat(reply(discord.expert, "expert", "list")).contains("Your expert tags: #javascript");
    }

    @Test
    @DisplayName("/profile of a member who never used the bot shows their Discord name, not their id")
    void profileOfNewcomer() {
        String text = reply(discord.asker, "profile", null, "user", discord.stranger.id());

        assertThat(text).startsWith("carol hasn't used Bandura yet").doesNotContain(discord.stranger.id());
    }
}
