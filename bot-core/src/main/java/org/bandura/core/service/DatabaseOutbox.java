package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bandura.core.Outbox;
import org.bandura.core.model.Platform;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.OutboxRepository;
import org.bandura.core.persistence.Sql;
import org.bandura.core.reply.Outgoing;
import org.bandura.core.reply.QuestionPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox on the database. Commands and jobs write rows in the same transaction as their state change;
 * {@link #deliver} claims one due row per transaction ({@code FOR UPDATE SKIP LOCKED}, so two processes never hold
 * the same row), hands it to the sender and records the outcome in that transaction: delivered, retry at a time,
 * or failed. A crash between the platform call and the commit sends that one row again after restart.
 *
 * <p>A {@link Outbox#QUESTION} row that is delivered links its question to the post and makes it visible (and
 * searchable) in the same transaction; one that fails for good leaves the question soft-deleted and enqueues a
 * {@link Outbox#QUESTION_FAILED} row so the asker learns why.
 */
public final class DatabaseOutbox implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutbox.class);

    /** First retry after 1 s, then doubling. */
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    /** Back-off never waits longer than this between two tries. */
    static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);
    /** Rows handed over per call at most, so one call ends even while rows keep arriving. */
    private static final int MAX_PER_CALL = 500;
    /** Delivered rows are kept this long (to see what was sent), then pruned, so the table follows traffic. */
    static final Duration DELIVERED_KEPT = Duration.ofDays(30);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final int PRUNE_BATCH = 10_000;

    private final Database database;
    private final Clock clock;
    private final OutboxRepository rows = new OutboxRepository();
    private final Stores stores = Stores.create();
    private final Map<Platform, Duration> paces = new EnumMap<>(Platform.class);
    private volatile Instant nextPrune = Instant.MIN;

    /** An outbox with the platforms' default paces: Slack one message per second per channel, others none. */
    public DatabaseOutbox(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        paces.put(Platform.SLACK, Duration.ofSeconds(1));
    }

    /** At most once per hour: deletes a batch of rows delivered more than {@link #DELIVERED_KEPT} ago. */
    private void pruneIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        try {
            int pruned = database.inTransaction(
                    sql -> rows.pruneDelivered(sql, now.minus(DELIVERED_KEPT), PRUNE_BATCH));
            if (pruned > 0) {
                log.debug("Outbox: pruned {} delivered row(s)", pruned);
            }
        } catch (RuntimeException e) {
            log.debug("Outbox: pruning delivered rows failed, will try again: {}", e.toString());
        }
    }

    /** The least time between two sends to one order key of the platform (zero: no pace). */
    public DatabaseOutbox pace(Platform platform, Duration interval) {
        paces.put(platform, interval);
        return this;
    }

    @Override
    public int deliver(Platform platform, Sender sender) {
        pruneIfDue();
        int delivered = 0;
        for (int handed = 0; handed < MAX_PER_CALL; handed++) {
            Optional<Boolean> one = database.inTransaction(sql -> {
                Instant now = clock.instant();
                Optional<OutboxRepository.Claimed> claimed = rows.claimNext(sql, platform.name(), now);
                if (claimed.isEmpty()) {
                    return Optional.<Boolean>empty();
                }
                Outcome outcome = send(sender, claimed.get().item());
                return Optional.of(record(sql, platform, claimed.get(), outcome, clock.instant()));
            });
            if (one.isEmpty()) {
                break;
            }
            if (one.get()) {
                delivered++;
            }
        }
        return delivered;
    }

    private static Outcome send(Sender sender, Item item) {
        try {
            Outcome outcome = sender.send(item);
            return outcome == null ? new Outcome.Retry("the sender returned no outcome") : outcome;
        } catch (RuntimeException e) {
            log.warn("Outbox row {} ({}) failed, will retry: {}", item.id(), item.kind(), e.toString());
            return new Outcome.Retry(e.toString());
        }
    }

    /** @return true when delivered */
    private boolean record(Sql sql, Platform platform, OutboxRepository.Claimed claimed, Outcome outcome,
                           Instant now) throws SQLException {
        Item item = claimed.item();
        Duration pace = paces.getOrDefault(platform, Duration.ZERO);
        if (item.orderKey() != null && !pace.isZero() && !pace.isNegative()) {
            rows.pace(sql, claimed.workspaceId(), item.orderKey(), now.plus(pace));
        }
        if (outcome instanceof Outcome.Delivered done) {
            rows.markDelivered(sql, item.id(), done.platformKey(), now);
            if (QUESTION.equals(item.kind()) && claimed.questionId() != null) {
                questionPosted(sql, claimed, done, now);
            } else if (ACCEPT_NOTICE.equals(item.kind()) && claimed.questionId() != null
                    && done.platformKey() != null) {
                stores.questions().setAcceptNotice(sql, claimed.questionId(), done.platformKey());
            }
            for (FollowUp next : done.then()) {
                rows.enqueue(sql, claimed.workspaceId(), claimed.questionId(), next.kind(), next.orderKey(),
                        next.payload(), now);
            }
            return true;
        }
        if (outcome instanceof Outcome.RetryAfter later) {
            retryOrGiveUp(sql, platform, claimed, now.plus(later.delay()), later.reason(), now);
        } else if (outcome instanceof Outcome.Retry retry) {
            retryOrGiveUp(sql, platform, claimed, now.plus(backOff(item.attempts())), retry.reason(), now);
        } else if (outcome instanceof Outcome.Failed failed) {
            fail(sql, claimed, failed.reasonForHumans(), now);
        }
        return false;
    }

    /** 1 s, 2 s, 4 s … after the 1st, 2nd, 3rd failed try, at most {@link #MAX_BACK_OFF}. */
    static Duration backOff(int attemptsBefore) {
        int doublings = Math.min(attemptsBefore, 20);
        Duration wait = FIRST_BACK_OFF.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : wait;
    }

    private void retryOrGiveUp(Sql sql, Platform platform, OutboxRepository.Claimed claimed, Instant at,
                               String reason, Instant now) throws SQLException {
        Item item = claimed.item();
        if (at.isAfter(item.createdAt().plus(GIVE_UP))) {
            fail(sql, claimed, "I kept trying for " + GIVE_UP.toMinutes() + " minutes, but "
                    + platformName(platform) + " kept refusing (" + reason + "). Please try again later.", now);
        } else {
            rows.retryAt(sql, item.id(), at, reason);
        }
    }

    private void fail(Sql sql, OutboxRepository.Claimed claimed, String reason, Instant now) throws SQLException {
        Item item = claimed.item();
        log.warn("Outbox row {} ({}) failed for good: {}", item.id(), item.kind(), reason);
        rows.fail(sql, item.id(), reason, now);
        if (QUESTION.equals(item.kind()) && claimed.questionId() != null
                && stores.questions().markPostFailed(sql, claimed.questionId())) {
            QuestionPost post;
            try {
                post = QuestionPost.fromJson(item.payload());
            } catch (RuntimeException e) {
                tellAskerPrivately(sql, claimed.workspaceId(), claimed.questionId(), reason, now);
                return;
            }
            rows.enqueue(sql, claimed.workspaceId(), claimed.questionId(), QUESTION_FAILED, null,
                    post.withReason(reason).toJson(), now);
        }
    }

    private void questionPosted(Sql sql, OutboxRepository.Claimed claimed, Outcome.Delivered done, Instant now)
            throws SQLException {
        long questionId = claimed.questionId();
        String messageKey = done.platformKey();
        String threadKey = done.threadKey() != null ? done.threadKey() : messageKey;
        stores.questions().link(sql, questionId, claimed.item().orderKey(), messageKey, threadKey);
        if (stores.questions().markPosted(sql, questionId)) {
            stores.searchChanges().record(sql, questionId, now);
        }
    }

    /**
     * The question's post failed for good and the asker hears it as a private {@link Outbox#MESSAGE} (for front
     * doors that posted it themselves and reported the failure, see {@code QuestionPostFailed}).
     */
    static void tellAskerPrivately(Sql sql, long workspaceId, long questionId, String reason, Instant now)
            throws SQLException {
        Optional<String[]> asker = sql.one("SELECT m.user_id, q.number, q.title FROM question q "
                        + "JOIN member m ON m.id = q.asker_id WHERE q.id = ?",
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3)}, questionId);
        if (asker.isEmpty()) {
            return;
        }
        new OutboxRepository().add(sql, workspaceId, null, Outgoing.Audience.PRIVATE, asker.get()[0], List.of(),
                "I couldn't post your question Q" + asker.get()[1] + " (\"" + asker.get()[2] + "\"): " + reason
                        + " It was not kept; ask again once that is fixed.", now);
    }

    private static String platformName(Platform platform) {
        String name = platform.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
