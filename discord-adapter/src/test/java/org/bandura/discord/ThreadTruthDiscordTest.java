package org.bandura.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.discord.fake.FakeDiscord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real JDA ↔ fake Discord ↔ real core: what the bot posted follows every change of the question. */
@DisplayName("The thread tells the truth on Discord")
class ThreadTruthDiscordTest extends RealCoreTest {

    private String ask() {
        fixture.awaitOriginalEdit(discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "How do I size a connection pool?", "tags", "java"));
        await().atMost(WAIT).until(() -> discord.threadIds().size() == 1);
        return discord.threadIds().get(0);
    }

    private String answer(String threadId) {
        String id = discord.userMessage(discord.expert, threadId, "Start with cores * 2 and measure.").path("id")
                .asText();
        await().atMost(WAIT).until(() -> testCore.rows("answer") == 1);
        return id;
    }

    /** Accepts with ✅ and returns the bot's notice in the thread. */
    private FakeDiscord.Call acceptByReaction(String threadId, String answerId) {
        int before = discord.messagesTo(threadId).size();
        discord.reactionAdd(discord.asker, threadId, answerId, "✅");
        FakeDiscord.Call notice = fixture.awaitMessage(threadId, before + 1);
        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText().startsWith("✅ Q1:"));
        return notice;
    }

    /** The notice's message id, as the adapter recorded it with the core. */
    private String recordedNoticeId() {
        await().atMost(WAIT).until(() -> testCore.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM question WHERE accept_notice_key IS NOT NULL")) == 1);
        return testCore.database().inTransaction(sql -> sql.one("SELECT accept_notice_key FROM question",
                row -> row.getString(1)).orElseThrow());
    }

    @Test
    @DisplayName("the accept notice notifies exactly the answerer; after unaccept it is deleted and ✅ leaves the name")
    void unacceptRemovesTheNotice() {
        String threadId = ask();
        String answerId = answer(threadId);
        FakeDiscord.Call notice = acceptByReaction(threadId, answerId);
        assertThat(notice.body().path("allowed_mentions").path("users").toString())
                .isEqualTo("[\"" + discord.expert.id() + "\"]");
        String noticeId = recordedNoticeId();
        assertThat(discord.message(noticeId).path("content").asText()).contains("was accepted");

        discord.reactionRemove(discord.asker, threadId, answerId, "✅");

        await().atMost(WAIT).until(() -> !discord.calls("DELETE", "/channels/" + threadId + "/messages/" + noticeId)
                .isEmpty());
        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText().startsWith("Q1:"));
        assertThat(discord.message(noticeId)).isNull();
    }

    @Test
    @DisplayName("with /privacy announcements off the notice names the answerer without notifying them")
    void silentNotice() {
        String threadId = ask();
        String answerId = answer(threadId);
        fixture.awaitCallback(discord.slashCommand(discord.expert, threadId, "privacy", null,
                "setting", "announcements off"));

        FakeDiscord.Call notice = acceptByReaction(threadId, answerId);

        assertThat(notice.body().path("content").asText()).contains("<@" + discord.expert.id() + ">");
        assertThat(notice.body().path("allowed_mentions").path("users")).isEmpty();
        assertThat(notice.body().path("allowed_mentions").path("parse")).isEmpty();
    }

    @Test
    @DisplayName("forum: deleting the accepted answer removes the notice, the ✅ name and the Solved tag")
    void deletedAcceptedAnswerInForum() throws Exception {
        fixture.close();
        fixture = DiscordFixture.startWith(testCore.core(),
                (fake, settings) -> settings.withQaChannelId(fake.forumChannelId));
        discord = fixture.discord;
        guild = new WorkspaceRef(Platform.DISCORD, discord.guildId, "Fake Guild");
        String threadId = ask();
        String answerId = answer(threadId);
        long start = reputation(discord.expert);
        acceptByReaction(threadId, answerId);
        await().atMost(WAIT).until(() -> appliedTags(threadId).toString().contains(discord.solvedTagId));
        String noticeId = recordedNoticeId();
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 15);

        discord.deleteMessage(threadId, answerId);

        await().atMost(WAIT).until(() -> discord.message(noticeId) == null);
        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText().startsWith("Q1:"));
        await().atMost(WAIT).until(() -> !appliedTags(threadId).toString().contains(discord.solvedTagId));
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start);
    }

    @Test
    @DisplayName("deleting a question's thread hides the question from /unanswered and reverses its reputation")
    void deletedThread() {
        String threadId = ask();
        fixture.awaitOriginalEdit(discord.slashCommand(discord.asker, discord.textChannelId, "ask", null,
                "question", "Another open question about pools?", "tags", "java"));
        await().atMost(WAIT).until(() -> testCore.rows("question") == 2);
        String before = fixture.awaitCallback(discord.slashCommand(discord.stranger, discord.textChannelId,
                "unanswered", null)).body().path("data").path("content").asText();
        assertThat(before).contains("Q1", "Q2");

        discord.deleteThread(threadId);

        await().atMost(WAIT).until(() -> testCore.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM question WHERE deleted_at IS NOT NULL")) == 1);
        String after = fixture.awaitCallback(discord.slashCommand(discord.stranger, discord.textChannelId,
                "unanswered", null)).body().path("data").path("content").asText();
        assertThat(after).contains("Q2").doesNotContain("Q1 ");
    }

    @Test
    @DisplayName("deleting the question message in a text channel deletes the question; its thread is marked 🗑️")
    void deletedQuestionMessage() {
        String threadId = ask();
        answer(threadId);
        String starterId = discord.calls("POST", "/channels/" + discord.textChannelId + "/messages/\\d+/threads")
                .get(0).path().split("/")[4];
        long start = reputation(discord.expert);
        discord.reactionAdd(discord.stranger, threadId, testCore.database().inTransaction(sql -> sql.one(
                "SELECT message_key FROM answer", row -> row.getString(1)).orElseThrow()), "👍");
        await().atMost(WAIT).until(() -> reputation(discord.expert) == start + 10);

        discord.deleteMessage(discord.textChannelId, starterId);

        await().atMost(WAIT).until(() -> reputation(discord.expert) == start);
        await().atMost(WAIT).until(() -> discord.thread(threadId).path("name").asText().startsWith("🗑️ Q1:"));
        long deleted = testCore.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM question WHERE deleted_at IS NOT NULL"));
        assertThat(deleted).isEqualTo(1);
    }

    private JsonNode appliedTags(String threadId) {
        return discord.thread(threadId).path("applied_tags");
    }
}
