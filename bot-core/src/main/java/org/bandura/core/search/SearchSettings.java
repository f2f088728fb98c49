package org.bandura.core.search;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the search index lives and how closely it follows the database.
 *
 * @param indexDir directory of this process's index, or null for an in-memory index rebuilt at every start
 * @param maxLag   longest time before another process's change is searchable here
 */
public record SearchSettings(Path indexDir, Duration maxLag) {

    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(1);

    public SearchSettings {
        if (maxLag == null || maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("search max lag must be positive");
        }
    }

    public static SearchSettings inMemory() {
        return new SearchSettings(null, DEFAULT_MAX_LAG);
    }
}
