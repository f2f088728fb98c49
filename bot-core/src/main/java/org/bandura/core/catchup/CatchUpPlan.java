package org.bandura.core.catchup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.model.Reaction;

/**
 * Catch-up after downtime, decided without any platform: given what Bandura knows of an open question's thread and
 * what the platform shows now, the commands that would have arrived live while Bandura was away. Adapters read the
 * platform and run the steps through the core with their event keys, so every business rule stays in the core and a
 * step already seen live (or by an earlier catch-up) counts once.
 */
public final class CatchUpPlan {

    /**
     * Chat message keys in the order the platform wrote them: Discord snowflakes, and Slack {@code channel:ts} (only
     * the part after the last colon is compared). Longer digit strings are later; equal lengths compare as text.
     */
    public static final Comparator<String> MESSAGE_ORDER = Comparator
            .comparing((String key) -> orderPart(key).length())
            .thenComparing(CatchUpPlan::orderPart);

    /** A reaction as the platform shows it: what it means, its platform name, and who put it there. */
    public record SeenReaction(Reaction reaction, String emoji, List<String> userIds) {
        public SeenReaction {
            userIds = List.copyOf(userIds);
        }
    }

    /** A message by a person (never the bot's own) as the platform shows it now. */
    public record SeenMessage(String messageKey, String authorId, String text, List<SeenReaction> reactions) {
        public SeenMessage {
            reactions = List.copyOf(reactions == null ? List.of() : reactions);
        }
    }

    /**
     * The platform now.
     *
     * @param question     the question's own message, for its reactions; null when gone or not read
     * @param questionGone the question's message is deleted (not merely unreadable)
     * @param replies      the thread's messages by people from the read window, any order
     * @param complete     the window covered every known answer and comment, so one missing from it was deleted
     */
    public record Snapshot(SeenMessage question, boolean questionGone, List<SeenMessage> replies, boolean complete) {
        public Snapshot {
            replies = replies.stream().sorted(Comparator.comparing(SeenMessage::messageKey, MESSAGE_ORDER)).toList();
        }
    }

    /** The event keys the adapter uses live, so that catch-up and live delivery claim the same key. */
    public interface Keys {
        String message(String messageKey);

        String delete(String messageKey);

        String reaction(String messageKey, String userId, String emoji);
    }

    /**
     * One command to run. {@code actorId} is the platform user it runs as; null means the platform itself (a
     * deletion, which the platform does not attribute).
     */
    public record Step(String actorId, Command command, String eventKey) {
    }

    /** The steps in order, and the newest message read (the thread's next cursor; null when nothing was read). */
    public record Plan(List<Step> steps, String lastMessageKey) {
    }

    private CatchUpPlan() {
    }

    /**
     * Deletions first (an answer gone takes its reputation with it), then new messages and edits in the order they
     * were written, then reactions, so a vote lands on the answer recorded just before it. A message older than the
     * cursor that Bandura does not keep was processed already (a follow-up, a bot post) and is left alone.
     */
    public static Plan plan(BanduraCore.OpenThread thread, Snapshot now, Keys keys) {
        List<Step> steps = new ArrayList<>();
        if (now.questionGone()) {
            steps.add(new Step(null, new Command.DeleteMessage(thread.messageKey()), keys.delete(thread.messageKey())));
            return new Plan(steps, cursor(thread.lastMessageKey(), now.replies()));
        }
        Map<String, String> known = thread.knownMessages();
        Set<String> seen = now.replies().stream().map(SeenMessage::messageKey).collect(Collectors.toSet());
        if (now.complete()) {
            for (String key : known.keySet()) {
                if (!seen.contains(key)) {
                    steps.add(new Step(null, new Command.DeleteMessage(key), keys.delete(key)));
                }
            }
        }
        String cursor = thread.lastMessageKey();
        for (SeenMessage message : now.replies()) {
            String key = message.messageKey();
            if (key.equals(thread.messageKey())) {
                continue;
            }
            if (known.containsKey(key)) {
                if (!sameText(known.get(key), message.text())) {
                    steps.add(new Step(message.authorId(), new Command.EditMessage(key, message.text()), null));
                }
            } else if (cursor == null || MESSAGE_ORDER.compare(key, cursor) > 0) {
                steps.add(new Step(message.authorId(),
                        new Command.ThreadMessage(thread.threadKey(), key, message.text()), keys.message(key)));
            }
        }
        List<SeenMessage> reacted = new ArrayList<>();
        if (now.question() != null) {
            reacted.add(now.question());
        }
        now.replies().stream().filter(message -> !message.messageKey().equals(thread.messageKey()))
                .forEach(reacted::add);
        for (SeenMessage message : reacted) {
            for (SeenReaction reaction : message.reactions()) {
                for (String user : reaction.userIds()) {
                    steps.add(new Step(user, new Command.React(message.messageKey(), reaction.reaction(), true),
                            keys.reaction(message.messageKey(), user, reaction.emoji())));
                }
            }
        }
        return new Plan(steps, cursor(cursor, now.replies()));
    }

    /** Stored text and platform text are the same message when they differ only in line ends and outer blanks. */
    static boolean sameText(String stored, String shown) {
        return normalize(stored).equals(normalize(shown));
    }

    private static String normalize(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    private static String cursor(String current, List<SeenMessage> replies) {
        String newest = current;
        for (SeenMessage message : replies) {
            if (newest == null || MESSAGE_ORDER.compare(message.messageKey(), newest) > 0) {
                newest = message.messageKey();
            }
        }
        return newest;
    }

    private static String orderPart(String key) {
        int colon = key.lastIndexOf(':');
        return colon < 0 ? key : key.substring(colon + 1);
    }
}
