package org.bandura.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.bandura.core.persistence.Database;
import org.slf4j.Marker;

/**
 * Drops the libraries' stack traces for failures that are expected and already reported by Bandura itself as one
 * WARN line saying what to do: a database that can't be reached (HikariCP), and a Slack Socket Mode websocket that
 * can't connect (the Slack SDK retries every 5 s and logs a trace each time). Traces of anything else still show.
 * Installed by {@code logback.xml}.
 */
public final class QuietConnectionFailures extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable thrown) {
        Throwable failure = thrown != null ? thrown : lastThrowable(params);
        if (failure == null) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        if (name.startsWith("com.zaxxer.hikari") && Database.isUnreachable(failure)) {
            return FilterReply.DENY;
        }
        if (name.startsWith("com.slack.api.socket_mode") && isNetworkFailure(failure)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    static boolean isNetworkFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketException || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || t instanceof EOFException || t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** SLF4J passes a trailing exception among the parameters. */
    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t ? t : null;
    }
}
