package org.bandura.core.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bandura.core.model.Period;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.VoteDirection;

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
            case "accept" -> withAnswer(args, "accept", number -> new Command.Accept(number));
            case "unaccept" -> withAnswer(args, "unaccept", number -> new Command.Unaccept(number));
            case "expert" -> expert(args);
            case "tags" -> new Parsed(new Command.ListTags());
            case "alias" -> alias(args);
            case "top" -> top(args);
            case "profile" -> new Parsed(new Command.Profile(args.isEmpty() ? null : args));
            case "search" -> args.isEmpty()
                    ? new Invalid("Tell me what to look for, for example: /search connection pool size")
                    : new Parsed(new Command.Search(args));
            case "unanswered" -> new Parsed(new Command.Unanswered(args.isEmpty() ? null : firstWord(args)));
            case "home" -> new Parsed(new Command.Home());
            case "help" -> new Parsed(new Command.Help());
            case "web" -> web(args);
            default -> new Invalid("I don't know the command /" + name + ". Type /help for the list.");
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
            return new Invalid("'" + id + "' is not a question id. " + usage);
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
                .orElseGet(() -> new Invalid("'" + id + "' is not a question or answer id. " + usage));
    }

    private static Result withAnswer(String args, String name, java.util.function.LongFunction<Command> make) {
        String usage = "Usage: /" + name + " A<n>, for example: /" + name + " A2";
        if (args.isEmpty()) {
            return new Invalid(usage);
        }
        String id = firstWord(args);
        Optional<PostRef> post = PostRef.parse(id);
        if (post.isEmpty() || post.get().isQuestion()) {
            return new Invalid("'" + id + "' is not an answer id. " + usage);
        }
        return new Parsed(make.apply(post.get().number()));
    }

    private static Result expert(String args) {
        String usage = "Usage: /expert add <tags…>, /expert remove <tags…> or /expert list [tag]";
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
            default -> new Invalid("I don't know '/expert " + action + "'. " + usage);
        };
    }

    private static Result alias(String args) {
        List<String> words = splitTags(args);
        if (words.size() != 2) {
            return new Invalid("Usage: /alias <alias> <tag>, for example: /alias js javascript");
        }
        return new Parsed(new Command.TagAlias(words.get(0), words.get(1)));
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
