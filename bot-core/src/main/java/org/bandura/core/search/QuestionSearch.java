package org.bandura.core.search;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Full-text search over a workspace's live questions, for {@code /search}, similar questions on {@code /ask}
 * and the web. Results carry plain text and highlight ranges, never markup: each front door escapes and renders.
 * The index behind it is a projection of the database that follows it; right after a start without a usable
 * index it is {@link #warmingUp() warming up} and finds nothing yet.
 */
public interface QuestionSearch {

    /** Questions matching {@code query}, best first, skipping {@code offset} and returning at most {@code limit}. */
    SearchResults search(long workspaceId, String query, SearchFilter filter, int offset, int limit);

    /**
     * Questions close to {@code text} (a new question), best first, never {@code excludeQuestionId} and never below
     * the similarity threshold: an empty list rather than junk.
     */
    List<SimilarQuestion> similar(long workspaceId, String text, long excludeQuestionId, int limit);

    /**
     * {@link #similar} for a question that is not in the index yet (one being asked, before its commit), looked up
     * on another thread when the implementation has one, so the caller can store and route the question meanwhile.
     */
    default CompletableFuture<List<SimilarQuestion>> similarMeanwhile(long workspaceId, String text, int limit) {
        return CompletableFuture.completedFuture(similar(workspaceId, text, -1, limit));
    }

    /** True while the index is being rebuilt from the database; searches then answer {@link SearchResults#warmingUp()}. */
    boolean warmingUp();
}
