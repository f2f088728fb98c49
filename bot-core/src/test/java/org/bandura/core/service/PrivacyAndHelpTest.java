package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.CommandCatalog;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** /privacy settings, /help per platform and the posts a thread offers for autocomplete. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class PrivacyAndHelpTest {

    private static final WorkspaceRef GUILD = new WorkspaceRef(Platform.DISCORD, "g1", "Guild");

    private final TestCore bandura;
    private final Actor alice = user("alice");

    PrivacyAndHelpTest(Backend backend) {
        bandura = backend.open(TestCore.settings());
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private boolean column(String column, String userId) {
        return bandura.database().inTransaction(sql -> sql.one("SELECT " + column + " FROM member WHERE user_id = ?",
                row -> row.getBoolean(1), userId).orElseThrow());
    }

    @Test
    @DisplayName("/privacy alone shows the defaults: announcements on, name shown")
    void showsDefaults() {
        Reply reply = bandura.run(alice, "/privacy");

        assertThat(reply.isOk()).isTrue();
        assertThat(reply.text().toPlainString()).contains("announcements on", "name shown", "/privacy hide|show")
                .doesNotContain("\n");
    }

    @Test
    @DisplayName("/privacy announcements, reminders and hide|show set the member's columns and say so")
    void changesSettings() {
        assertThat(bandura.run(alice, "/privacy announcements off").text().toPlainString())
                .startsWith("Saved.").contains("announcements off");
        assertThat(column("announcements", "alice")).isFalse();
        bandura.run(alice, "/privacy hide");
        assertThat(column("web_hidden", "alice")).isTrue();
        assertThat(bandura.run(alice, "/privacy").text().toPlainString()).contains("announcements off", "name hidden",
                "reminders on");
        bandura.run(alice, "/privacy reminders off");
        assertThat(column("reminders", "alice")).isFalse();
        assertThat(bandura.run(alice, "/privacy").text().toPlainString()).contains("reminders off");

        bandura.run(alice, "/privacy   Announcements   ON");
        bandura.run(alice, "/privacy show");
        assertThat(column("announcements", "alice")).isTrue();
        assertThat(column("web_hidden", "alice")).isFalse();
    }

    @Test
    @DisplayName("an unknown /privacy setting is refused with the usage and changes nothing")
    void unknownSetting() {
        Reply reply = bandura.run(alice, "/privacy announcements maybe");

        assertThat(reply.isError()).isTrue();
        assertThat(reply.text().toPlainString()).contains("/privacy announcements off|on");
        assertThat(bandura.rows("member")).isZero();
    }

    @Test
    @DisplayName("/help lists what the caller's platform has: no /answer on Discord, /privacy everywhere")
    void helpPerPlatform() {
        String onDiscord = bandura.run(new Actor(GUILD, "1", "ann", false), "/help").text().toPlainString();
        String onConsole = bandura.run(alice, "/help").text().toPlainString();

        assertThat(onDiscord).contains("/accept", "/upvote", "/alias", "/privacy").doesNotContain("/answer");
        assertThat(onConsole).contains("/answer", "/privacy");
        for (CommandCatalog.Entry entry : CommandCatalog.on(Platform.DISCORD)) {
            assertThat(onDiscord).contains(entry.usage());
        }
    }

    @Test
    @DisplayName("a question's thread offers its question and answers to pick, labelled with author and start")
    void postsInThread() {
        bandura.run(alice, "/ask How do I size a pool? #java");
        bandura.core().handle(alice, new Command.LinkQuestion(1, "c1", "m1", "t1"));
        bandura.run(user("bob"), "/answer Q1 Start with cores * 2.");

        List<BanduraCore.PostChoice> choices = bandura.service().postsInThread(TestCore.CONSOLE, "t1", 25);

        assertThat(choices).containsExactly(new BanduraCore.PostChoice("Q1", "Q1: How do I size a pool? #java"),
                new BanduraCore.PostChoice("A1", "A1 by bob: Start with cores * 2."));
        assertThat(bandura.service().postsInThread(TestCore.CONSOLE, "elsewhere", 25)).isEmpty();
    }
}
