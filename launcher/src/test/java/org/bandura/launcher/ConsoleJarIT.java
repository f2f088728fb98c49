package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "show it" session, piped into the packaged jar from a fresh directory with no tokens. */
class ConsoleJarIT {

    @TempDir
    Path freshDirectory;

    /** The packaged jar, started in {@code directory} with no platform tokens and no Bandura settings. */
    static ProcessBuilder jar(Path directory) {
        Path jar = Path.of("target", "bandura.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).directory(directory.toFile());
        Map<String, String> env = builder.environment();
        new HashMap<>(env).keySet().stream()
                .filter(key -> key.startsWith("DISCORD_") || key.startsWith("SLACK_") || key.startsWith("BANDURA_"))
                .forEach(env::remove);
        return builder;
    }

    private String runJar(String script) throws IOException, InterruptedException {
        return runJar(script, Map.of());
    }

    private String runJar(String script, Map<String, String> extraEnv) throws IOException, InterruptedException {
        ProcessBuilder builder = jar(freshDirectory).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out;
    }

    @Test
    @DisplayName("ask → expert mentioned → answer → upvote → accept → profile shows reputation 26")
    void showIt() throws Exception {
        long started = System.nanoTime();
        String out = runJar("""
                /as alice
                /expert add java
                /as bob
                /ask How do I size a HikariCP pool? #java
                /as alice
                /answer Q1 Start with connections = cores * 2 and measure.
                /as carol
                /upvote A1
                /as bob
                /accept A1
                /profile alice
                """, Map.of("BANDURA_CONSOLE_MODERATORS", "alice"));
        assertThat(out).contains("Q1 posted: How do I size a HikariCP pool? #java").contains("Mentioned: @alice")
                .contains("A1 posted to Q1").contains("alice — reputation 26");
        assertThat(Files.exists(freshDirectory.resolve("data").resolve("bandura.mv.db"))).isTrue();
        assertThat(System.nanoTime() - started).as("the whole session, JVM start included")
                .isLessThan(TimeUnit.SECONDS.toNanos(30));
    }

    @Test
    @DisplayName("bad input through the jar: one clear line each, and the session goes on")
    void badInput() throws Exception {
        String out = runJar("""
                /as bob
                /ask
                /expert add 9lives
                /upvote A42
                /frobnicate
                /ask Still working? #java
                /upvote Q1
                /as carol
                /upvote Q1
                /upvote Q1
                /accept A1
                """, Map.of("BANDURA_CONSOLE_MODERATORS", "bob"));
        assertThat(out).contains("Your question is empty").contains("'9lives' is not a valid tag")
                .contains("There is no answer A42 here").contains("I don't know the command /frobnicate")
                .contains("Q1 posted: Still working? #java").contains("You can't vote on your own question (Q1).")
                .contains("Upvoted Q1.").contains("You already upvoted Q1.")
                .contains("There is no answer A1 here").doesNotContain("Exception");
    }

    @Test
    @DisplayName("replies are UTF-8 under the C locale: 'Café 😀 #java' comes back as typed")
    void utf8UnderCLocale() throws Exception {
        String out = runJar("""
                /as bob
                /ask Café 😀 #java
                /unanswered
                """, Map.of("LANG", "C", "LC_ALL", "C", "BANDURA_CONSOLE_MODERATORS", "bob"));
        assertThat(out).contains("Q1 posted: Café 😀 #java").doesNotContain("Caf?");
    }

    @Test
    @DisplayName("the packaged jar serves the knowledge base: templates, webjars and /healthz from the shaded jar")
    void webFromTheJar() throws Exception {
        Path jar = Path.of("target", "bandura.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(freshDirectory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(key -> key.startsWith("DISCORD_") || key.startsWith("SLACK_")
                || key.startsWith("BANDURA_"));
        builder.environment().put("BANDURA_HTTP_PORT", "0");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                     StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("Knowledge base: ")) {
                line = out.readLine();
            }
            assertThat(line).isNotNull().endsWith("/ — type /web to sign in");
            String base = line.substring("Knowledge base: ".length(), line.indexOf("/ — "));
            HttpClient client = HttpClient.newHttpClient();
            for (String[] expected : new String[][] {{"/healthz", "200", "\"database\":\"up\""},
                    {"/", "401", "type /web in chat"}, {"/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "200", "uPlot"},
                    {"/static/chart.js", "200", "reputation-chart"}}) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + expected[0]))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(expected[0]).isEqualTo(Integer.parseInt(expected[1]));
                assertThat(response.body()).as(expected[0]).containsIgnoringCase(expected[2]);
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
