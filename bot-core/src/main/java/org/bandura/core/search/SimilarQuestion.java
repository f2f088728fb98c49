package org.bandura.core.search;

/** A question close to a new one; {@code score} is comparable only within one list. */
public record SimilarQuestion(long questionNumber, String title, boolean answered, float score) {
}
