package org.bandura.core.reply;

import java.util.List;

/** What happened, for adapters that show more than text: post the question, rename a solved thread, and so on. */
public sealed interface Event {

    record SimilarQuestion(long number, String title, boolean answered) {
    }

    /**
     * @param mentioned the routed experts, in rank order; the only people an adapter may ping for this question
     * @param actions   buttons for the message that mentions them ("I'm on it")
     */
    record QuestionAsked(long number, String title, String text, List<String> tags, MemberView asker,
                         List<MemberView> mentioned, List<SimilarQuestion> similar, List<Action> actions)
            implements Event {
        public QuestionAsked {
            tags = List.copyOf(tags);
            mentioned = List.copyOf(mentioned);
            similar = List.copyOf(similar);
            actions = List.copyOf(actions);
        }

        /** With the "I'm on it" button when experts were mentioned. */
        public QuestionAsked(long number, String title, String text, List<String> tags, MemberView asker,
                             List<MemberView> mentioned, List<SimilarQuestion> similar) {
            this(number, title, text, tags, asker, mentioned, similar,
                    mentioned.isEmpty() ? List.of() : List.of(Action.claim(number)));
        }
    }

    record AnswerPosted(long questionNumber, long answerNumber, MemberView author, QuestionLinks links) implements Event {
    }

    /**
     * @param notifyAuthor      whether the notice may notify the answerer (they earn reputation now), unless they
     *                          turned announcements off
     * @param previousNoticeKey the bot's notice of an answer accepted before this one, to remove; null if none
     */
    record AnswerAccepted(long questionNumber, String questionTitle, long answerNumber, MemberView author,
                          MemberView acceptedBy, QuestionLinks links, boolean notifyAuthor, String previousNoticeKey)
            implements Event {
    }

    /**
     * The question has no accepted answer any more (undone, or the accepted answer was deleted).
     *
     * @param noticeKey the bot's accept notice to remove or correct; null if the adapter never recorded one
     */
    record AnswerUnaccepted(long questionNumber, String questionTitle, long answerNumber, QuestionLinks links,
                            String noticeKey) implements Event {
    }

    /** The question's message or thread was deleted: it is hidden everywhere and its reputation reversed. */
    record QuestionDeleted(long questionNumber, QuestionLinks links, String noticeKey) implements Event {
    }

    /**
     * The process is stopping and refused the command before it began: nothing was saved. A front door whose
     * platform delivers the event again (Slack, when it is not acknowledged) or whose catch-up reads it back at the
     * next start (Discord's gateway events) should let that happen instead of showing a refusal.
     */
    record Stopping() implements Event {
    }
}
