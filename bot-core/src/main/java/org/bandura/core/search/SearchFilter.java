package org.bandura.core.search;

/**
 * What a search may return besides matching the words.
 *
 * @param tag      a tag's canonical name (aliases already resolved), or null for every tag
 * @param answered which questions by their answers
 */
public record SearchFilter(String tag, Answered answered) {

    public enum Answered { ANY, ANSWERED, UNANSWERED }

    public static final SearchFilter ANY = new SearchFilter(null, Answered.ANY);
    public static final SearchFilter ANSWERED_ONLY = new SearchFilter(null, Answered.ANSWERED);

    public SearchFilter {
        answered = answered == null ? Answered.ANY : answered;
    }
}
