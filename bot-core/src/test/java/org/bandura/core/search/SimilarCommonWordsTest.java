package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.time.Instant;
import java.util.List;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Similar questions leave out words that most questions contain: they can't tell questions apart, and scoring
 * every document that has them made the lookup cost grow with the whole index.
 */
class SimilarCommonWordsTest {

    private static final int QUESTIONS = 1_200;

    private final TestCore bandura = TestCore.onH2();

    @AfterEach
    void close() {
        bandura.close();
    }

    @Test
    @DisplayName("from 1,000 questions on, words in more than half of them are left out of the similar query")
    void commonWordsAreLeftOut() {
        bandura.run(user("asker"), "/ask Where do quetzal pools fail over to? #java");
        long workspace = bandura.workspaceId(TestCore.CONSOLE);
        long asker = bandura.database().inTransaction(sql -> sql.count(
                "SELECT id FROM member WHERE workspace_id = ? AND user_id = 'asker'", workspace));
        bandura.database().inTransaction(sql -> {
            for (int n = 2; n <= QUESTIONS; n++) {
                String text = "Seeded question " + n + " about connection pools";
                sql.insert("INSERT INTO question (workspace_id, number, asker_id, title, body, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", workspace, n, asker, text, text, Instant.EPOCH);
            }
            return null;
        });
        bandura.service().searchIndex().rebuildNow();
        QuestionSearch search = bandura.service().search();

        assertThat(search.similar(workspace, "A seeded question about connection pools", -1, 5))
                .as("only words every question has: nothing is similar, rather than 5 arbitrary ones").isEmpty();
        List<SimilarQuestion> rare = search.similar(workspace, "Do quetzal pools fail over on their own?", -1, 5);
        assertThat(rare).extracting(SimilarQuestion::questionNumber).containsExactly(1L);
    }

    @Test
    @DisplayName("from 1,000 questions on, a similar question must share one of the new question's telling words")
    void candidatesHoldATellingWord() {
        bandura.run(user("asker"), "/ask How do I schedule the nightly zephyr backup? #ops");
        long workspace = bandura.workspaceId(TestCore.CONSOLE);
        long asker = bandura.database().inTransaction(sql -> sql.count(
                "SELECT id FROM member WHERE workspace_id = ? AND user_id = 'asker'", workspace));
        bandura.database().inTransaction(sql -> {
            for (int n = 2; n <= QUESTIONS; n++) {
                // A quarter share the common words (in the query, but too common to pick candidates).
                String text = n % 4 == 0 ? "Seeded question " + n + " schedule a nightly backup"
                        : "Seeded question " + n + " about word" + n;
                sql.insert("INSERT INTO question (workspace_id, number, asker_id, title, body, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", workspace, n, asker, text, text, Instant.EPOCH);
            }
            return null;
        });
        bandura.service().searchIndex().rebuildNow();

        List<SimilarQuestion> similar = bandura.service().search()
                .similar(workspace, "Where is the nightly backup schedule of zephyr?", -1, 5);

        assertThat(similar).extracting(SimilarQuestion::questionNumber)
                .as("the questions sharing only schedule, nightly and backup are not proposed").containsExactly(1L);
    }
}
