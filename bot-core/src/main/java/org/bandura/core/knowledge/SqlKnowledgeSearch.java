package org.bandura.core.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.QuestionRepository;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.Sql;
import org.bandura.core.text.SearchTerms;

/** {@link KnowledgeSearch} on today's SQL term index: the same stemming and ranking as {@code /search}. */
public final class SqlKnowledgeSearch implements KnowledgeSearch {

    /** Term rows a search reads at most: the bound {@code /search} uses. */
    private static final int MAX_HITS = 20_000;
    /** Term rows a similar-questions lookup reads at most: the bound {@code /ask} uses. */
    private static final int SIMILAR_MAX_HITS = 2_000;
    private static final int SNIPPET_LENGTH = 200;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_+#.-]+");

    private final Database database;
    private final SearchTerms searchTerms;
    private final QuestionRepository questions = new QuestionRepository();

    public SqlKnowledgeSearch(Database database, SearchTerms searchTerms) {
        this.database = database;
        this.searchTerms = searchTerms;
    }

    @Override
    public List<Hit> search(long workspaceId, String query, String tag, AnswerFilter filter, int offset, int limit) {
        List<String> terms = searchTerms.of(query == null ? "" : query);
        if (terms.isEmpty()) {
            return List.of();
        }
        return database.inTransaction(sql -> {
            List<QuestionRepository.Match> matches = questions.search(sql, workspaceId, terms,
                    filter == AnswerFilter.ANSWERED, -1, (offset + limit) * 3 + 10, MAX_HITS);
            List<Hit> hits = new ArrayList<>();
            int skipped = 0;
            for (QuestionRepository.Match match : matches) {
                QuestionRow question = match.question();
                if (!visible(sql, question, tag, filter)) {
                    continue;
                }
                if (skipped++ < offset) {
                    continue;
                }
                hits.add(snippet(question, new HashSet<>(terms)));
                if (hits.size() >= limit) {
                    break;
                }
            }
            return hits;
        });
    }

    @Override
    public List<Long> similar(long workspaceId, String text, long excludeQuestionId, int limit) {
        List<String> terms = searchTerms.of(text == null ? "" : text);
        if (terms.isEmpty()) {
            return List.of();
        }
        return database.inTransaction(sql -> {
            List<Long> ids = new ArrayList<>();
            for (QuestionRepository.Match match : questions.search(sql, workspaceId, terms, true, excludeQuestionId,
                    limit * 2, SIMILAR_MAX_HITS)) {
                if (ids.size() < limit && visible(sql, match.question(), null, AnswerFilter.ANSWERED)) {
                    ids.add(match.question().id());
                }
            }
            return ids;
        });
    }

    private static boolean visible(Sql sql, QuestionRow question, String tag, AnswerFilter filter)
            throws java.sql.SQLException {
        if (filter == AnswerFilter.ANSWERED && question.answerCount() == 0
                || filter == AnswerFilter.UNANSWERED && question.answerCount() > 0) {
            return false;
        }
        if (tag == null) {
            return sql.count("SELECT COUNT(*) FROM question WHERE id = ? AND deleted_at IS NULL", question.id()) > 0;
        }
        return sql.count("SELECT COUNT(*) FROM question q JOIN question_tag qt ON qt.question_id = q.id "
                + "JOIN tag t ON t.id = qt.tag_id WHERE q.id = ? AND q.deleted_at IS NULL AND t.name = ?",
                question.id(), tag) > 0;
    }

    /** The first stretch of the text around the first matching word, with every matching word marked. */
    private Hit snippet(QuestionRow question, Set<String> terms) {
        String text = (question.title() + " — " + question.body()).replaceAll("\\s+", " ");
        List<int[]> matches = new ArrayList<>();
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            List<String> analysed = searchTerms.of(words.group());
            if (analysed.stream().anyMatch(terms::contains)) {
                matches.add(new int[] {words.start(), words.end()});
            }
        }
        int start = matches.isEmpty() ? 0 : Math.max(0, matches.get(0)[0] - 40);
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        int end = Math.min(text.length(), start + SNIPPET_LENGTH);
        String snippet = (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
        int shift = start > 0 ? 1 - start : 0;
        List<Highlight> highlights = new ArrayList<>();
        for (int[] match : matches) {
            if (match[0] >= start && match[1] <= end) {
                highlights.add(new Highlight(match[0] + shift, match[1] + shift));
            }
        }
        return new Hit(question.id(), snippet, highlights);
    }
}
