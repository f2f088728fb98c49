package org.bandura.core.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param url               a JDBC URL: {@code jdbc:h2:file:./data/bandura} (default) or {@code jdbc:postgresql://…}
 * @param schema            the schema to use and migrate; null for the database's default
 * @param connectionTimeout how long a command waits for a connection before it is told storage is unreachable
 */
public record DatabaseSettings(String url, String user, String password, String schema, int poolSize,
                               Duration connectionTimeout) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    public static DatabaseSettings of(String url) {
        return new DatabaseSettings(url, null, null, null, 10, Duration.ofSeconds(5));
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        // Never print the password; a URL may carry one too, so show only its scheme and host part.
        return "DatabaseSettings[url=" + redactedUrl() + ", user=" + user + ", schema=" + schema + ", poolSize="
                + poolSize + ", connectionTimeout=" + connectionTimeout + "]";
    }

    public String redactedUrl() {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int options = base.indexOf(';');
        return options < 0 ? base : base.substring(0, options);
    }
}
