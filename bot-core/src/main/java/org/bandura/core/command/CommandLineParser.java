package org.bandura.core.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bandura.core.model.Period;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.VoteDirection;
import org.bandura.core.text.VisibleText;

/**
 * Turns typed text ({@code /answer Q1 use a pool}) into a {@link Command}. The console uses it for whole lines and
 * the Slack adapter for a slash command's name plus its text. Checks the shape only; the service checks meaning.
 */
public final class CommandLineParser {

    /** Either a command or a polite message saying what was wrong and how to type it. */
    public sealed interface Result {
    }

    public record Parsed(Command command) implements Result {
    }

    public record Invalid(String message) implements Result {
    }

    private CommandLineParser() {
    }

    /** Parses a whole line such as {@code /ask How do I …}. */
    public static Result parseLine(String line) {
        String trimmed = line == null ? "" : line.strip();
        if (!trimmed.startsWith("/") || trimmed.length() == 1) {
            return new Invalid("Commands start with a slash, like /ask or /help. Type /help for the list.");
        }
        int space = indexOfWhitespace(trimmed);
        String name = space < 0 ? trimmed.substring(1) : trimmed.substring(1, space);
        String arguments = space < 0 ? "" : trimmed.substring(space + 1);
        return parse(name, arguments);
    }

    /** Parses a command name (without slash) and the text after it. */
    public static Result parse(String name, String arguments) {
        String command = name.toLowerCase(Locale.ROOT);
        String args = arguments == null ? "" : arguments.strip();
        return switch (command) {
            case "ask" -> new Parsed(new Command.Ask(args, List.of()));
            case "answer" -> answer(args);
            case "upvote" -> vote(args, VoteDirection.UP);
            case "downvote" -> vote(args, VoteDirection.DOWN);
            case "unvote" -> withPost(args, "unvote", post -> new Command.Unvote(post));
            case "accept" -> withNumbered(args, "accept", PostRef.Kind.ANSWER, Command.Accept::new);
            case "unaccept" -> withNumbered(args, "unaccept", PostRef.Kind.ANSWER, Command.Unaccept::new);
            case "notyet" -> withNumbered(args, "notyet", PostRef.Kind.ANSWER, Command.NotYet::new);
            case "expert" -> expert(args);
            case "claim" -> withNumbered(args, "claim", PostRef.Kind.QUESTION, Command.Claim::new);
            case "unclaim" -> withNumbered(args, "unclaim", PostRef.Kind.QUESTION, Command.Unclaim::new);
            case "why" -> withNumbered(args, "why", PostRef.Kind.QUESTION, Command.Why::new);
            case "tags" -> new Parsed(new Command.ListTags());
            case "alias" -> alias(args);
            case "tag" -> tag(args);
            case "top" -> top(args);
            case "profile" -> new Parsed(new Command.Profile(args.isEmpty() ? null : args));
            case "search" -> args.isEmpty()
                    ? new Invalid("Tell me what to look for, for example: /search connection pool size")
                    : new Parsed(new Command.Search(args));
            case "unanswered" -> new Parsed(new Command.Unanswered(args.isEmpty() ? null : firstWord(args)));
            case "home" -> new Parsed(new Command.Home());
            case "help" -> new Parsed(new Command.Help());
            case "privacy" -> privacy(args);
            case "web" -> web(args);
            case "digest" -> digest(args);
            default -> new Invalid("I don't know the command /" + VisibleText.quote(name) + ". Type /help for the list.");
        };
    }

    /** Splits a tag list typed as {@code java, #sql kotlin}. */
    public static List<String> splitTags(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("[\\s,]+")).filter(part -> !part.isEmpty()).toList();
    }

    private static Result web(String args) {
        if (args.isEmpty()) {
            return new Parsed(new Command.Web(false));
        }
        if (args.equalsIgnoreCase("logout")) {
            return new Parsed(new Command.Web(true));
        }
        return new Invalid("Use /web for a sign-in link, or /web logout to sign out everywhere.");
    }

    private static Result answer(String args) {
        String usage = "Usage: /answer Q<n> <your answer>, for example: /answer Q3 Restart the pool.";
        if (args.isEmpty()) {
            return new Invalid(usage);
        }
        int space = indexOfWhitespace(args);
        String id = space < 0 ? args : args.substring(0, space);
        Optional<PostRef> post = PostRef.parse(id);
        if (post.isEmpty() || !post.get().isQuestion()) {
            return new Invalid("'" + VisibleText.quote(id) + "' is not a question id. " + usage);
        }
        String text = space < 0 ? "" : args.substring(space + 1).strip();
        return new Parsed(new Command.Answer(post.get().number(), text, null));
    }

    private static Result vote(String args, VoteDirection direction) {
        String name = direction == VoteDirection.UP ? "upvote" : "downvote";
        return withPost(args, name, post -> new Command.Vote(post, direction));
    }

    private static Result withPost(String args, String name, java.util.function.Function<PostRef, Command> make) {
        String usage = "Usage: /" + name + " <Q<n> or A<n>>, for example: /" + name + " A2";
        if (args.isEmpty()) {
            return new Invalid(usage);
        }
        String id = firstWord(args);
        return PostRef.parse(id)
                .<Result>map(post -> new Parsed(make.apply(post)))
                .orElseGet(() -> new Invalid("'" + VisibleText.quote(id) + "' is not a question or answer id. " + usage));
    }

    /** Commands taking one id of one kind: {@code /accept A2}, {@code /claim Q3}. */
    private static Result withNumbered(String args, String name, PostRef.Kind kind,
                                       java.util.function.LongFunction<Command> make) {
        boolean question = kind == PostRef.Kind.QUESTION;
        String example = question ? "Q3" : "A2";
        String usage = "Usage: /" + name + (question ? " Q<n>" : " A<n>") + ", for example: /" + name + " " + example;
        if (args.isEmpty()) {
            return new Invalid(usage);
        }
        String id = firstWord(args);
        Optional<PostRef> post = PostRef.parse(id);
        if (post.isEmpty() || post.get().isQuestion() != question) {
            return new Invalid("'" + VisibleText.quote(id) + "' is not " + (question ? "a question" : "an answer") + " id. " + usage);
        }
        return new Parsed(make.apply(post.get().number()));
    }

    private static Result digest(String args) {
        return switch (args.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "" -> new Parsed(new Command.Digest());
            case "off" -> new Parsed(new Command.DigestSetting(false));
            case "on" -> new Parsed(new Command.DigestSetting(true));
            default -> new Invalid("Usage: /digest shows this week's digest; /digest off leaves you out of its top "
                    + "helpers, /digest on puts you back.");
        };
    }

    private static Result privacy(String args) {
        String normalized = String.join(" ", splitTags(args.toLowerCase(Locale.ROOT)));
        return switch (normalized) {
            case "" -> new Parsed(new Command.Privacy(null));
            case "announcements off" -> new Parsed(new Command.Privacy(Command.PrivacyChange.ANNOUNCEMENTS_OFF));
            case "announcements on" -> new Parsed(new Command.Privacy(Command.PrivacyChange.ANNOUNCEMENTS_ON));
            case "hide" -> new Parsed(new Command.Privacy(Command.PrivacyChange.WEB_HIDE));
            case "show" -> new Parsed(new Command.Privacy(Command.PrivacyChange.WEB_SHOW));
            case "reminders off" -> new Parsed(new Command.RemindersSetting(false));
            case "reminders on" -> new Parsed(new Command.RemindersSetting(true));
            default -> new Invalid("Usage: /privacy to see your settings, /privacy announcements off|on, "
                    + "/privacy reminders off|on, or /privacy hide|show.");
        };
    }

    private static Result expert(String args) {
        String usage = "Usage: /expert add|remove <tags…>, /expert list [tag], /expert hours <from>-<to> [days] [zone], "
                + "/expert away [until <date>|<n>d], /expert back or /expert limit <n>|none";
        if (args.isEmpty()) {
            return new Invalid(usage);
        }
        int space = indexOfWhitespace(args);
        String action = (space < 0 ? args : args.substring(0, space)).toLowerCase(Locale.ROOT);
        List<String> tags = splitTags(space < 0 ? "" : args.substring(space + 1));
        return switch (action) {
            case "add" -> tags.isEmpty()
                    ? new Invalid("Name at least one tag, for example: /expert add java sql")
                    : new Parsed(new Command.ExpertAdd(tags));
            case "remove" -> tags.isEmpty()
                    ? new Invalid("Name at least one tag, for example: /expert remove java")
                    : new Parsed(new Command.ExpertRemove(tags));
            case "list" -> new Parsed(new Command.ExpertList(tags.isEmpty() ? null : tags.get(0)));
            case "hours", "away", "back", "limit" -> FollowUpCommands.expert(action, space < 0 ? "" : args.substring(space + 1));
            default -> new Invalid("I don't know '/expert " + VisibleText.quote(action) + "'. " + usage);
        };
    }

    private static Result alias(String args) {
        List<String> words = splitTags(args);
        if (words.size() != 2) {
            return new Invalid("Usage: /alias <alias> <tag>, for example: /alias js javascript");
        }
        return new Parsed(new Command.TagAlias(words.get(0), words.get(1)));
    }

    private static Result tag(String args) {
        List<String> words = splitTags(args);
        String action = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
        if (action.equals("remove") && words.size() == 2) {
            return new Parsed(new Command.TagRemove(words.get(1)));
        }
        if (action.equals("merge") && words.size() == 3) {
            return new Parsed(new Command.TagMerge(words.get(1), words.get(2)));
        }
        return new Invalid("Usage: /tag remove <tag> or /tag merge <from> <into>, for example: /tag merge js javascript");
    }

    private static Result top(String args) {
        String tag = null;
        Period period = Period.ALL;
        List<String> words = new ArrayList<>(splitTags(args));
        for (String word : words) {
            Optional<Period> parsed = Period.parse(word);
            if (parsed.isPresent()) {
                period = parsed.get();
            } else if (tag == null) {
                tag = word;
            } else {
                return new Invalid("Usage: /top [tag] [week|month|all], for example: /top java week");
            }
        }
        return new Parsed(new Command.Top(tag, period));
    }

    private static String firstWord(String text) {
        int space = indexOfWhitespace(text);
        return space < 0 ? text : text.substring(0, space);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
