package org.bandura.core.model;

import java.util.Objects;

/**
 * One Discord server, one Slack workspace, or the console.
 *
 * @param externalId the platform's id (guild id, team id, "console")
 * @param name       a display name, refreshed on every event
 */
public record WorkspaceRef(Platform platform, String externalId, String name) {
    public WorkspaceRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(externalId, "externalId");
        name = name == null || name.isBlank() ? externalId : name;
    }
}
