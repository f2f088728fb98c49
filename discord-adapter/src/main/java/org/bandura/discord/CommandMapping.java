package org.bandura.discord;

import java.util.Map;
import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.command.CommandLineParser.Invalid;
import org.bandura.core.command.CommandLineParser.Parsed;
import org.bandura.core.command.CommandLineParser.Result;
import org.bandura.core.model.Period;
import org.bandura.core.model.Reaction;

/**
 * Discord input to core commands, with no JDA types: slash command options arrive as strings, reactions as the
 * emoji's text. Checks the shape only; the core checks meaning.
 */
public final class CommandMapping {

    /** Beside a user option's id, the adapter passes the member's display name under this suffix. */
    public static final String DISPLAY_NAME_SUFFIX = ".name";

    private final DiscordSettings settings;

    public CommandMapping(DiscordSettings settings) {
        this.settings = settings;
    }

    /**
     * @param name       the slash command name
     * @param subcommand the subcommand name, or null
     * @param options    option name to value (a user option's value is the user id)
     */
    public Result slash(String name, String subcommand, Map<String, String> options) {
        return switch (name) {
            case SlashCommands.ASK -> new Parsed(new Command.Ask(option(options, "question"),
                    CommandLineParser.splitTags(option(options, "tags"))));
            case SlashCommands.EXPERT -> expert(subcommand, options);
            case SlashCommands.TAGS -> new Parsed(new Command.ListTags());
            case SlashCommands.TOP -> top(options);
            case SlashCommands.PROFILE -> new Parsed(new Command.Profile(blankToNull(options.get("user")),
                    blankToNull(options.get("user" + DISPLAY_NAME_SUFFIX))));
            case SlashCommands.TAG -> CommandLineParser.parse("tag", (subcommand == null ? "" : subcommand) + " "
                    + option(options, "tag") + " " + option(options, "into"));
            case SlashCommands.SEARCH -> CommandLineParser.parse("search", option(options, "query"));
            case SlashCommands.UNANSWERED -> new Parsed(new Command.Unanswered(blankToNull(options.get("tag"))));
            case SlashCommands.HELP -> new Parsed(new Command.Help());
            case SlashCommands.ACCEPT, SlashCommands.UNACCEPT ->
                    CommandLineParser.parse(name, option(options, SlashCommands.ANSWER_OPTION));
            case SlashCommands.UPVOTE, SlashCommands.DOWNVOTE, SlashCommands.UNVOTE ->
                    CommandLineParser.parse(name, option(options, SlashCommands.POST_OPTION));
            case SlashCommands.ALIAS -> CommandLineParser.parse(name, option(options, "alias") + " "
                    + option(options, "tag"));
            case SlashCommands.PRIVACY -> CommandLineParser.parse(name, option(options, "setting"));
            case SlashCommands.CLAIM, SlashCommands.UNCLAIM, SlashCommands.WHY ->
                    CommandLineParser.parse(name, option(options, SlashCommands.QUESTION_OPTION));
            case SlashCommands.WEB -> CommandLineParser.parse("web", option(options, "action"));
            case SlashCommands.DIGEST -> CommandLineParser.parse("digest", option(options, "setting"));
            default -> new Invalid("I don't know the command /" + name + ". Type /help for the list.");
        };
    }

    /** What a reaction means, if anything; {@code emoji} is the unicode text or {@code <:name:id>} for custom ones. */
    public Optional<Reaction> reaction(String emoji) {
        if (emoji == null) {
            return Optional.empty();
        }
        if (sameEmoji(emoji, settings.upvoteEmoji())) {
            return Optional.of(Reaction.UPVOTE);
        }
        if (sameEmoji(emoji, settings.downvoteEmoji())) {
            return Optional.of(Reaction.DOWNVOTE);
        }
        if (sameEmoji(emoji, settings.acceptEmoji())) {
            return Optional.of(Reaction.ACCEPT);
        }
        return Optional.empty();
    }

    /**
     * Redelivered reactions must count once: the key names message, user, emoji, way and the gateway sequence
     * number. A resume replays an event with its sequence number, so the replay repeats the key; a person who takes
     * a vote back and gives it again makes a new event with a new number, so the vote counts again.
     */
    public static String reactionKey(String messageId, String userId, String emoji, boolean added, long sequence) {
        return messageId + ":" + userId + ":" + emoji + (added ? ":add:" : ":remove:") + sequence;
    }

    /** A thread message creates at most one answer, whatever the gateway redelivers. */
    public static String messageKey(String messageId) {
        return "message:" + messageId;
    }

    public static String deleteKey(String messageId) {
        return "delete:" + messageId;
    }

    /** Interactions are keyed on their id, which Discord never reuses. */
    public static String interactionKey(String interactionId) {
        return interactionId;
    }

    private static Result expert(String subcommand, Map<String, String> options) {
        String usage = "Use /expert add, remove, list, hours, away, back or limit.";
        if (subcommand == null) {
            return new Invalid(usage);
        }
        return switch (subcommand) {
            case "add", "remove" -> {
                var tags = CommandLineParser.splitTags(option(options, "tags"));
                if (tags.isEmpty()) {
                    yield new Invalid("Name at least one tag, for example: /expert " + subcommand + " java sql");
                }
                yield new Parsed(subcommand.equals("add") ? new Command.ExpertAdd(tags) : new Command.ExpertRemove(tags));
            }
            case "list" -> new Parsed(new Command.ExpertList(blankToNull(options.get("tag"))));
            case "hours" -> CommandLineParser.parse("expert", "hours " + option(options, "when"));
            case "away" -> CommandLineParser.parse("expert", "away " + option(options, "until"));
            case "back" -> CommandLineParser.parse("expert", "back");
            case "limit" -> CommandLineParser.parse("expert", "limit " + option(options, "mentions"));
            default -> new Invalid(usage);
        };
    }

    private static Result top(Map<String, String> options) {
        String periodText = blankToNull(options.get("period"));
        Optional<Period> period = periodText == null ? Optional.of(Period.ALL) : Period.parse(periodText);
        if (period.isEmpty()) {
            return new Invalid("The period is week, month or all, for example: /top period:week");
        }
        return new Parsed(new Command.Top(blankToNull(options.get("tag")), period.get()));
    }

    private static boolean sameEmoji(String a, String b) {
        return strip(a).equals(strip(b));
    }

    /** Drops variation selectors so that ✅ and ✅︎ count as the same emoji. */
    private static String strip(String emoji) {
        return emoji.replace("\uFE0F", "").replace("\uFE0E", "").strip();
    }

    private static String option(Map<String, String> options, String name) {
        String value = options.get(name);
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
