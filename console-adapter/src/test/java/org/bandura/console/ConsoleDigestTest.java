package org.bandura.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.service.JobRunner;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Progress, badges and the weekly digest as a console user sees them; jobs run while the clock moves. */
class ConsoleDigestTest {

    private final TestCore bandura = TestCore.on(TestDatabases.h2(), TestCore.settings());
    private final ConsoleFrontDoor console = new ConsoleFrontDoor(bandura.core(), List.of("mod"), "me",
            new DatabaseOutbox(bandura.database(), bandura.clock()));
    private final JobRunner jobs = new JobRunner(bandura.database(), bandura.clock(), "console",
            bandura.service().jobHandlers());

    @AfterEach
    void close() {
        bandura.close();
    }

    private String session(String script) throws IOException {
        return ConsoleScripts.run(console, script);
    }

    /** Moves the clock to {@code at}, schedules digests and runs due jobs as the launcher's job thread does. */
    private String at(String at, String script) throws IOException {
        bandura.clock().set(Instant.parse(at));
        bandura.service().scheduleDigests();
        jobs.runDue();
        return session(script);
    }

    @Test
    @DisplayName("the digest prints once a week on the console; /digest shows this week; /digest off leaves a helper out")
    void weeklyDigest() throws IOException {
        String first = session("""
                /as alice
                /expert add sql
                /as bob
                /ask Why is my index not used? #sql
                /as alice
                /answer Q1 The column is wrapped in a function, so the planner can't use it.
                /as bob
                /accept A1
                /profile alice
                """);
        assertThat(first).contains("[thread of Q1] 🏅 @alice earned the badge First Answer. Congratulations!")
                .contains("[thread of Q1] 🏅 @alice earned the badge Solved. Congratulations!")
                .contains("This week: +15 reputation · streak: 1 week in a row with an accepted answer")
                .contains("Next badge: 4 more answers within 15 min of the question to Quick ×5");
        bandura.service().scheduleDigests();

        String onDemand = session("""
                /as carol
                /digest
                """);
        assertThat(onDemand).contains("📊 This week so far — week of 2026-11-02")
                .contains("Questions: 1 asked, 1 answered, 1 accepted.")
                .contains("Top helpers: 1. alice +15 · 2. bob +2. Thank you!")
                .doesNotContain("[digest]");

        assertThat(at("2026-11-08T23:00:00Z", "/help")).doesNotContain("[digest]");
        String monday = at("2026-11-09T09:00:00Z", "/as bob\n/digest off");
        assertThat(Pattern.compile("\\[digest]").matcher(monday).results().count()).isEqualTo(1);
        assertThat(monday).contains("""
                [digest] 📊 Weekly digest — week of 2026-11-02
                Questions: 1 asked, 1 answered, 1 accepted.
                Time to first answer (median): 0 min — last week no answers.
                Top helpers: 1. @alice +15 · 2. @bob +2. Thank you!
                New badges: alice — First Answer; alice — Solved.
                Unanswered: none. Nice work, everyone!""")
                .contains("The weekly digest won't list you among its top helpers. /digest on undoes this.");
        assertThat(at("2026-11-09T10:00:00Z", "/tags")).doesNotContain("[digest]");

        session("""
                /as carol
                /ask Does VACUUM lock the table? #sql
                /as bob
                /answer Q2 Plain VACUUM doesn't; VACUUM FULL takes an exclusive lock.
                /as carol
                /accept A2
                """);
        String secondWeek = at("2026-11-16T09:00:00Z", "/help");
        assertThat(secondWeek).contains("[digest] 📊 Weekly digest — week of 2026-11-09")
                .contains("Top helpers: 1. @carol +2. Thank you!").doesNotContain("@bob +15");
        session("/as bob\n/digest on");
        assertThat(session("/as bob\n/digest")).contains("📊 This week so far — week of 2026-11-16");
        String thirdWeek = at("2026-11-23T09:00:00Z", "/help");
        assertThat(thirdWeek).contains("[digest] 📊 Weekly digest — week of 2026-11-16")
                .contains("Questions: 0 asked, 0 answered, 0 accepted.");
        assertThat(session("/digest sometimes")).contains("Usage: /digest shows this week's digest; /digest off "
                + "leaves you out of its top helpers, /digest on puts you back.").doesNotContain("Exception");
    }
}
