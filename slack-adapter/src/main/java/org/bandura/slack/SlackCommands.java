package org.bandura.slack;

import java.util.List;

/** Every slash command, shortcut and modal the Slack app registers; {@code config/slack-manifest.yml} matches it. */
final class SlackCommands {

    /** Slash command names without the slash; each maps to the core's command of the same name. */
    static final List<String> SLASH_COMMANDS =
            List.of("ask", "expert", "tags", "top", "profile", "search", "unanswered", "help");

    /** Message shortcut: post any message (even one inside a thread) as a new question. */
    static final String ASK_SHORTCUT = "bandura_ask_as_question";

    /** Message shortcut: record a message as the answer to a question. */
    static final String ANSWER_SHORTCUT = "bandura_answer_with_message";

    private SlackCommands() {
    }
}
