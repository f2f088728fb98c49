package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The web server at start-up")
class WebStartTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> extraEnv, String stdin) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("BANDURA_DATABASE_URL", "jdbc:h2:file:" + dir.resolve("data/bandura").toAbsolutePath());
        env.put("BANDURA_SEARCH_INDEX_DIR", dir.resolve("data/search").toString());
        return new Launcher(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run();
    }

    private static ServerSocket occupy(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
    }

    @Test
    @DisplayName("http.port: 0 picks a free port; the start line and the /web link show the real one")
    void freePortIsPrinted() {
        int status = run(Map.of("BANDURA_HTTP_PORT", "0"), "/web\n");

        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        Matcher start = Pattern.compile("Knowledge base: (http://127\\.0\\.0\\.1:(\\d+))/ — type /web to sign in")
                .matcher(printed);
        assertThat(start.find()).as(printed).isTrue();
        assertThat(Integer.parseInt(start.group(2))).isPositive();
        assertThat(printed).contains(start.group(1) + "/login/");
    }

    @Test
    @DisplayName("a taken port that the operator chose stops the start with one line naming http.port")
    void explicitPortTakenFails() throws IOException {
        try (ServerSocket taken = occupy(0)) {
            int status = run(Map.of("BANDURA_HTTP_PORT", String.valueOf(taken.getLocalPort())), "/help\n");

            assertThat(status).isEqualTo(1);
            String error = err.toString(StandardCharsets.UTF_8).strip();
            assertThat(error).doesNotContain("\n").doesNotContain("Exception")
                    .contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use").contains("http.port");
        }
    }

    @Test
    @DisplayName("with the default port taken, Bandura says so in one line and runs on without the web")
    void defaultPortTakenRunsOn() throws IOException {
        ServerSocket taken = null;
        try {
            try {
                taken = occupy(8080);
            } catch (IOException alreadyTaken) {
                // another program holds 8080: just as good for this test
            }
            // whoever starts the console moderates it, so a fresh bot may create #web
            int status = run(Map.of(), "/ask Still here? #web\n/web\n");

            assertThat(status).isZero();
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("Knowledge base not started: port 8080 on 127.0.0.1 is already in use")
                    .contains("Q1 posted: Still here? #web")
                    .contains("The knowledge base isn't running here");
        } finally {
            if (taken != null) {
                taken.close();
            }
        }
    }

    @Test
    @DisplayName("/healthz, /metrics and the pages are served by one server, which stops with the bot")
    void healthOnTheWebServer() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream console = new PipedInputStream(typing);
        Map<String, String> env = Map.of("BANDURA_HTTP_PORT", "0",
                "BANDURA_DATABASE_URL", "jdbc:h2:file:" + dir.resolve("data/bandura").toAbsolutePath(),
                "BANDURA_SEARCH_INDEX_DIR", dir.resolve("data/search").toString());
        Thread bot = new Thread(() -> new Launcher(env, console, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run());
        bot.start();
        Pattern startLine = Pattern.compile("Knowledge base: http://127\\.0\\.0\\.1:(\\d+)/");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> startLine.matcher(out.toString(StandardCharsets.UTF_8)).find());
        Matcher start = startLine.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(start.find()).isTrue();
        int port = Integer.parseInt(start.group(1));

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/healthz")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"database\":\"up\"}");
        HttpResponse<String> home = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(401);
        assertThat(home.headers().firstValue("Content-Type").orElseThrow()).containsIgnoringCase("charset=utf-8");

        typing.write("/ask Is this counted? #metrics\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> out.toString(StandardCharsets.UTF_8).contains("Q1 posted: Is this counted?"));
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("bandura_commands_seconds_count{command=\"ask\",outcome=\"ok\"} 1")
                .contains("bandura_commands_seconds{command=\"ask\",outcome=\"ok\",quantile=\"0.95\"}")
                .contains("bandura_questions_asked_total 1.0")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes");

        typing.close();
        bot.join(Duration.ofSeconds(20).toMillis());
        assertThat(bot.isAlive()).isFalse();
        try (ServerSocket free = occupy(port)) {
            assertThat(free.isBound()).isTrue();
        }
    }
}
