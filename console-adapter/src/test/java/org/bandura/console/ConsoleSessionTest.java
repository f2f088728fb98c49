package org.bandura.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleSessionTest {

    private final TestCore bandura = TestCore.onH2();
    private final ConsoleFrontDoor console = new ConsoleFrontDoor(bandura.core(), List.of("mod"), "me");

    @AfterEach
    void close() {
        bandura.close();
    }

    private String session(String script) throws IOException {
        return ConsoleScripts.run(console, script);
    }

    @Test
    @DisplayName("/as switches users, mentions print as @name, and moderators come from the config")
    void switchingUsers() throws IOException {
        String out = session("""
                /as alice
                /as mod
                /as bad name!
                """);
        assertThat(out).contains("You are now alice.").contains("You are now mod (moderator).")
                .contains("Usage: /as <name>");
    }

    @Test
    @DisplayName("with no moderators configured, whoever started the console moderates, so a fresh bot can make tags")
    void starterModeratesByDefault() throws IOException {
        try (TestCore strict = TestCore.onH2(org.bandura.core.service.CoreSettings.defaults())) {
            ConsoleFrontDoor fresh = new ConsoleFrontDoor(strict.core(), List.of(), "ops");

            String out = ConsoleScripts.run(fresh, """
                    /expert add java
                    /as bob
                    /expert add kotlin
                    """);

            assertThat(out).startsWith("Bandura console. You are ops (moderator).")
                    .contains("You're now an expert for #java.")
                    .contains("#kotlin would be a new tag, and creating tags takes 10 reputation");
        }
    }

    @Test
    @DisplayName("a moderator may accept on someone else's question; a stranger may not")
    void moderatorAccepts() throws IOException {
        String out = session("""
                /as bob
                /ask Why is the build slow? #maven
                /as alice
                /answer Q1 Turn on parallel builds.
                /as carol
                /accept A1
                /as mod
                /accept A1
                """);
        assertThat(out).contains("Only the person who asked Q1 (or a moderator) can accept an answer to it.")
                .contains("A1 by alice is now the accepted answer to Q1.");
        assertThat(bandura.reputation(ConsoleFrontDoor.WORKSPACE, "alice")).isEqualTo(1 + 15);
        assertThat(bandura.reputation(ConsoleFrontDoor.WORKSPACE, "mod")).isEqualTo(1 + 2);
    }

    @Test
    @DisplayName("end of input ends the session; blank lines are skipped; /quit stops early")
    void endOfInput() throws IOException {
        String out = session("\n\n/help\n/quit\n/ask never reached #x\n");
        assertThat(out).contains("/ask <question text with #tags>");
        assertThat(bandura.rows("question")).isZero();
    }

    @Test
    @DisplayName("names that differ only in case are one member: Bob can't upvote bob's question, and both ask as one")
    void namesIgnoreCase() throws IOException {
        // GIVEN bob asked a question
        // WHEN "Bob" tries to upvote it and asks as "BOB"
        String out = session("""
                /as bob
                /ask Which GC for small heaps? #jvm
                /as Bob
                /upvote Q1
                /as BOB
                /ask And for large heaps? #jvm
                """);
        // THEN it is his own question, and one member owns both questions
        assertThat(out).contains("You can't vote on your own question (Q1).").doesNotContain("Upvoted Q1.");
        assertThat(bandura.rows("member")).isEqualTo(1);
        assertThat(bandura.reputation(ConsoleFrontDoor.WORKSPACE, "bob")).isEqualTo(1);
    }
}
