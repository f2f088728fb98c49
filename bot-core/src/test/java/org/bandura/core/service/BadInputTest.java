package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import java.util.function.Supplier;
import org.bandura.core.command.Command;
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
        bandura = backend.open(new CoreSettings(200, 3, 200, 100, 5, TestCore.OPEN_COMMUNITY));
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
        assertRefusedWithoutWriting(() -> bandura.run(actor, line), line, expected);
    }

    private void assertRefusedWithoutWriting(Actor actor, Command command, String... expected) {
        assertRefusedWithoutWriting(() -> bandura.run(actor, command), command.toString(), expected);
    }

    private void assertRefusedWithoutWriting(Supplier<Reply> run, String line, String... expected) {
        List<Long> before = TABLES.stream().map(bandura::rows).toList();
        Reply reply = run.get();
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
    @DisplayName("malformed tag, in the separate tags option or in /expert (in the text it is plain text)")
    void malformedTag() {
        assertRefusedWithoutWriting(bob, new Command.Ask("Why does it fail?", List.of("java", "$$$")),
                "'$$$' is not a valid tag", "#java or #c++");
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
    @DisplayName("a question or answer made only of invisible characters is empty")
    void invisibleOnly() {
        String invisible = "\u200B\u200C\u200D\uFEFF\u2060 \u3164";
        assertRefusedWithoutWriting(bob, "/ask " + invisible, "Your question is empty", "/ask How do I");
        assertRefusedWithoutWriting(bob, "/ask " + invisible + " #java", "Your question has tags but no words");
        assertRefusedWithoutWriting(alice, "/answer Q1 " + invisible, "Your answer is empty", "/answer Q1");
    }

    @Test
    @DisplayName("tags alone are not a question: nobody is pinged")
    void tagsOnly() {
        assertRefusedWithoutWriting(bob, "/ask #java", "Your question has tags but no words", "/ask How do I");
        assertRefusedWithoutWriting(bob, "/ask #java #sql", "Your question has tags but no words");
    }

    @Test
    @DisplayName("a refusal (or an empty search) quotes at most the first 40 characters of what was typed")
    void refusalsQuoteAShortPrefix() {
        String huge = "z".repeat(100_000);
        assertRefusedWithoutWriting(bob, "/profile " + huge, "I don't know anyone called '" + "z".repeat(40) + "…'");
        assertRefusedWithoutWriting(bob, "/upvote " + huge, "'" + "z".repeat(40) + "…' is not a question or answer id");
        assertRefusedWithoutWriting(bob, "/" + huge, "I don't know the command /" + "z".repeat(40) + "…");
        for (String line : List.of("/profile " + huge, "/upvote " + huge, "/expert list " + huge, "/" + huge,
                "/search " + huge)) {
            assertThat(bandura.run(bob, line).text().toPlainString()).as(line.substring(0, 12)).hasSizeLessThan(300);
        }
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
