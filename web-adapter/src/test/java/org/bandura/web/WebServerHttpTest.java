package org.bandura.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.bandura.core.knowledge.KnowledgeBase;
import org.bandura.core.knowledge.IndexKnowledgeSearch;
import org.bandura.core.knowledge.WebSignIn;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.bandura.core.testing.ToggleProxy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The web server over plain HTTP")
class WebServerHttpTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(WebServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.publicUrl() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private final java.util.List<CoreService> cores = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeCores() {
        cores.forEach(CoreService::close);
    }

    private WebServer server(Database database, WebSettings.Visibility visibility, boolean metrics)
            throws PortTakenException {
        CoreService core = new CoreService(database, CoreSettings.defaults(), java.time.Clock.systemUTC());
        cores.add(core);
        WebServer server = new WebServer(new WebSettings("127.0.0.1", 0, null, visibility, metrics), core,
                new KnowledgeBase(database, new IndexKnowledgeSearch(database, core.search()),
                        java.time.Clock.systemUTC()),
                new WebSignIn(database, java.time.Clock.systemUTC()), database::isReachable);
        server.serveMetrics(() -> "bandura_test_total 1.0\n");
        server.start();
        return server;
    }

    @Test
    @DisplayName("/healthz says 200 while the database answers and 503 while it is gone")
    void healthFollowsTheDatabase() throws Exception {
        DatabaseSettings direct = TestDatabases.postgres();
        try (ToggleProxy proxy = new ToggleProxy("127.0.0.1", 5432)) {
            DatabaseSettings viaProxy = new DatabaseSettings(
                    direct.url().replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()), direct.user(), null,
                    direct.schema(), 2, Duration.ofMillis(500));
            try (Database database = Database.open(viaProxy);
                 WebServer server = server(database, WebSettings.Visibility.MEMBERS, true)) {
                HttpResponse<String> up = get(server, "/healthz");
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(up.body()).contains("\"database\":\"up\"");

                proxy.stop();
                HttpResponse<String> down = get(server, "/healthz");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("\"database\":\"down\"");
            }
        } finally {
            TestDatabases.dropSchema(direct.schema());
        }
    }

    @Test
    @DisplayName("pages carry a CSP without inline scripts, a UTF-8 charset and no referrer")
    void securityHeaders() throws Exception {
        try (TestCore core = TestCore.onH2();
             WebServer server = server(core.database(), WebSettings.Visibility.PUBLIC, true)) {
            core.run(TestCore.user("bob"), "/ask Ünïcödé question? #text");
            HttpResponse<String> home = get(server, "/");
            assertThat(home.statusCode()).isEqualTo(200);
            String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(home.headers().firstValue("Content-Type").orElseThrow()).containsIgnoringCase("charset=utf-8");
            assertThat(home.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(home.body()).contains("<link rel=\"canonical\" href=\"" + server.publicUrl() + "/\">");
        }
    }

    @Test
    @DisplayName("/metrics answers only when http.metrics is on")
    void metricsFollowTheSetting() throws Exception {
        try (TestCore core = TestCore.onH2();
             WebServer on = server(core.database(), WebSettings.Visibility.MEMBERS, true);
             WebServer off = server(core.database(), WebSettings.Visibility.MEMBERS, false)) {
            assertThat(get(on, "/metrics").body()).contains("bandura_test_total 1.0");
            assertThat(get(off, "/metrics").statusCode()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("web.visibility off: every page is 404 and sign-in links don't work, /healthz still answers")
    void visibilityOff() throws Exception {
        try (TestCore core = TestCore.onH2();
             WebServer server = server(core.database(), WebSettings.Visibility.OFF, true)) {
            assertThat(get(server, "/").statusCode()).isEqualTo(404);
            assertThat(get(server, "/q/1").statusCode()).isEqualTo(404);
            assertThat(get(server, "/login/abc").statusCode()).isEqualTo(404);
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("stylesheets and scripts come from the class path without mounting a jar as a zip file system")
    void assetsWithoutZipFileSystems() throws Exception {
        String uplot = "webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
        String jar = ClassLoader.getSystemResource("META-INF/resources/" + uplot).toString();
        URI jarFileSystem = URI.create(jar.substring(0, jar.indexOf("!/") + 2));
        try (TestCore core = TestCore.onH2();
             WebServer server = server(core.database(), WebSettings.Visibility.MEMBERS, false)) {
            HttpResponse<String> css = get(server, "/static/app.css");
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
            assertThat(css.body()).contains("{");
            HttpResponse<String> script = get(server, "/" + uplot);
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
            assertThat(script.headers().firstValue("Cache-Control")).hasValue("max-age=31622400");
            assertThat(script.body()).contains("uPlot");
            assertThat(get(server, "/static/nothing.css").statusCode()).isEqualTo(404);
            assertThat(get(server, "/static/%2e%2e/static/app.css").statusCode()).isEqualTo(404);
            assertThat(get(server, "/webjars/uplot/1.6.30/README.md").statusCode()).isEqualTo(404);
            // Javalin's static-file handler mounted every jar it served from (and kept its directory on the heap).
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.nio.file.FileSystems.getFileSystem(jarFileSystem))
                    .isInstanceOf(java.nio.file.FileSystemNotFoundException.class);
        }
    }

    @Test
    @DisplayName("ClasspathAssets accepts only plain relative paths")
    void assetPathsStayInside() {
        assertThat(ClasspathAssets.safe("uplot/1.6.30/dist/uPlot.min.css")).isTrue();
        assertThat(ClasspathAssets.safe("../db/migration/V1__core_schema.sql")).isFalse();
        assertThat(ClasspathAssets.safe("a/./b.css")).isFalse();
        assertThat(ClasspathAssets.safe("a//b.css")).isFalse();
        assertThat(ClasspathAssets.safe("/etc/passwd")).isFalse();
        assertThat(ClasspathAssets.safe("a\\..\\b.css")).isFalse();
    }

    @Test
    @DisplayName("the access log names the path but never a sign-in token")
    void accessLogRedactsTokens() {
        assertThat(AccessLog.redact("/login/s3cr3t-token")).isEqualTo("/login/…");
        assertThat(AccessLog.redact("/q/12")).isEqualTo("/q/12");
    }
}
