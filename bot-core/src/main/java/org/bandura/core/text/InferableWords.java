package org.bandura.core.text;

import java.util.List;
import java.util.Set;

/**
 * The words of an untagged question that may name a tag: never one letter, never an everyday English word. Without
 * this, a tag called "how" would be applied to every question that contains "how".
 */
public final class InferableWords {

    static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
            "because", "been", "before", "being", "best", "both", "but", "by", "can", "cannot", "could", "did", "do",
            "does", "doing", "done", "each", "error", "else", "even", "every", "few", "for", "from", "get", "gets",
            "getting", "got", "had", "has", "have", "having", "he", "help", "her", "here", "hi", "hello", "him",
            "his", "how", "i", "if", "in", "into", "is", "issue", "it", "its", "just", "know", "like", "make",
            "me", "might", "more", "most", "much", "must", "my", "need", "new", "no", "not", "now", "of", "off",
            "on", "once", "one", "only", "or", "other", "our", "out", "over", "please", "problem", "question",
            "same", "should", "so", "some", "such", "than", "thanks", "that", "the", "their", "them", "then",
            "there", "these", "they", "this", "those", "through", "to", "too", "try", "trying", "two", "under",
            "up", "use", "used", "using", "very", "want", "was", "way", "we", "were", "what", "when", "where",
            "which", "while", "who", "whom", "why", "will", "with", "without", "work", "works", "would", "yes",
            "yet", "you", "your");

    private InferableWords() {
    }

    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word);
    }

    /** Candidate words of the text, without one-letter words and stop words. */
    public static List<String> of(String text) {
        return TagSyntax.candidateWords(text).stream()
                .filter(word -> word.codePointCount(0, word.length()) > 1 && !isStopWord(word))
                .toList();
    }
}
