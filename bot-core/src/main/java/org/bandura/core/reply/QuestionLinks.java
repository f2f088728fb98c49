package org.bandura.core.reply;

/** Where the adapter posted a question; any part may be null (console questions have none). */
public record QuestionLinks(String channelKey, String messageKey, String threadKey) {
    public static final QuestionLinks NONE = new QuestionLinks(null, null, null);
}
