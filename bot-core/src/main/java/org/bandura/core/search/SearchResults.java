package org.bandura.core.search;

import java.util.List;
import java.util.Optional;

/**
 * One page of search results.
 *
 * @param hits       the page, best first
 * @param total      how many questions matched in all; exact when {@code totalExact}, else a lower bound
 * @param didYouMean a respelled query that finds questions in this workspace, when the words as typed found none
 * @param fuzzy      true when the words as typed matched nothing and these hits come from the fuzzy retry
 * @param warmingUp  true while the index is rebuilt: nothing can be found yet, say so and ask to retry shortly
 * @param onlyCommonWords true when every word of the query is one too common to search for ("the", "and", "how"):
 *                        nothing was looked up, say so and ask for a more telling word
 */
public record SearchResults(List<SearchHit> hits, long total, boolean totalExact, Optional<String> didYouMean,
                            boolean fuzzy, boolean warmingUp, boolean onlyCommonWords) {

    public SearchResults {
        hits = List.copyOf(hits);
    }

    public static SearchResults warmingUpNow() {
        return new SearchResults(List.of(), 0, true, Optional.empty(), false, true, false);
    }

    public static SearchResults none() {
        return new SearchResults(List.of(), 0, true, Optional.empty(), false, false, false);
    }

    public static SearchResults ofOnlyCommonWords() {
        return new SearchResults(List.of(), 0, true, Optional.empty(), false, false, true);
    }

    /**
     * A matching question.
     *
     * @param score BM25 relevance, comparable only within one result list
     */
    public record SearchHit(long questionNumber, String title, List<String> tags, int answerCount, boolean accepted,
                            float score, Snippet snippet) {

        public SearchHit {
            tags = List.copyOf(tags);
        }

        public boolean answered() {
            return answerCount > 0;
        }
    }

    /** A short excerpt of the question text; {@code highlights} mark the matched words as [start, end) offsets. */
    public record Snippet(String text, List<Range> highlights) {

        public Snippet {
            highlights = List.copyOf(highlights);
        }

        /** The excerpt with each highlighted range wrapped in {@code before}/{@code after} (no escaping). */
        public String marked(String before, String after) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            for (Range range : highlights) {
                out.append(text, at, range.start()).append(before).append(text, range.start(), range.end())
                        .append(after);
                at = range.end();
            }
            return out.append(text.substring(at)).toString();
        }
    }

    public record Range(int start, int end) {
    }
}
