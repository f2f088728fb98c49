package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyDatabaseCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("copy-database moves a console session's H2 file into PostgreSQL with progress and verification")
    void copiesWithProgress() {
        String h2 = "jdbc:h2:file:" + dir.resolve("bandura").toAbsolutePath();
        Map<String, String> env = Map.of("BANDURA_DATABASE_URL", h2, "BANDURA_TAGS_CREATE_MIN_REPUTATION", "0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher console = new Launcher(env, new ByteArrayInputStream(
                "/as alice\n/expert add java\n/as bob\n/ask Move me? #java\n/as alice\n/answer Q1 Yes\n/as bob\n/accept A1\n"
                        .getBytes(StandardCharsets.UTF_8)), new PrintStream(out), new PrintStream(err));
        assertThat(console.run()).isZero();

        DatabaseSettings target = TestDatabases.postgres();
        out.reset();
        int status = new Launcher(env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"copy-database", "--to", target.url(), "--to-user", target.user(), "--to-schema",
                        target.schema()});
        try {
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("question: 1/1").contains("answer: 1/1")
                    .contains("rows copied and verified");
        } finally {
            TestDatabases.dropSchema(target.schema());
        }
    }

    @Test
    @DisplayName("copy-database without a target explains its usage")
    void usage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Launcher(Map.of("BANDURA_DATABASE_URL", "jdbc:h2:mem:x"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"copy-database"});
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar bandura.jar copy-database --to");
    }

    @Test
    @DisplayName("a failed copy names the source database without the password of its URL")
    void failureHidesPasswords() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Launcher(Map.of("BANDURA_DATABASE_URL", "jdbc:postgresql://bandura:Pa55word@127.0.0.1:1/nowhere",
                "BANDURA_DATABASE_CONNECTION_TIMEOUT", "500ms"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"copy-database", "--to", "jdbc:postgresql://127.0.0.1:1/target"});
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .contains("jdbc:postgresql://bandura:***@127.0.0.1:1/nowhere").contains("Copy failed")
                .doesNotContain("Pa55word");
    }
}
