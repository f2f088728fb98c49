package org.bandura.core.model;

import java.util.Objects;

/**
 * The person behind a command, as the adapter saw them.
 *
 * @param userId      the platform's user id (console: the name typed with /as)
 * @param displayName what other people see
 * @param moderator   whether the platform grants moderator rights (Manage Server, workspace admin, config)
 */
public record Actor(WorkspaceRef workspace, String userId, String displayName, boolean moderator) {
    public Actor {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(userId, "userId");
        displayName = displayName == null || displayName.isBlank() ? userId : displayName;
    }
}
