package org.bandura.core.service;

import java.time.Clock;
import java.util.List;
import org.bandura.core.model.Platform;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.OutboxRepository;

/**
 * How output of background jobs (escalations, reminders) reaches the chat. A job writes each message as a row in
 * the same transaction as its state change; every front door calls {@link #deliver} now and then (the console
 * after each command). A message is marked delivered in the transaction that hands it to the front door, so a
 * front door that throws leaves it for the next pass, and two processes never post the same row.
 */
public final class Outbox {

    /** Posts one message; throwing leaves it undelivered. */
    @FunctionalInterface
    public interface Sender {
        void send(OutboxRepository.Message message);
    }

    private static final int BATCH = 50;

    private final Database database;
    private final Clock clock;
    private final OutboxRepository messages = new OutboxRepository();

    public Outbox(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Hands every waiting message of the platform to {@code sender}. @return how many were delivered */
    public int deliver(Platform platform, Sender sender) {
        int delivered = 0;
        while (true) {
            int batch = database.inTransaction(sql -> {
                List<OutboxRepository.Message> pending = messages.claimPending(sql, platform.name(), BATCH);
                for (OutboxRepository.Message message : pending) {
                    sender.send(message);
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
