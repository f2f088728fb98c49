package org.bandura.core.health;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Tunables of the community-health measures; the launcher fills them from configuration.
 *
 * @param sla                    {@code health.sla}: a question answered within this is "answered in time"
 * @param zone                   {@code workspace.time-zone}: where weeks and months begin
 * @param learnedExpertThreshold per-tag reputation that makes a member a learned expert (as routing uses it)
 */
public record HealthSettings(Duration sla, ZoneId zone, int learnedExpertThreshold) {

    public static final Duration DEFAULT_SLA = Duration.ofHours(4);

    public HealthSettings {
        if (sla == null || sla.isNegative() || sla.isZero()) {
            throw new IllegalArgumentException("health.sla must be a positive duration");
        }
        if (zone == null) {
            throw new IllegalArgumentException("workspace.time-zone is missing");
        }
        if (learnedExpertThreshold < 1) {
            throw new IllegalArgumentException("learned expert threshold must be at least 1");
        }
    }

    public static HealthSettings defaults() {
        return new HealthSettings(DEFAULT_SLA, ZoneId.of("UTC"), 50);
    }
}
