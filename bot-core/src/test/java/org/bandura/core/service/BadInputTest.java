package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.Backend;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each mistake gets one clear line saying what was wrong and how to do it right, and writes nothing. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class BadInputTest {

    private static final List<String> TABLES = List.of("question", "answer", "vote", "reputation_event", "tag",
            "question_tag", "question_change", "routing_mention", "badge", "expert_subscription");

    private final TestCore bandura;
    private final Actor alice = user("alice");
    private final Actor bob = user("bob");

    BadInputTest(Backend backend) {
        bandura = backend.open(new CoreSettings(200, 3, 200, 100, 5));
    }

    @BeforeEach
    void oneAnsweredQuestion() {
        bandura.run(alice, "/expert add java");
        bandura.run(bob, "/ask How do I size a pool? #java");
        bandura.run(alice, "/answer Q1 Measure first.");
        bandura.run(bob, "/upvote A1");
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private void assertRefusedWithoutWriting(Actor actor, String line, String... expected) {
        List<Long> before = TABLES.stream().map(bandura::rows).toList();
        Reply reply = bandura.run(actor, line);
        assertThat(reply.isError()).as(line).isTrue();
        String text = reply.text().toPlainString();
        assertThat(text).as(line).contains(expected).doesNotContain("Exception").doesNotContain("\n");
        assertThat(TABLES.stream().map(bandura::rows).toList()).as("rows after " + line).isEqualTo(before);
    }

    @Test
    @DisplayName("empty question")
    void emptyQuestion() {
        assertRefusedWithoutWriting(bob, "/ask   ", "Your question is empty", "/ask How do I");
    }

    @Test
    @DisplayName("question over the length limit")
    void tooLong() {
        assertRefusedWithoutWriting(bob, "/ask " + "x".repeat(201) + " #java", "207 characters long", "limit is 200", "split it into two questions");
    }

    @Test
    @DisplayName("unknown ids")
    void unknownIds() {
        assertRefusedWithoutWriting(bob, "/upvote A9", "There is no answer A9");
        assertRefusedWithoutWriting(bob, "/answer Q7 hello", "There is no question Q7");
        assertRefusedWithoutWriting(bob, "/accept A3", "There is no answer A3");
        assertRefusedWithoutWriting(bob, "/upvote X1", "'X1' is not a question or answer id", "/upvote A2");
        assertRefusedWithoutWriting(bob, "/accept Q1", "'Q1' is not an answer id");
    }

    @Test
    @DisplayName("malformed tag, in the text or in /expert")
    void malformedTag() {
        assertRefusedWithoutWriting(bob, "/ask Why #$$$ fails? #java", "'#$$$' is not a valid tag", "#java or #c++");
        assertRefusedWithoutWriting(alice, "/expert add java 9lives", "'9lives' is not a valid tag");
    }

    @Test
    @DisplayName("voting twice")
    void votingTwice() {
        assertRefusedWithoutWriting(bob, "/upvote A1", "You already upvoted A1", "/unvote A1");
        assertRefusedWithoutWriting(bob, "/downvote A1", "You already upvoted A1");
    }

    @Test
    @DisplayName("voting on your own post")
    void selfVote() {
        assertRefusedWithoutWriting(alice, "/upvote A1", "You can't vote on your own answer (A1)");
        assertRefusedWithoutWriting(bob, "/upvote Q1", "You can't vote on your own question (Q1)");
    }

    @Test
    @DisplayName("accepting on someone else's question")
    void acceptingOthersQuestion() {
        assertRefusedWithoutWriting(user("carol"), "/accept A1", "Only the person who asked Q1");
    }

    @Test
    @DisplayName("unknown command")
    void unknownCommand() {
        assertRefusedWithoutWriting(bob, "/frobnicate now", "I don't know the command /frobnicate", "/help");
        assertRefusedWithoutWriting(bob, "hello there", "Commands start with a slash");
    }

    @Test
    @DisplayName("user text is stored exactly as typed: SQL metacharacters and emoji are just text")
    void textIsText() {
        String evil = "Robert'); DROP TABLE question;-- 🚀 \"quotes\" \\ 100% _x_ #sql";
        Reply ask = bandura.run(bob, "/ask " + evil);
        assertThat(ask.isOk()).isTrue();
        String stored = bandura.database().inTransaction(sql -> sql.one("SELECT body FROM question WHERE number = 2",
                row -> row.getString(1)).orElseThrow());
        assertThat(stored).isEqualTo(evil);
        assertThat(bandura.rows("question")).isEqualTo(2);
    }
}
