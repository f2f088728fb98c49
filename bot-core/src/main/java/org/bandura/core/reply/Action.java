package org.bandura.core.reply;

import java.util.List;
import java.util.Optional;

/**
 * A button a front door shows under a message ("I'm on it", "Accept", "Not yet"). Pressing it runs
 * {@link #commandLine} through the core as the member who pressed it, exactly as if they had typed it, so the core
 * checks who may do what. Adapters put {@link #id()} into the platform's button id and read it back with
 * {@link #commandLineOf}.
 *
 * @param label       the button's text
 * @param commandLine the command it runs, for example {@code /claim Q12}
 * @param primary     whether it is the highlighted choice
 */
public record Action(String label, String commandLine, boolean primary) {

    /** Prefix of every button id Bandura sets, so adapters know the press is one of these. */
    public static final String ID_PREFIX = "bandura:";

    public static Action claim(long questionNumber) {
        return new Action("I'm on it", "/claim Q" + questionNumber, true);
    }

    public static Action accept(long answerNumber) {
        return new Action("Accept", "/accept A" + answerNumber, true);
    }

    public static Action notYet(long answerNumber) {
        return new Action("Not yet", "/notyet A" + answerNumber, false);
    }

    /** The buttons of a private "did it solve it?" prompt. */
    public static List<Action> acceptChoices(long answerNumber) {
        return List.of(accept(answerNumber), notYet(answerNumber));
    }

    /** The platform button id (at most 40 characters: fits Discord's 100 and Slack's 255). */
    public String id() {
        return ID_PREFIX + commandLine;
    }

    /**
     * The button id for places where the press carries no workspace (a Discord direct message): the workspace
     * travels in the id, for example {@code bandura:123456789012345678:/accept A7} (at most 70 characters).
     */
    public String idIn(String workspaceExternalId) {
        return ID_PREFIX + workspaceExternalId + ":" + commandLine;
    }

    /** A pressed Bandura button: the command to run and, for {@link #idIn} ids, the workspace it belongs to. */
    public record Pressed(Optional<String> workspaceExternalId, String commandLine) {
    }

    /** What a pressed button id stands for, if it is one of Bandura's. */
    public static Optional<Pressed> pressed(String buttonId) {
        if (buttonId == null || !buttonId.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        String rest = buttonId.substring(ID_PREFIX.length());
        if (rest.startsWith("/")) {
            return Optional.of(new Pressed(Optional.empty(), rest));
        }
        int colon = rest.indexOf(":/");
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Pressed(Optional.of(rest.substring(0, colon)), rest.substring(colon + 1)));
    }

    /** The command a pressed button id stands for, if it is one of Bandura's. */
    public static Optional<String> commandLineOf(String buttonId) {
        return pressed(buttonId).map(Pressed::commandLine);
    }

    /** Stored form, one action per line: {@code label|primary|command}. */
    public static String encode(List<Action> actions) {
        StringBuilder out = new StringBuilder();
        for (Action action : actions) {
            out.append(action.label()).append('|').append(action.primary() ? 'P' : 'S').append('|')
                    .append(action.commandLine()).append('\n');
        }
        return out.toString();
    }

    public static List<Action> decode(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return stored.lines().filter(line -> !line.isBlank()).map(line -> {
            String[] parts = line.split("\\|", 3);
            return new Action(parts[0], parts[2], parts[1].equals("P"));
        }).toList();
    }
}
