package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String stdin) {
        return new Launcher(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run();
    }

    @Test
    @DisplayName("with no tokens the launcher runs the console on an H2 file database and exits at end of input")
    void consoleByDefault() {
        String url = "jdbc:h2:file:" + dir.resolve("data/bandura").toAbsolutePath();
        int status = run(Map.of("BANDURA_DATABASE_URL", url, "BANDURA_TAGS_CREATE_MIN_REPUTATION", "0"),
                "/as bob\n/ask Does it persist? #h2\n");
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Q1 posted: Does it persist? #h2");

        out.reset();
        assertThat(run(Map.of("BANDURA_DATABASE_URL", url), "/unanswered\n")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Q1 Does it persist?");
    }

    @Test
    @DisplayName("bad configuration stops the start with the key named, and no stack trace")
    void badConfiguration() {
        int status = run(Map.of("BANDURA_DATABASE_POOL_SIZE", "lots"), "");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("database.pool-size")
                .contains("BANDURA_DATABASE_POOL_SIZE").doesNotContain("Exception");
    }

    @Test
    @DisplayName("an unreachable database is one clear line naming the keys to check")
    void unreachableDatabase() {
        int status = run(Map.of("BANDURA_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "BANDURA_DATABASE_CONNECTION_TIMEOUT", "500ms"), "");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Can't open the database at jdbc:postgresql://127.0.0.1:1/nowhere")
                .contains("database.url");
    }
}
