package org.bandura.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the pages' stylesheets and scripts ({@code /static/…} from {@code public/static/}, {@code /webjars/…} from
 * the web jars) straight from the class path. Javalin's own static-file handler mounts the whole application jar as a
 * zip file system per handler and keeps its directory on the heap: for the launcher's 27,000-entry jar that was eight
 * mounts and ≈ 60 MiB of live heap for a handful of small files (issue 14). Reading them through the class loader
 * uses the jar file the JVM has open anyway.
 */
final class ClasspathAssets {

    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "map", "application/json; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2");

    private final ClassLoader loader = ClasspathAssets.class.getClassLoader();
    /** Only files that exist are kept: a few small ones, whatever paths are asked for. */
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void register(RoutesConfig routes) {
        // Same caching as Javalin's handler gave: own files revalidated, versioned web jars kept for a year.
        routes.get("/static/<path>", ctx -> serve(ctx, "public/static/", "max-age=0"));
        routes.get("/webjars/<path>", ctx -> serve(ctx, "META-INF/resources/webjars/", "max-age=31622400"));
    }

    private void serve(Context ctx, String root, String cacheControl) {
        String path = ctx.pathParam("path");
        String type = TYPES.get(extension(path));
        Optional<byte[]> bytes = type == null || !safe(path) ? Optional.empty() : read(root + path);
        if (bytes.isEmpty()) {
            ctx.status(404);
            return;
        }
        ctx.header("Cache-Control", cacheControl).contentType(type).result(bytes.get());
    }

    /** No way out of the root: no parent, current or empty segments, no backslashes. */
    static boolean safe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private Optional<byte[]> read(String name) {
        byte[] cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            cache.put(name, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
