package org.bandura.core.knowledge;

import java.util.List;

/**
 * Full-text search over a workspace's questions, for the knowledge base. One implementation per search engine, so the
 * web pages don't change when the engine does.
 */
public interface KnowledgeSearch {

    enum AnswerFilter {
        ANY, ANSWERED, UNANSWERED
    }

    /** Characters {@code [start, end)} of a snippet that matched the query. */
    record Highlight(int start, int end) {
    }

    /** A matching question, best first, with a plain-text snippet and where the query matched in it. */
    record Hit(long questionId, String snippet, List<Highlight> highlights) {
        public Hit {
            highlights = List.copyOf(highlights);
        }
    }

    /**
     * A page of hits.
     *
     * @param onlyCommonWords every word of the query is too common to be searched for ("the", "how"): nothing can
     *                        match, and the reader should be told so
     */
    record Found(List<Hit> hits, boolean onlyCommonWords) {
        public Found {
            hits = List.copyOf(hits);
        }
    }

    /** @param tag null for every tag */
    Found search(long workspaceId, String query, String tag, AnswerFilter filter, int offset, int limit);

    /** Ids of questions like {@code text}, best first, without {@code excludeQuestionId}. */
    List<Long> similar(long workspaceId, String text, long excludeQuestionId, int limit);
}
