package org.bandura.core.service;

import java.time.Instant;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.Sql;

/**
 * One command's world: its transaction, workspace, the acting member and the moment it runs; for a vote, the post
 * voted on when it was read with the member ({@code null} otherwise).
 */
record Context(Sql sql, long workspaceId, Actor actor, MemberRow member, Instant now, VoteService.Post votedPost) {

    Context(Sql sql, long workspaceId, Actor actor, MemberRow member, Instant now) {
        this(sql, workspaceId, actor, member, now, null);
    }

    boolean isModerator() {
        return actor.moderator();
    }
}
