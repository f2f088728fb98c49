package org.bandura.core.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach the database.
 *
 * @param url               a JDBC URL: {@code jdbc:h2:file:./data/bandura} (default) or {@code jdbc:postgresql://…}
 * @param schema            the schema to use and migrate; null for the database's default
 * @param connectionTimeout how long a command waits for a connection before it is told storage is unreachable
 * @param retryAfter        after a connection failed, how long commands are told at once that storage is
 *                          unreachable before a connection is tried again
 */
public record DatabaseSettings(String url, String user, String password, String schema, int poolSize,
                               Duration connectionTimeout, Duration retryAfter) {

    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

    /** {@code //user:password@} in a URL: group 1 is {@code //user:}, group 2 the password. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@?;:]*:)([^/@?;]*)@");

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    public DatabaseSettings(String url, String user, String password, String schema, int poolSize,
                            Duration connectionTimeout) {
        this(url, user, password, schema, poolSize, connectionTimeout, DEFAULT_RETRY_AFTER);
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
                + poolSize + ", connectionTimeout=" + connectionTimeout + ", retryAfter=" + retryAfter + "]";
    }

    /** The URL without its options (which may carry {@code password=}) and with a user-info password masked. */
    public String redactedUrl() {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int options = base.indexOf(';');
        return USER_INFO_PASSWORD.matcher(options < 0 ? base : base.substring(0, options)).replaceFirst("$1***@");
    }

    /**
     * {@code message} (a driver's or pool's error, which may quote the URL) with the URL and every password
     * masked, so it can be printed.
     */
    public String redact(String message) {
        if (message == null) {
            return null;
        }
        String safe = message.replace(url, redactedUrl());
        Matcher userInfo = USER_INFO_PASSWORD.matcher(url);
        if (userInfo.find() && !userInfo.group(2).isEmpty()) {
            safe = safe.replace(userInfo.group(2), "***");
        }
        return password == null || password.isEmpty() ? safe : safe.replace(password, "***");
    }
}
