package org.bandura.core.persistence;

import java.time.Instant;
import org.bandura.core.reply.MemberView;

public record MemberRow(long id, long workspaceId, String userId, String displayName, long reputation,
                        int answerCount, int acceptedCount, Instant lastMentionedAt) {

    public MemberView view() {
        return new MemberView(userId, displayName);
    }
}
