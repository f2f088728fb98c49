package org.bandura.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.reply.Reply;

/**
 * The one door into Bandura's core. Adapters translate platform events into {@link Command}s, call
 * {@link #handle}, and render the {@link Reply}. Every call runs in one database transaction: it either happens
 * whole or not at all, and a reply never carries a stack trace.
 */
public interface BanduraCore {

    /** Runs a command for the actor. */
    Reply handle(Actor actor, Command command);

    /**
     * Runs a command at most once per {@code eventKey} in the actor's workspace, across processes: a redelivered
     * platform event (Slack retry, Discord resume) gets {@link Reply.Status#IGNORED}.
     *
     * @param eventKey Slack event id or envelope id, Discord interaction id, or message id + user + emoji
     */
    Reply handle(Actor actor, Command command, String eventKey);

    /**
     * Writes an outbox row for the adapter to perform later through {@link #deliver}: an operation the core does not
     * model (a status edit, a delete, a reaction, a private follow-up through a response URL...). Rows with the same
     * {@code orderKey} go out in order, one at a time, paced per platform; see {@link Outbox}.
     *
     * @param workspace      the workspace it belongs to
     * @param orderKey       the channel (or thread) it goes to; null: unordered
     * @param kind           the adapter's name for the operation (1-40 characters), handed back in {@link Outbox.Item}
     * @param payload        the adapter's JSON text, opaque to the core
     * @param questionNumber the question it is about, or null
     * @return the row's id
     * @throws org.bandura.core.persistence.StorageUnavailableException when storage is down (nothing written)
     */
    default long enqueue(WorkspaceRef workspace, String orderKey, String kind, String payload, Long questionNumber) {
        throw new UnsupportedOperationException("this core has no outbox");
    }

    /**
     * Hands every due outbox row of the platform to {@code sender} and records each outcome (see
     * {@link Outbox#deliver(Platform, Outbox.Sender)}); a delivered question post makes the question visible and
     * searchable. Front doors call it on a timer and right after a command that enqueued something.
     *
     * @return how many rows were delivered
     */
    default int deliver(Platform platform, Outbox.Sender sender) {
        return 0;
    }

    /** Known tag names of the workspace starting with {@code prefix} (for autocomplete and tag pickers). */
    List<String> tagNames(WorkspaceRef workspace, String prefix, int limit);

    /** A post people can pick: {@code id} is what they would type ({@code A3}), {@code label} what they read. */
    record PostChoice(String id, String label) {
    }

    /**
     * The question of the thread and its answers, for autocompleting an answer id in that thread; empty outside a
     * question's thread.
     */
    default List<PostChoice> postsInThread(WorkspaceRef workspace, String threadKey, int limit) {
        return List.of();
    }

    /** The number of the (live) question whose thread has this key, for prefilling forms. */
    default Optional<Long> questionOfThread(WorkspaceRef workspace, String threadKey) {
        return Optional.empty();
    }

    /** The thread of the question a chat message belongs to (its own message, an answer or a comment). */
    default Optional<String> threadOfMessage(WorkspaceRef workspace, String messageKey) {
        return Optional.empty();
    }

    /**
     * An open question's chat thread as Bandura knows it, for catching up after downtime.
     *
     * @param lastMessageKey the newest message of the thread catch-up already read back; null when never
     * @param knownMessages  the thread's messages kept as answers or comments: message key to text, oldest first
     */
    record OpenThread(long questionNumber, String channelKey, String messageKey, String threadKey,
                      String lastMessageKey, Map<String, String> knownMessages) {
        public OpenThread {
            knownMessages = knownMessages == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(knownMessages));
        }
    }

    /**
     * Questions of the workspace asked within {@code within} (by the core's clock) that have a thread, no accepted
     * answer and are not deleted, oldest first; empty for an unknown workspace or when storage fails (logged).
     */
    default List<OpenThread> openThreads(WorkspaceRef workspace, Duration within) {
        return List.of();
    }

    /** Catch-up read the thread up to {@code lastMessageKey}: the next catch-up starts after it. */
    default void caughtUp(WorkspaceRef workspace, String threadKey, String lastMessageKey) {
    }
}
