package org.bandura.core.reply;

import java.util.List;

/** What happened, for adapters that show more than text: post the question, rename a solved thread, and so on. */
public sealed interface Event {

    record SimilarQuestion(long number, String title, boolean answered) {
    }

    /**
     * @param mentioned the routed experts, in rank order; the only people an adapter may ping for this question
     */
    record QuestionAsked(long number, String title, String text, List<String> tags, MemberView asker,
                         List<MemberView> mentioned, List<SimilarQuestion> similar) implements Event {
        public QuestionAsked {
            tags = List.copyOf(tags);
            mentioned = List.copyOf(mentioned);
            similar = List.copyOf(similar);
        }
    }

    record AnswerPosted(long questionNumber, long answerNumber, MemberView author, QuestionLinks links) implements Event {
    }

    record AnswerAccepted(long questionNumber, String questionTitle, long answerNumber, MemberView author,
                          MemberView acceptedBy, QuestionLinks links) implements Event {
    }

    record AnswerUnaccepted(long questionNumber, String questionTitle, long answerNumber, QuestionLinks links)
            implements Event {
    }
}
