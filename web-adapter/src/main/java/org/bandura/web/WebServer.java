package org.bandura.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.bandura.core.BanduraCore;
import org.bandura.core.knowledge.KnowledgeBase;
import org.bandura.core.knowledge.WebSignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bandura's one HTTP server (Javalin on Jetty): the knowledge base, {@code /healthz}, {@code /metrics}, and whatever
 * another front door mounts as a raw endpoint (Slack's HTTP mode).
 */
public final class WebServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** A request as bytes and headers, for endpoints that check signatures over the raw body. */
    public record RawRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                             byte[] body, String remoteAddress) {
    }

    public record RawResponse(int status, String contentType, Map<String, List<String>> headers, byte[] body) {
    }

    @FunctionalInterface
    public interface RawEndpoint {
        RawResponse handle(RawRequest request);
    }

    /**
     * The community-health dashboard: the measures, and whether every member (not only moderators) may open it.
     */
    public record HealthDashboard(org.bandura.core.health.HealthMeasures measures, boolean membersMaySee) {
    }

    private final WebSettings settings;
    private final BanduraCore core;
    private final KnowledgeBase knowledge;
    private final WebSignIn signIn;
    private final BooleanSupplier databaseReachable;
    private final Map<String, RawEndpoint> rawEndpoints = new LinkedHashMap<>();
    private Supplier<String> metrics;
    private HealthDashboard health;
    private Javalin app;
    private String publicUrl;

    public WebServer(WebSettings settings, BanduraCore core, KnowledgeBase knowledge, WebSignIn signIn,
                     BooleanSupplier databaseReachable) {
        this.settings = settings;
        this.core = core;
        this.knowledge = knowledge;
        this.signIn = signIn;
        this.databaseReachable = databaseReachable;
    }

    /** Serves {@code endpoint} at {@code path} (POST); call before {@link #start}. */
    public void mount(String path, RawEndpoint endpoint) {
        rawEndpoints.put(path, endpoint);
    }

    /** Serves the Prometheus text {@code scrape} returns at {@code /metrics}; call before {@link #start}. */
    public void serveMetrics(Supplier<String> scrape) {
        this.metrics = scrape;
    }

    /** Serves {@code /health} and its CSV downloads; without this they are 404. Call before {@link #start}. */
    public void serveHealth(HealthDashboard dashboard) {
        this.health = dashboard;
    }

    /** Binds and starts; the link base is known afterwards ({@link #publicUrl}). */
    public void start() throws PortTakenException {
        requirePortFree();
        WebRoutes routes = new WebRoutes(settings, core, knowledge, signIn, databaseReachable, this::publicUrl, metrics,
                rawEndpoints, health);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.fileRenderer(new JteRenderer());
            // Not config.staticFiles: it mounts the whole jar per handler and keeps ≈ 60 MiB of heap (issue 14).
            new ClasspathAssets().register(config.routes);
            config.requestLogger.http(AccessLog::log);
            routes.register(config.routes);
        });
        try {
            app.start(settings.bind(), settings.port());
        } catch (RuntimeException e) {
            app.stop();
            if (causedByBind(e)) {
                throw new PortTakenException(settings.bind(), settings.port(), e);
            }
            throw e;
        }
        publicUrl = settings.publicUrl() != null ? settings.publicUrl()
                : "http://" + settings.bind() + ":" + app.port();
        log.info("Web server on {}:{}", settings.bind(), app.port());
    }

    public int port() {
        return app.port();
    }

    /** Base of every link to a page, without a trailing slash. */
    public String publicUrl() {
        return publicUrl;
    }

    /** Asks the OS first, so a taken port is one clear line instead of Jetty's stack trace in the log. */
    private void requirePortFree() throws PortTakenException {
        if (settings.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(settings.bind(), settings.port()));
        } catch (BindException e) {
            throw new PortTakenException(settings.bind(), settings.port(), e);
        } catch (IOException e) {
            // Not a taken port (an unknown address, say): Jetty reports it when it starts.
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
