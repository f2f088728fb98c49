package org.bandura.core.persistence;

import java.time.Instant;
import org.bandura.core.reply.QuestionLinks;

public record QuestionRow(long id, long workspaceId, long number, long askerId, String title, String body, int score,
                          int answerCount, Long acceptedAnswerId, String channelKey, String messageKey,
                          String threadKey, Instant createdAt) {

    public QuestionLinks links() {
        return new QuestionLinks(channelKey, messageKey, threadKey);
    }
}
