package org.bandura.core.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bandura.core.persistence.Database;
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
    public List<Hit> search(long workspaceId, String query, String tag, AnswerFilter filter, int offset, int limit) {
        SearchFilter.Answered answered = switch (filter == null ? AnswerFilter.ANY : filter) {
            case ANY -> SearchFilter.Answered.ANY;
            case ANSWERED -> SearchFilter.Answered.ANSWERED;
            case UNANSWERED -> SearchFilter.Answered.UNANSWERED;
        };
        SearchResults results = search.search(workspaceId, query == null ? "" : query,
                new SearchFilter(tag, answered), offset, limit);
        List<Hit> hits = new ArrayList<>();
        for (SearchResults.SearchHit hit : results.hits()) {
            idOf(workspaceId, hit.questionNumber()).ifPresent(id -> hits.add(new Hit(id, hit.snippet().text(),
                    hit.snippet().highlights().stream().map(range -> new Highlight(range.start(), range.end()))
                            .toList())));
        }
        return hits;
    }

    @Override
    public List<Long> similar(long workspaceId, String text, long excludeQuestionId, int limit) {
        List<Long> ids = new ArrayList<>();
        for (SimilarQuestion similar : search.similar(workspaceId, text == null ? "" : text, excludeQuestionId, limit)) {
            idOf(workspaceId, similar.questionNumber()).ifPresent(ids::add);
        }
        return ids;
    }

    private Optional<Long> idOf(long workspaceId, long number) {
        return database.inTransaction(sql -> sql.one("SELECT id FROM question WHERE workspace_id = ? AND number = ?",
                row -> row.getLong(1), workspaceId, number));
    }
}
