package org.bandura.core.catchup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Reaction;
import org.bandura.core.service.CommunityRules;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The core's side of catch-up: which threads are open and how far each was read, on H2 and PostgreSQL. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class OpenThreadsTest {

    private final TestCore bandura;
    private final Actor asker = user("asker");
    private final Actor helper = user("helper");

    OpenThreadsTest(Backend backend) {
        bandura = backend.open(CoreSettings.defaults().withCommunity(new CommunityRules(0, 0, 20, 20)));
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private void ask(long number, String thread) {
        bandura.run(asker, "/ask How do I size connection pool number " + number + "? #java");
        bandura.run(asker, new Command.LinkQuestion(number, "channel", "message-" + thread, thread));
    }

    private List<BanduraCore.OpenThread> open(Duration within) {
        return bandura.core().openThreads(TestCore.CONSOLE, within);
    }

    @Test
    @DisplayName("open threads of the window, oldest first, with their kept answers and comments; accepted, deleted and older ones are not")
    void openThreadsOfTheWindow() {
        ask(1, "t1");
        bandura.clock().advance(Duration.ofDays(10));
        ask(2, "t2");
        ask(3, "t3");
        ask(4, "t4");
        bandura.run(helper, new Command.ThreadMessage("t2", "a1", "Twice the cores, then measure the waits."));
        bandura.run(helper, new Command.ThreadMessage("t2", "c1", "thanks"));
        bandura.run(helper, new Command.ThreadMessage("t3", "a2", "Twice the cores, then measure the waits."));
        bandura.run(asker, new Command.React("a2", Reaction.ACCEPT, true));
        bandura.run(asker, new Command.DeleteMessage("message-t4"));
        bandura.clock().advance(Duration.ofDays(5));

        List<BanduraCore.OpenThread> threads = open(Duration.ofDays(14));

        assertThat(threads).extracting(BanduraCore.OpenThread::questionNumber).containsExactly(2L);
        BanduraCore.OpenThread thread = threads.get(0);
        assertThat(thread.threadKey()).isEqualTo("t2");
        assertThat(thread.messageKey()).isEqualTo("message-t2");
        assertThat(thread.lastMessageKey()).isNull();
        assertThat(thread.knownMessages()).containsExactly(
                Map.entry("a1", "Twice the cores, then measure the waits."), Map.entry("c1", "thanks"));
        assertThat(open(Duration.ofDays(20))).extracting(BanduraCore.OpenThread::questionNumber)
                .containsExactly(1L, 2L);
    }

    @Test
    @DisplayName("the cursor is stored per thread and moves on; an unknown workspace has no threads")
    void cursorPerThread() {
        ask(1, "t1");
        ask(2, "t2");
        bandura.core().caughtUp(TestCore.CONSOLE, "t1", "m5");
        bandura.core().caughtUp(TestCore.CONSOLE, "t1", "m7");

        assertThat(open(Duration.ofDays(1))).extracting(BanduraCore.OpenThread::lastMessageKey)
                .containsExactly("m7", null);
        assertThat(bandura.core().openThreads(new org.bandura.core.model.WorkspaceRef(
                org.bandura.core.model.Platform.SLACK, "T-unknown", "x"), Duration.ofDays(1))).isEmpty();
        assertThat(bandura.rows("thread_catch_up")).isEqualTo(1);
    }
}
