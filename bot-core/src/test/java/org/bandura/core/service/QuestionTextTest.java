package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.util.List;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Questions as engineers write them: code, stray control characters, letters outside the BMP. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class QuestionTextTest {

    private static final String BOLD_A = new String(Character.toChars(0x1D400));

    private final TestCore bandura;
    private final Actor bob = user("bob");

    QuestionTextTest(Backend backend) {
        bandura = backend.open();
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "My script starts with #!/bin/bash and exits at once",
            "Why is #0f0 rendered grey? #css",
            "What does #[derive(Debug)] add? #rust",
            "#include <stdio.h> is not found #c",
            "Which one wins? #java,#sql",
            "Why does `grep -c #todo` print 0?",
            "Why does this fail?\n```\n#!/usr/bin/env python\n#$$$ weird\n```",
    })
    @DisplayName("a question with code in it is posted, never refused over a '#'")
    void codeIsWelcome(String text) {
        Reply reply = bandura.run(bob, new Command.Ask(text, List.of()));

        assertThat(reply.isOk()).as(reply.text().toPlainString()).isTrue();
        assertThat(storedBody(1)).isEqualTo(text);
    }

    @Test
    @DisplayName("#java,#sql tags the question with both")
    void commaSeparatedTags() {
        bandura.run(bob, "/ask Which one wins? #java,#sql");
        assertThat(tagsOf(1)).containsExactly("java", "sql");
    }

    @Test
    @DisplayName("GIVEN text with NUL and other control characters WHEN asked and answered THEN both databases store the same clean text")
    void controlCharactersAreDropped() {
        Reply asked = bandura.run(bob, new Command.Ask("Why\u0000 does\u0007 my\r\npool\u001B leak? #java", List.of()));
        Reply answered = bandura.run(user("alice\u0000"), new Command.Answer(1, "Close\u0000 it.\r\nAlways.", null));

        assertThat(asked.isOk()).as(asked.text().toPlainString()).isTrue();
        assertThat(answered.isOk()).as(answered.text().toPlainString()).isTrue();
        assertThat(storedBody(1)).isEqualTo("Why does my\npool leak? #java");
        assertThat(texts("SELECT body FROM answer")).containsExactly("Close it.\nAlways.");
        assertThat(texts("SELECT user_id FROM member ORDER BY user_id")).containsExactly("alice", "bob");
        assertThat(bandura.run(bob, "/search pool\u0000").isError()).isFalse();
    }

    @Test
    @DisplayName("a tag of 32 letters outside the BMP (2 UTF-16 units each) is stored, in the text and as an alias")
    void longAstralTag() {
        String tag = BOLD_A.repeat(32);

        Reply reply = bandura.run(bob, "/ask What is this letter? #" + tag);

        assertThat(reply.isOk()).as(reply.text().toPlainString()).isTrue();
        assertThat(tagsOf(1)).containsExactly(tag);
        assertThat(bandura.run(bob, "/expert add " + tag).isOk()).isTrue();
        Reply alias = bandura.run(TestCore.moderator("mod"), "/alias " + BOLD_A.repeat(31) + "b " + tag);
        assertThat(alias.isOk()).as(alias.text().toPlainString()).isTrue();
    }

    @Test
    @DisplayName("a question of 8000 letters outside the BMP fits when the limit is 8000 characters")
    void longAstralText() {
        try (TestCore wide = TestCore.attach(bandura.database().settings(), new CoreSettings(8000, 3, 200, 100, 5).withCommunity(TestCore.OPEN_COMMUNITY))) {
            String text = BOLD_A.repeat(7990) + " #java";
            Reply reply = wide.run(bob, new Command.Ask(text, List.of()));
            assertThat(reply.isOk()).as(reply.text().toPlainString()).isTrue();
        }
    }

    private String storedBody(long number) {
        return bandura.database().inTransaction(sql -> sql.one("SELECT body FROM question WHERE number = ?",
                row -> row.getString(1), number).orElseThrow());
    }

    private List<String> tagsOf(long number) {
        return texts("SELECT t.name FROM question_tag qt JOIN tag t ON t.id = qt.tag_id "
                + "JOIN question q ON q.id = qt.question_id WHERE q.number = ? ORDER BY t.name", number);
    }

    private List<String> texts(String query, Object... args) {
        return bandura.database().inTransaction(sql -> sql.list(query, row -> row.getString(1), args));
    }
}
