package org.bandura.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.bandura.core.persistence.Database;
import org.slf4j.Marker;

/**
 * Drops the connection pool's stack traces for a database that can't be reached: that is an expected failure,
 * and Bandura logs it itself as one WARN line saying what to do (when storage goes away and when it is back).
 * Traces of anything else still show. Installed by {@code logback.xml}.
 */
public final class QuietConnectionFailures extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable thrown) {
        Throwable failure = thrown != null ? thrown : lastThrowable(params);
        if (failure != null && logger.getName().startsWith("com.zaxxer.hikari") && Database.isUnreachable(failure)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    /** SLF4J passes a trailing exception among the parameters. */
    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t ? t : null;
    }
}
