package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import org.bandura.core.model.Actor;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuestionLifecycleTest {

    private final TestCore bandura = TestCore.onH2();
    private final Actor alice = user("alice");
    private final Actor bob = user("bob");
    private final Actor carol = user("carol");

    @AfterEach
    void close() {
        bandura.close();
    }

    @Test
    @DisplayName("ask → expert mentioned → answer → upvote → accept gives the answerer 1 + 10 + 15")
    void wholeLifecycle() {
        assertThat(bandura.run(alice, "/expert add java").isOk()).isTrue();

        Reply ask = bandura.run(bob, "/ask How do I size a HikariCP pool? #java");
        assertThat(ask.isOk()).isTrue();
        Event.QuestionAsked asked = ask.event(Event.QuestionAsked.class).orElseThrow();
        assertThat(asked.number()).isEqualTo(1);
        assertThat(asked.tags()).containsExactly("java");
        assertThat(asked.mentioned()).containsExactly(new MemberView("alice", "alice"));
        assertThat(ask.text().toPlainString()).contains("Q1").contains("@alice");

        Reply answer = bandura.run(alice, "/answer Q1 Start with connections = cores * 2 and measure.");
        assertThat(answer.text().toPlainString()).contains("A1");

        assertThat(bandura.run(carol, "/upvote A1").isOk()).isTrue();
        Reply accept = bandura.run(bob, "/accept A1");
        assertThat(accept.isOk()).isTrue();
        assertThat(accept.event(Event.AnswerAccepted.class)).isPresent();

        assertThat(bandura.reputation("alice")).isEqualTo(26);
        assertThat(bandura.reputation("bob")).isEqualTo(3);
        String profile = bandura.run(bob, "/profile alice").text().toPlainString();
        assertThat(profile).contains("reputation 26").contains("#java 25").contains("First Answer")
                .contains("Solved");
    }

    @Test
    @DisplayName("similar earlier questions are offered when asking, and /search finds answered ones")
    void similarAndSearch() {
        bandura.run(bob, "/ask How big should a connection pool be? #java");
        bandura.run(alice, "/answer Q1 Small: cores * 2.");
        Reply second = bandura.run(carol, "/ask What connection pool size for Postgres? #sql");
        assertThat(second.event(Event.QuestionAsked.class).orElseThrow().similar())
                .extracting(Event.SimilarQuestion::number).containsExactly(1L);
        assertThat(bandura.run(carol, "/search pooling connections").text().toPlainString()).contains("Q1")
                .doesNotContain("Q2");
    }
}
