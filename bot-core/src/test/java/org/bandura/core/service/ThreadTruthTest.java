package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
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

/** Every state change of a question tells the adapter what to correct in what the bot posted. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class ThreadTruthTest {

    private final TestCore bandura;
    private final Actor asker = user("bob");
    private final Actor answerer = user("alice");
    private final Actor voter = user("carol");
    private final Actor platform = TestCore.moderator("platform");

    ThreadTruthTest(Backend backend) {
        bandura = backend.open();
    }

    @BeforeEach
    void questionWithTwoAnswers() {
        bandura.run(asker, "/ask How do I size a connection pool? #java");
        bandura.run(asker, new Command.LinkQuestion(1, "chan", "q-msg", "q-thread"));
        bandura.run(answerer, new Command.ThreadMessage("q-thread", "a1-msg", "Start with cores * 2 and measure."));
        bandura.run(voter, new Command.ThreadMessage("q-thread", "a2-msg", "Use a fixed pool of ten connections."));
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private Event.AnswerAccepted accept(String line) {
        return bandura.run(asker, line).event(Event.AnswerAccepted.class).orElseThrow();
    }

    @Test
    @DisplayName("the accept notice may notify the answerer, unless they turned announcements off")
    void notifyAnswererUnlessSilenced() {
        assertThat(accept("/accept A1").notifyAuthor()).isTrue();
        bandura.run(asker, "/unaccept A1");

        bandura.run(answerer, "/privacy announcements off");

        assertThat(accept("/accept A1").notifyAuthor()).isFalse();
    }

    @Test
    @DisplayName("accepting your own answer notifies nobody")
    void ownAnswerIsSilent() {
        bandura.run(asker, new Command.ThreadMessage("q-thread", "own-msg", "Found it myself: restart it."));
        bandura.run(asker, "/answer Q1 Found it myself: restart the pool.");

        assertThat(accept("/accept A3").notifyAuthor()).isFalse();
    }

    @Test
    @DisplayName("unaccept names the recorded notice to take down; a later accept has none left to replace")
    void unacceptNamesTheNotice() {
        accept("/accept A1");
        bandura.run(platform, new Command.RecordAcceptNotice(1, "notice-1"));

        Reply undone = bandura.run(asker, "/unaccept A1");

        assertThat(undone.event(Event.AnswerUnaccepted.class).orElseThrow().noticeKey()).isEqualTo("notice-1");
        assertThat(accept("/accept A2").previousNoticeKey()).isNull();
    }

    @Test
    @DisplayName("accepting another answer replaces the earlier notice")
    void acceptAnotherReplacesNotice() {
        accept("/accept A1");
        bandura.run(platform, new Command.RecordAcceptNotice(1, "notice-1"));

        Event.AnswerAccepted second = accept("/accept A2");

        assertThat(second.previousNoticeKey()).isEqualTo("notice-1");
        assertThat(bandura.reputation("alice")).isEqualTo(1);
        assertThat(bandura.reputation("carol")).isEqualTo(16);
    }

    @Test
    @DisplayName("deleting the accepted answer unaccepts: the event names the notice and the accept is reversed")
    void deletingTheAcceptedAnswer() {
        accept("/accept A1");
        bandura.run(platform, new Command.RecordAcceptNotice(1, "notice-1"));
        assertThat(bandura.reputation("alice")).isEqualTo(16);

        Reply deleted = bandura.run(platform, new Command.DeleteMessage("a1-msg"));

        Event.AnswerUnaccepted unaccepted = deleted.event(Event.AnswerUnaccepted.class).orElseThrow();
        assertThat(unaccepted.answerNumber()).isEqualTo(1);
        assertThat(unaccepted.noticeKey()).isEqualTo("notice-1");
        assertThat(unaccepted.links().threadKey()).isEqualTo("q-thread");
        assertThat(bandura.reputation("alice")).isEqualTo(1);
    }

    @Test
    @DisplayName("a deleted question leaves /unanswered, search and similar questions, and its reputation is reversed")
    void deletedQuestionDisappears() {
        bandura.run(asker, "/ask Why is my connection pool empty? #java");
        bandura.run(voter, "/upvote Q1");
        bandura.run(voter, "/upvote A1");
        accept("/accept A1");
        assertThat(bandura.reputation("alice")).isEqualTo(26);
        assertThat(bandura.run(voter, "/unanswered").text().toPlainString()).contains("Q2");

        Reply deleted = bandura.run(platform, new Command.DeleteMessage("q-msg"));

        assertThat(deleted.event(Event.QuestionDeleted.class).orElseThrow().questionNumber()).isEqualTo(1);
        assertThat(bandura.reputation("alice")).isEqualTo(1);
        assertThat(bandura.reputation("bob")).isEqualTo(1);
        assertThat(bandura.run(voter, "/search connection pool").text().toPlainString()).doesNotContain("Q1");
        Event.QuestionAsked similar = bandura.run(asker, "/ask How big should a connection pool be? #java")
                .event(Event.QuestionAsked.class).orElseThrow();
        assertThat(similar.similar()).extracting(Event.SimilarQuestion::number).doesNotContain(1L);
        assertThat(bandura.run(voter, "/profile alice").text().toPlainString()).contains("reputation 1");
        assertThat(bandura.run(voter, "/answer Q1 too late").isError()).isTrue();
        assertThat(bandura.run(voter, new Command.ThreadMessage("q-thread", "late", "A late reply here")).isIgnored())
                .isTrue();
        assertThat(bandura.run(platform, new Command.DeleteMessage("a2-msg")).isIgnored()).isTrue();
    }

    @Test
    @DisplayName("deleting a question's thread deletes the question; an unanswered one leaves /unanswered")
    void deletedThread() {
        bandura.run(asker, "/ask An open question about pools #java");
        bandura.run(asker, new Command.LinkQuestion(2, "chan", "q2-msg", "q2-thread"));
        assertThat(bandura.run(voter, "/unanswered").text().toPlainString()).contains("Q2");

        Reply deleted = bandura.run(platform, new Command.DeleteThread("q2-thread"));

        assertThat(deleted.event(Event.QuestionDeleted.class)).isPresent();
        assertThat(bandura.run(voter, "/unanswered").text().toPlainString()).doesNotContain("Q2");
        assertThat(bandura.run(platform, new Command.DeleteThread("q2-thread")).isIgnored()).isTrue();
    }
}
