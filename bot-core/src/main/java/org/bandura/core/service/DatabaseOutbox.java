package org.bandura.core.service;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.bandura.core.Outbox;
import org.bandura.core.model.Platform;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.OutboxRepository;
import org.bandura.core.reply.Outgoing;

/**
 * The outbox on the database. A job writes each message as a row in the same transaction as its state change;
 * {@link #deliver} locks a batch of rows (skipping rows another process holds), hands them over and marks them
 * delivered in that transaction, so two processes never post the same row.
 */
public final class DatabaseOutbox implements Outbox {

    private static final int BATCH = 50;

    private final Database database;
    private final Clock clock;
    private final OutboxRepository messages = new OutboxRepository();

    public DatabaseOutbox(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public int deliver(Platform platform, Consumer<Outgoing> sender) {
        int delivered = 0;
        while (true) {
            int batch = database.inTransaction(sql -> {
                List<Outgoing> pending = messages.claimPending(sql, platform.name(), BATCH);
                for (Outgoing message : pending) {
                    sender.accept(message);
                    messages.markDelivered(sql, message.id(), clock.instant());
                }
                return pending.size();
            });
            delivered += batch;
            if (batch < BATCH) {
                return delivered;
            }
        }
    }
}
