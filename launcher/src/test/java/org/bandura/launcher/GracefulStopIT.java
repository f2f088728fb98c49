package org.bandura.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM while commands stream in: what was confirmed is stored, and nobody is told "something went wrong". */
class GracefulStopIT {

    private static final Pattern POSTED = Pattern.compile("Q(\\d+) posted: Stop test (\\d+) #ops");
    private static final int STOP_AFTER_POSTED = 40;

    @TempDir
    Path freshDirectory;

    @Test
    @DisplayName("SIGTERM in the middle of a stream of /ask: every confirmed question is stored, no internal-error reply")
    void sigtermFinishesCommandsInFlight() throws Exception {
        Process bot = ConsoleJarIT.jar(freshDirectory).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(() -> feed(bot), "feeder");
        feeder.setDaemon(true);
        feeder.start();

        List<String> lines = new ArrayList<>();
        List<Integer> confirmed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                Matcher posted = POSTED.matcher(line);
                if (posted.find()) {
                    confirmed.add(Integer.parseInt(posted.group(1)));
                    if (confirmed.size() == STOP_AFTER_POSTED) {
                        // SIGTERM, as systemd or docker stop sends it; Process.destroy() would also close our
                        // end of the pipes, and the replies printed while stopping are part of the proof.
                        bot.toHandle().destroy();
                    }
                }
            }
        } finally {
            assertThat(bot.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(confirmed).hasSizeGreaterThanOrEqualTo(STOP_AFTER_POSTED);
        assertThat(lines.stream().filter(line -> line.contains("something went wrong")).count())
                .as("replies saying something went wrong").isZero();
        DatabaseSettings file = DatabaseSettings.of("jdbc:h2:file:" + freshDirectory.resolve("data/bandura"));
        try (Database reopened = Database.open(file)) {
            List<Integer> stored = reopened.inTransaction(sql -> sql.list(
                    "SELECT number FROM question WHERE title LIKE 'Stop test %'", row -> row.getInt(1)));
            assertThat(stored).containsAll(confirmed);
        }
    }

    /** Writes /ask lines as fast as the bot reads them, until the bot is gone. */
    private static void feed(Process bot) {
        try (OutputStream in = bot.getOutputStream()) {
            // the console's starter moderates a fresh bot, so the first question may create #ops
            for (int i = 1; i <= 100_000 && bot.isAlive(); i++) {
                in.write(("/ask Stop test " + i + " #ops\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
        } catch (IOException stopped) {
            // the bot stopped reading: expected once it is gone
        }
    }
}
