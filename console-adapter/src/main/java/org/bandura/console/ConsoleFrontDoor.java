package org.bandura.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bandura.core.BanduraCore;
import org.bandura.core.Outbox;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.reply.Outgoing;
import org.bandura.core.reply.Reply;

/**
 * Bandura in a terminal, like Hubot's shell: one command per line on standard input, replies on standard output.
 * Works the same on a pipe, so a scripted session can be fed in; it returns at end of input.
 */
public final class ConsoleFrontDoor {

    public static final WorkspaceRef WORKSPACE = new WorkspaceRef(Platform.CONSOLE, "console", "Console");
    private static final String NAME_RULE = "[\\p{L}\\p{N}._-]{1,32}";

    private final BanduraCore core;
    private final Set<String> moderators;
    private final Optional<Outbox> outbox;
    private String actingUser;

    public ConsoleFrontDoor(BanduraCore core, List<String> moderators, String initialUser) {
        this(core, moderators, initialUser, null);
    }

    /**
     * @param moderators who moderates; when none are named, the person who started the console does, so a fresh
     *                   local bot can create its first tags
     * @param outbox     where background jobs leave escalations and reminders; printed after each command
     */
    public ConsoleFrontDoor(BanduraCore core, List<String> moderators, String initialUser, Outbox outbox) {
        this.core = core;
        this.outbox = Optional.ofNullable(outbox);
        this.actingUser = initialUser.matches(NAME_RULE) ? initialUser : "me";
        this.moderators = (moderators.isEmpty() ? List.of(actingUser) : moderators).stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Reads commands until end of input. */
    public void run(BufferedReader in, PrintStream out) throws IOException {
        out.println("Bandura console. You are " + actingUser + (isModerator(actingUser) ? " (moderator)" : "")
                + ". Type /help for commands, /as <name> to switch user.");
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals("/quit") || trimmed.equals("/exit")) {
                break;
            }
            String reply = handle(trimmed);
            if (!reply.isEmpty()) {
                out.println(reply);
            }
            // The console posts its questions at once (no Command.PostTo), so only job messages reach it; printing
            // can't fail, so each is delivered.
            outbox.ifPresent(messages -> messages.deliver(Platform.CONSOLE,
                    Outbox.Sender.ofMessages(message -> out.println(render(message)))));
            out.flush();
        }
    }

    /** One line in, the text to print out (empty when there is nothing to say). */
    String handle(String line) {
        if (line.equals("/as") || line.startsWith("/as ")) {
            return switchUser(line.substring(3).strip());
        }
        CommandLineParser.Result parsed = CommandLineParser.parseLine(line);
        if (parsed instanceof CommandLineParser.Invalid invalid) {
            return invalid.message();
        }
        Reply reply = core.handle(actor(), ((CommandLineParser.Parsed) parsed).command());
        return reply.isIgnored() ? "" : reply.text().toPlainString();
    }

    /** One line per message, saying where it would have been posted; mentions print as @name like replies. */
    static String render(Outgoing message) {
        String place = switch (message.audience()) {
            case THREAD -> "[thread of Q" + message.questionNumber() + "] ";
            case FALLBACK -> "[fallback channel] ";
            case MODERATORS -> "[to moderators] ";
            case PRIVATE -> "[private to " + message.recipientUserId() + "] ";
            case DIGEST -> "[digest] ";
        };
        return place + message.render(userId -> "@" + userId);
    }

    private String switchUser(String name) {
        if (!name.matches(NAME_RULE)) {
            return "Usage: /as <name>, where the name has up to 32 letters, digits, dots, dashes or underscores.";
        }
        actingUser = name;
        return "You are now " + name + (isModerator(name) ? " (moderator)." : ".");
    }

    private boolean isModerator(String name) {
        return moderators.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Names that differ only in case are one member, as in every name lookup; the name shows as typed. */
    private Actor actor() {
        return new Actor(WORKSPACE, actingUser.toLowerCase(Locale.ROOT), actingUser, isModerator(actingUser));
    }
}
