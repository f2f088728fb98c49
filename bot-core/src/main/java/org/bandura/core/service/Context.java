package org.bandura.core.service;

import java.time.Instant;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.Sql;

/** One command's world: its transaction, workspace, the acting member and the moment it runs. */
record Context(Sql sql, long workspaceId, Actor actor, MemberRow member, Instant now) {

    boolean isModerator() {
        return actor.moderator();
    }
}
