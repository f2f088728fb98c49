package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Reaction;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 9 §3: a thread reply is an answer only when it is one; comments become answers when endorsed. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class RepliesAndCommentsTest {

    private static final String THREAD = "thread-1";
    private static final String REAL_ANSWER = "Set maximumPoolSize to cores * 2 and watch the wait time.";

    private final TestCore bandura;
    private final Actor asker = user("asker");
    private final Actor helper = user("helper");
    private final Actor reader = user("reader");

    RepliesAndCommentsTest(Backend backend) {
        bandura = backend.open(CoreSettings.defaults().withCommunity(new CommunityRules(0, 0, 20, 20)));
    }

    @BeforeEach
    void askAndLink() {
        bandura.run(asker, "/ask How do I size a connection pool? #java");
        bandura.run(asker, new Command.LinkQuestion(1, "channel", "question-message", THREAD));
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private Reply reply(Actor actor, String messageKey, String text) {
        return bandura.run(actor, new Command.ThreadMessage(THREAD, messageKey, text));
    }

    private Reply react(Actor actor, String messageKey, Reaction reaction) {
        return bandura.run(actor, new Command.React(messageKey, reaction, true));
    }

    @Test
    @DisplayName("thanks, +1, a question back and short replies are comments: no answer, no count, no search hit")
    void smallRepliesAreComments() {
        assertThat(reply(helper, "m1", "thanks!").isIgnored()).isTrue();
        assertThat(reply(helper, "m2", "+1").isIgnored()).isTrue();
        assertThat(reply(helper, "m3", "Which version are you on?").isIgnored()).isTrue();
        assertThat(reply(helper, "m4", "Thank you so much, that really helped me a lot!").isIgnored()).isTrue();
        assertThat(reply(helper, "m5", "Same here, I have exactly this problem on prod 🙁").isIgnored()).isTrue();
        assertThat(reply(helper, "m6", "Use a pool\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B").isIgnored())
                .isTrue();

        Reply answer = reply(helper, "m7", REAL_ANSWER);

        assertThat(answer.text().toPlainString()).isEqualTo("A1 posted to Q1. Thanks for helping!");
        assertThat(bandura.rows("comment")).isEqualTo(6);
        assertThat(bandura.rows("answer")).isEqualTo(1);
        assertThat(bandura.run(reader, "/search connection pool").text().toPlainString()).contains("1 answer")
                .doesNotContain("answers");
        assertThat(bandura.run(helper, "/profile").text().toPlainString()).contains("Answers: 1 ");
    }

    @Test
    @DisplayName("an answer that asks something among other sentences is still an answer")
    void answerWithAQuestionInside() {
        Reply reply = reply(helper, "m1", "Did you try HikariCP? It sizes the pool for you and reports waits.");
        assertThat(reply.event(Event.AnswerPosted.class)).isPresent();
    }

    @Test
    @DisplayName("an upvote on a comment makes it the next answer, then counts: the author gets +10")
    void upvotePromotesComment() {
        reply(helper, "m1", "cores * 2");
        reply(reader, "m2", REAL_ANSWER);

        Reply upvote = react(asker, "m1", Reaction.UPVOTE);

        assertThat(upvote.text().toPlainString())
                .isEqualTo("Upvoted A2: your upvote made this reply an answer to Q1.");
        assertThat(upvote.event(Event.AnswerPosted.class).orElseThrow().answerNumber()).isEqualTo(2);
        assertThat(bandura.rows("comment")).isZero();
        assertThat(bandura.reputation("helper")).isEqualTo(11);
        assertThat(bandura.run(reader, "/upvote A2").isOk()).isTrue();
    }

    @Test
    @DisplayName("a self-upvote or a downvote never promotes a comment; a self-upvote is refused")
    void selfVoteDoesNotPromote() {
        reply(helper, "m1", "cores * 2");

        assertThat(react(helper, "m1", Reaction.UPVOTE).text().toPlainString())
                .isEqualTo("You can't vote on your own reply.");
        assertThat(react(reader, "m1", Reaction.DOWNVOTE).isIgnored()).isTrue();
        assertThat(bandura.rows("comment")).isEqualTo(1);
        assertThat(bandura.rows("answer")).isZero();
    }

    @Test
    @DisplayName("the asker's ✅ or Accept on a comment promotes it and accepts it; someone else's does nothing")
    void acceptPromotesComment() {
        reply(helper, "m1", "cores * 2");
        reply(helper, "m2", "or just 10");

        assertThat(react(reader, "m1", Reaction.ACCEPT).isIgnored()).isTrue();
        assertThat(bandura.rows("answer")).isZero();

        Reply accepted = react(asker, "m1", Reaction.ACCEPT);
        assertThat(accepted.event(Event.AnswerAccepted.class).orElseThrow().answerNumber()).isEqualTo(1);
        assertThat(bandura.reputation("helper")).isEqualTo(16);

        Reply byMenu = bandura.run(asker, new Command.AcceptMessage("m2"));
        assertThat(byMenu.text().toPlainString()).isEqualTo("A2 by helper is now the accepted answer to Q1.");
        assertThat(bandura.rows("comment")).isZero();
    }

    @Test
    @DisplayName("edits and deletes follow a comment; an edit to answer size does not promote it by itself")
    void editAndDeleteComments() {
        reply(helper, "m1", "cores * 2");

        assertThat(bandura.run(helper, new Command.EditMessage("m1", REAL_ANSWER)).isIgnored()).isTrue();
        assertThat(bandura.rows("answer")).isZero();
        java.util.Optional<String> body = bandura.database().inTransaction(sql -> sql.one("SELECT body FROM comment",
                row -> row.getString(1)));
        assertThat(body).contains(REAL_ANSWER);

        assertThat(bandura.run(helper, new Command.DeleteMessage("m1")).isIgnored()).isTrue();
        assertThat(bandura.rows("comment")).isZero();
    }

    @Test
    @DisplayName("a redelivered comment message is stored once")
    void commentsAreStoredOnce() {
        reply(helper, "m1", "+1");
        reply(helper, "m1", "+1");
        assertThat(bandura.rows("comment")).isEqualTo(1);
    }
}
