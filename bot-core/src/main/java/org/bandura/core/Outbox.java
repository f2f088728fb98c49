package org.bandura.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.bandura.core.model.Platform;
import org.bandura.core.reply.Outgoing;

/**
 * Everything Bandura posts to a platform, as rows in one table: background jobs' messages (escalations, reminders,
 * digests), the question posts written in the same transaction as the question, and any operation an adapter
 * enqueues ({@link BanduraCore#enqueue}). Each front door calls {@link #deliver} now and then and right after a
 * command that enqueued something; the {@link Sender} performs the platform call and says how it went.
 *
 * <p>Guarantees: each row is handed to one sender at a time across processes (claimed with {@code FOR UPDATE SKIP
 * LOCKED}; its outcome is recorded in the claim's transaction, so a crash before that commit sends it again: at
 * least once towards the platform, exactly once in Bandura's records). Rows with the same order key go out oldest
 * first, one at a time: a row waiting for a retry holds back the later rows of its key, other keys go on. A
 * platform may have a pace (Slack: one message per second per channel), kept across processes in
 * {@code outbox_pace}. {@link Outcome.Retry} backs off exponentially from 1 s (capped at 5 min);
 * {@link Outcome.RetryAfter} waits exactly as long as the platform said; a row still undelivered {@link #GIVE_UP}
 * after it was written fails for good with its last error.
 */
public interface Outbox {

    /** A row still not delivered this long after it was written is given up (failed with its last reason). */
    Duration GIVE_UP = Duration.ofHours(1);

    /** A job's message: {@link Item#message()} is set; rendered by the adapter from audience and body. */
    String MESSAGE = "MESSAGE";
    /**
     * A question to post: the payload is a {@link org.bandura.core.reply.QuestionPost}. On {@link Outcome.Delivered}
     * the question is linked to the post (platform key = message key, thread key = its thread) and becomes visible;
     * on {@link Outcome.Failed} it is removed and a {@link #QUESTION_FAILED} row tells the asker why.
     */
    String QUESTION = "QUESTION";
    /** Tells the asker privately that their question could not be posted: payload a QuestionPost with a reason. */
    String QUESTION_FAILED = "QUESTION_FAILED";
    /**
     * The "accepted answer" notice in a question's thread (adapter payload; enqueue it with the question's number):
     * on {@link Outcome.Delivered} its platform key is recorded as the question's accept notice in the same
     * transaction, as {@code RecordAcceptNotice} would, so an unaccept can remove it.
     */
    String ACCEPT_NOTICE = "ACCEPT_NOTICE";

    /**
     * Hands every row of the platform that is due to {@code sender}, one at a time, and records each outcome. A
     * sender that throws counts as {@link Outcome.Retry}.
     *
     * @return how many rows were delivered
     */
    int deliver(Platform platform, Sender sender);

    /**
     * The former contract, for front doors that only post job messages: each {@link #MESSAGE} row is handed to
     * {@code sender} and counts as delivered unless it throws (then it is retried with back-off); rows of other
     * kinds fail ("this front door cannot post …").
     */
    default int deliver(Platform platform, Consumer<Outgoing> sender) {
        return deliver(platform, Sender.ofMessages(sender));
    }

    /** Performs one row's platform call. */
    @FunctionalInterface
    interface Sender {
        Outcome send(Item item);

        static Sender ofMessages(Consumer<Outgoing> messages) {
            return item -> {
                if (item.message() == null) {
                    return new Outcome.Failed("this front door cannot post " + item.kind());
                }
                messages.accept(item.message());
                return Outcome.delivered(null);
            };
        }
    }

    /**
     * One row to send.
     *
     * @param kind       {@link #MESSAGE}, {@link #QUESTION}, {@link #QUESTION_FAILED} or an adapter's own kind
     * @param orderKey   the channel/thread it goes to (rows of one key go out in order); null: unordered
     * @param payload    the adapter's JSON text (null for {@link #MESSAGE})
     * @param attempts   how many times it was tried before (0 on the first try)
     * @param message    for {@link #MESSAGE} rows: the job's message; null otherwise
     */
    record Item(long id, String workspaceExternalId, String kind, String orderKey, String payload,
                Long questionNumber, int attempts, Instant createdAt, Outgoing message) {
    }

    /** A row the core should write once the current one is delivered (in the same transaction). */
    record FollowUp(String kind, String orderKey, String payload) {
    }

    /** How a platform call went. */
    sealed interface Outcome {

        /**
         * Done. @param platformKey key of what was created (message key), may be null
         *
         * @param threadKey for a {@link #QUESTION}: the thread its answers go to (null: the message itself)
         * @param then      rows to enqueue now that this one is out (e.g. the experts' mention in the new thread)
         */
        record Delivered(String platformKey, String threadKey, List<FollowUp> then) implements Outcome {
            public Delivered {
                then = then == null ? List.of() : List.copyOf(then);
            }
        }

        /** Rate limited: try again after exactly {@code delay} (HTTP 429 {@code Retry-After}). */
        record RetryAfter(Duration delay, String reason) implements Outcome {
        }

        /** A passing failure (5xx, network): try again with exponential back-off. */
        record Retry(String reason) implements Outcome {
        }

        /** A permanent failure: {@code reasonForHumans} says what is wrong and how to fix it. */
        record Failed(String reasonForHumans) implements Outcome {
        }

        static Outcome delivered(String platformKey) {
            return new Delivered(platformKey, null, List.of());
        }
    }
}
