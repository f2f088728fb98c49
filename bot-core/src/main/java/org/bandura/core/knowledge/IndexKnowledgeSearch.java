package org.bandura.core.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.Sql;
import org.bandura.core.search.QuestionSearch;
import org.bandura.core.search.SearchFilter;
import org.bandura.core.search.SearchResults;
import org.bandura.core.search.SimilarQuestion;

/**
 * The knowledge base's search, answered by the same index as {@code /search} and similar questions in chat, so the
 * web ranks exactly as chat does. The index speaks in question numbers; the pages load questions by id.
 */
public final class IndexKnowledgeSearch implements KnowledgeSearch {

    private final Database database;
    private final QuestionSearch search;

    public IndexKnowledgeSearch(Database database, QuestionSearch search) {
        this.database = database;
        this.search = search;
    }

    @Override
    public Found search(long workspaceId, String query, String tag, AnswerFilter filter, int offset, int limit) {
        SearchFilter.Answered answered = switch (filter == null ? AnswerFilter.ANY : filter) {
            case ANY -> SearchFilter.Answered.ANY;
            case ANSWERED -> SearchFilter.Answered.ANSWERED;
            case UNANSWERED -> SearchFilter.Answered.UNANSWERED;
        };
        SearchResults results = search.search(workspaceId, query == null ? "" : query,
                new SearchFilter(tag, answered), offset, limit);
        Map<Long, Long> ids = idsOf(workspaceId, results.hits().stream().map(SearchResults.SearchHit::questionNumber)
                .toList());
        List<Hit> hits = new ArrayList<>();
        for (SearchResults.SearchHit hit : results.hits()) {
            Long id = ids.get(hit.questionNumber());
            if (id != null) {
                hits.add(new Hit(id, hit.snippet().text(), hit.snippet().highlights().stream()
                        .map(range -> new Highlight(range.start(), range.end())).toList()));
            }
        }
        return new Found(hits, results.onlyCommonWords());
    }

    @Override
    public List<Long> similar(long workspaceId, String text, long excludeQuestionId, int limit) {
        List<Long> numbers = search.similar(workspaceId, text == null ? "" : text, excludeQuestionId, limit).stream()
                .map(SimilarQuestion::questionNumber).toList();
        Map<Long, Long> ids = idsOf(workspaceId, numbers);
        return numbers.stream().map(ids::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Question ids by number, in one query for a whole page of hits. */
    private Map<Long, Long> idsOf(long workspaceId, List<Long> numbers) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        Object[] args = new Object[numbers.size() + 1];
        args[0] = workspaceId;
        for (int i = 0; i < numbers.size(); i++) {
            args[i + 1] = numbers.get(i);
        }
        String marks = Sql.marks(numbers.size());
        Map<Long, Long> ids = new HashMap<>();
        database.inTransaction(sql -> {
            for (long[] row : sql.list("SELECT number, id FROM question WHERE workspace_id = ? AND number IN (" + marks
                    + ")", row -> new long[] {row.getLong(1), row.getLong(2)}, args)) {
                ids.put(row[0], row[1]);
            }
            return null;
        });
        return ids;
    }
}
