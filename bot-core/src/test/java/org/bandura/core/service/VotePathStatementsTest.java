package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A vote is the most frequent write, so its statements are counted: on PostgreSQL each is a round trip to the
 * database (a batch is one, see {@code Sql.Writes}), and the last batch carries the commit. H2 answers only the first
 * statement of a batch, so there a batch is cut before each statement whose answer the vote needs (calls inside the
 * process, not round trips): its budget is higher. The budget keeps the count from creeping back up. Counted on the
 * command's thread: background work (the search follower) runs statements meanwhile.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class VotePathStatementsTest {

    private final TestCore bandura;
    private final Backend backend;
    private final Actor alice = user("alice");
    private final Actor bob = user("bob");
    private final Actor carol = user("carol");

    VotePathStatementsTest(Backend backend) {
        this.backend = backend;
        bandura = backend.open();
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    @BeforeEach
    void answeredQuestionWithTwoTags() {
        bandura.run(bob, "/ask How do I size a pool? #java #sql");
        bandura.run(alice, "/answer Q1 Measure first.");
        bandura.run(alice, "/answer Q1 Or read the docs.");
        bandura.run(carol, "/upvote A2"); // the voter, the author and the day's gain already exist
        bandura.run(carol, "/downvote A2");
        bandura.run(carol, "/unvote A2");
    }

    @ParameterizedTest(name = "{0}: at most {1} statements on H2, {2} on PostgreSQL (the commit included)")
    @CsvSource({
            "/upvote A1,   5, 3",
            "/downvote A1, 4, 3",
            "/upvote Q1,   5, 3",
            "/unvote A2,   4, 3",
    })
    @DisplayName("a vote by a known member runs at most its budget of statements, the commit riding with the last")
    void voteBudget(String line, int onH2, int onPostgres) {
        if (line.startsWith("/unvote")) {
            bandura.run(carol, "/upvote A2");
        }
        long before = bandura.database().statementsRunOnThisThread();

        Reply reply = bandura.run(carol, line);

        long statements = bandura.database().statementsRunOnThisThread() - before;
        assertThat(reply.isOk()).as(reply.text().toPlainString()).isTrue();
        assertThat(statements).isLessThanOrEqualTo(backend == Backend.H2 ? onH2 : onPostgres);
    }

    @Test
    @DisplayName("the only badge a vote can earn, <tag> Expert, is still awarded once when upvotes cross the threshold")
    void votesStillEarnTagExpert() {
        for (int voter = 1; voter <= 9; voter++) { // carol's earlier upvote was retracted: 9 x 10 = 90
            bandura.run(user("voter" + voter), "/upvote A1");
        }
        assertThat(badgesOf("alice")).doesNotContain("expert:java");

        bandura.run(user("voter10"), "/upvote A1");
        bandura.run(user("voter11"), "/upvote A1");

        assertThat(badgesOf("alice")).contains("expert:java", "expert:sql").doesNotHaveDuplicates();
        assertThat(bandura.run(bob, "/profile alice").text().toPlainString()).contains("java Expert");
    }

    private List<String> badgesOf(String userId) {
        return bandura.database().inTransaction(sql -> sql.list("SELECT b.code FROM badge b "
                + "JOIN member m ON m.id = b.member_id WHERE m.user_id = ?", row -> row.getString(1), userId));
    }
}
