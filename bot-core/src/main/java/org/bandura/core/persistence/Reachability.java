package org.bandura.core.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers that the database could not be reached, so that for {@code retryAfter} every command is answered at
 * once instead of each waiting the full connection timeout again. Logs one line when storage goes away and one
 * when it is back, however many commands fail in between.
 */
final class Reachability {

    private static final Logger log = LoggerFactory.getLogger(Reachability.class);

    private final Clock clock;
    private final Duration retryAfter;
    private final DatabaseSettings settings;
    private volatile Instant retryAt;

    Reachability(Clock clock, DatabaseSettings settings) {
        this.clock = clock;
        this.retryAfter = settings.retryAfter();
        this.settings = settings;
    }

    /** True while a recent failure says not to try: the caller answers "unreachable" without waiting. */
    boolean knownDown() {
        Instant at = retryAt;
        return at != null && clock.instant().isBefore(at);
    }

    void failed(Throwable cause) {
        boolean wasUp = retryAt == null;
        retryAt = clock.instant().plus(retryAfter);
        if (wasUp) {
            log.warn("Storage unreachable at {} ({}). Commands are answered \"can't reach my storage\" and a "
                            + "connection is tried again every {}s; start the database server or check database.url.",
                    settings.redactedUrl(), settings.redact(rootMessage(cause)), retryAfter.toMillis() / 1000.0);
        }
    }

    void succeeded() {
        if (retryAt != null) {
            retryAt = null;
            log.info("Storage reachable again at {}.", settings.redactedUrl());
        }
    }

    /** The most specific message in the cause chain ("Connection refused"), else the innermost type. */
    static String rootMessage(Throwable e) {
        String message = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message != null ? message : root.getClass().getSimpleName();
    }
}
