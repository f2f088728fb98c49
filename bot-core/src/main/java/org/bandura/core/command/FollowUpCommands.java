package org.bandura.core.command;

import java.util.Locale;

/** The shapes of {@code /expert hours|away|back|limit}; the core checks what the words mean. */
final class FollowUpCommands {

    static final int MAX_WEEKLY_LIMIT = 1000;

    private FollowUpCommands() {
    }

    static CommandLineParser.Result expert(String action, String rest) {
        String args = rest.strip();
        return switch (action) {
            case "hours" -> args.isEmpty()
                    ? new CommandLineParser.Invalid("Usage: /expert hours <from>-<to> [days] [time zone], for example: "
                            + "/expert hours 09:00-17:30 mon-fri Europe/Berlin (or /expert hours off)")
                    : new CommandLineParser.Parsed(new Command.ExpertHours(args));
            case "away" -> away(args);
            case "back" -> new CommandLineParser.Parsed(new Command.ExpertBack());
            case "limit" -> limit(args);
            default -> throw new IllegalArgumentException(action);
        };
    }

    private static CommandLineParser.Result away(String args) {
        if (args.isEmpty()) {
            return new CommandLineParser.Parsed(new Command.ExpertAway(null));
        }
        String lower = args.toLowerCase(Locale.ROOT);
        if (lower.matches("until\\s+\\S+") || lower.matches("\\d{1,3}d")) {
            return new CommandLineParser.Parsed(new Command.ExpertAway(lower.replaceFirst("^until\\s+", "")));
        }
        return new CommandLineParser.Invalid("Usage: /expert away [until <YYYY-MM-DD>|<n>d], for example: "
                + "/expert away until 2026-12-27 or /expert away 3d");
    }

    private static CommandLineParser.Result limit(String args) {
        String value = args.toLowerCase(Locale.ROOT);
        if (value.equals("none") || value.equals("off")) {
            return new CommandLineParser.Parsed(new Command.ExpertLimit(null));
        }
        if (value.matches("\\d{1,4}") && Integer.parseInt(value) <= MAX_WEEKLY_LIMIT) {
            return new CommandLineParser.Parsed(new Command.ExpertLimit(Integer.parseInt(value)));
        }
        return new CommandLineParser.Invalid("Usage: /expert limit <mentions per week, 0-" + MAX_WEEKLY_LIMIT
                + "> or /expert limit none, for example: /expert limit 5");
    }
}
