package org.bandura.core;

import java.util.function.Consumer;
import org.bandura.core.model.Platform;
import org.bandura.core.reply.Outgoing;

/**
 * How output of background jobs (escalations, reminders) reaches the chat: each front door calls
 * {@link #deliver} now and then (the console after each command) and posts what it is handed.
 */
public interface Outbox {

    /**
     * Hands every waiting message of the platform to {@code sender}, each exactly once across processes. A
     * sender that throws leaves the message (and the rest of its batch) for the next call.
     *
     * @return how many were delivered
     */
    int deliver(Platform platform, Consumer<Outgoing> sender);
}
