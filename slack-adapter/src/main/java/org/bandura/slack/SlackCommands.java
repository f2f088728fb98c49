package org.bandura.slack;

import java.util.List;
import org.bandura.core.command.CommandCatalog;
import org.bandura.core.model.Platform;

/** Every slash command, shortcut and modal the Slack app registers; {@code config/slack-manifest.yml} matches it. */
final class SlackCommands {

    /**
     * Slash command names without the slash: every command of the core's catalog, so {@code /help} tells the truth.
     * Slash commands don't work inside threads; the message shortcuts below cover that.
     */
    static final List<String> SLASH_COMMANDS =
            CommandCatalog.on(Platform.SLACK).stream().map(CommandCatalog.Entry::name).toList();

    /** Message shortcut: post any message (even one inside a thread) as a new question. */
    static final String ASK_SHORTCUT = "bandura_ask_as_question";

    /** Message shortcut: record a message as the answer to a question. */
    static final String ANSWER_SHORTCUT = "bandura_answer_with_message";

    private SlackCommands() {
    }
}
