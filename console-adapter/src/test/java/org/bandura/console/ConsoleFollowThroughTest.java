package org.bandura.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.service.JobRunner;
import org.bandura.core.service.DatabaseOutbox;
import org.bandura.core.followup.FollowUpSettings;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The follow-through as a console user sees it: jobs run while the clock moves, their posts print after a command. */
class ConsoleFollowThroughTest {

    private final TestCore bandura = TestCore.on(TestDatabases.h2(), new CoreSettings(4000, 1, 200, 100, 5).withCommunity(TestCore.OPEN_COMMUNITY),
            FollowUpSettings.defaults());
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

    private String after(Duration duration, String script) throws IOException {
        bandura.clock().advance(duration);
        jobs.runDue();
        return session(script);
    }

    @Test
    @DisplayName("an unanswered question escalates in the console at 30 min, 4 h and 24 h; a claim held it first")
    void escalation() throws IOException {
        session("""
                /as alice
                /expert add sql
                /as carol
                /expert add sql
                /as bob
                /ask Why is my index not used? #sql
                /as dave
                /claim Q1
                """);
        assertThat(after(Duration.ofMinutes(30), "/help")).doesNotContain("[thread of Q1]");
        String firstStep = after(Duration.ofMinutes(90), "/tags");
        assertThat(firstStep).containsPattern("\\[thread of Q1] Q1 still has no answer after 30 min\\. "
                + "@(alice|carol), could you take a look\\? Why is my index not used\\? #sql");
        assertThat(after(Duration.ofMinutes(120), "/tags"))
                .contains("[fallback channel] Q1 has been waiting 4 h for an answer. Can anyone help?");
        String last = after(Duration.ofHours(20), "/tags");
        assertThat(last).contains("[to moderators] Q1 is still unanswered after 24 h. Tried so far: mentioned")
                .contains("[private to bob] Nobody has answered your Q1 yet.");
        assertThat(after(Duration.ofDays(7), "/unanswered")).contains("#sql (stale)").doesNotContain("[thread");
    }

    @Test
    @DisplayName("the accept reminder prints as a one-line /accept hint; accepting credits +15 and +2")
    void acceptReminder() throws IOException {
        session("""
                /as bob
                /ask Left join or exists? #sql
                /as alice
                /answer Q1 EXISTS reads better and plans the same.
                /as carol
                /upvote A1
                """);
        String reminder = after(Duration.ofHours(24), "/as bob");
        assertThat(reminder).contains("[private to bob] Did A1 by alice solve Q1? If it did, accept it with "
                + "/accept A1 (it credits them +15).");
        session("""
                /as bob
                /accept A1
                """);
        assertThat(bandura.reputation(ConsoleFrontDoor.WORKSPACE, "alice")).isEqualTo(1 + 10 + 15);
        assertThat(bandura.reputation(ConsoleFrontDoor.WORKSPACE, "bob")).isEqualTo(1 + 2);
    }
}
