package org.bandura.web;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line per request: method, path, status, time. Never cookies, query strings or sign-in tokens. */
final class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("org.bandura.web.access");

    private AccessLog() {
    }

    static void log(Context ctx, Float millis) {
        log.info("{} {} {} {}ms", ctx.method(), redact(ctx.path()), ctx.statusCode(), Math.round(millis));
    }

    static String redact(String path) {
        return path.startsWith("/login/") ? "/login/…" : path;
    }
}
