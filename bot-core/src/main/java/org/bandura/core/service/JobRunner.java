package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.JobQueue;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.Sql;
import org.bandura.core.persistence.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background jobs from the database queue. Any number of processes may run one; each job's work commits
 * together with its "done" mark, under a row lock the others skip, so it happens once. Escalations, reminders
 * and digests will be more {@link Handler}s; the first is the nightly rebuild of reputation totals.
 */
public final class JobRunner {

    public static final String REBUILD_REPUTATION_TOTALS = "rebuild-reputation-totals";

    /** One kind of job. Runs inside the claiming transaction. */
    @FunctionalInterface
    public interface Handler {
        void run(Sql sql, String payload) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final Duration RETRY_DELAY = Duration.ofMinutes(5);

    private final Database database;
    private final Clock clock;
    private final String workerId;
    private final Map<String, Handler> handlers;
    private final JobQueue queue = new JobQueue();

    public JobRunner(Database database, Clock clock, String workerId, Map<String, Handler> handlers) {
        this.database = database;
        this.clock = clock;
        this.workerId = workerId;
        this.handlers = Map.copyOf(handlers);
    }

    /** The handlers Bandura ships with. */
    public static Map<String, Handler> standardHandlers() {
        ReputationLedger ledger = new ReputationLedger();
        return Map.of(REBUILD_REPUTATION_TOTALS, (sql, payload) -> {
            for (long workspace : sql.list("SELECT id FROM workspace ORDER BY id", row -> row.getLong(1))) {
                int corrected = ledger.rebuildTotals(sql, workspace);
                if (corrected > 0) {
                    log.warn("Reputation totals of workspace {} disagreed with the ledger in {} places; rebuilt",
                            workspace, corrected);
                }
            }
        });
    }

    /** Schedules today's rebuild of reputation totals; every process may call this, one job results. */
    public void scheduleDailyJobs() {
        var now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        database.inTransaction(sql -> queue.enqueueOnce(sql, REBUILD_REPUTATION_TOTALS + ":" + today,
                REBUILD_REPUTATION_TOTALS, "{}", now, now));
    }

    public long enqueue(String kind, String payload) {
        var now = clock.instant();
        return database.inTransaction(sql -> queue.enqueue(sql, kind, payload, now, now));
    }

    /** Runs every due job this worker can claim. @return how many it ran */
    public int runDue() {
        int ran = 0;
        while (runOne()) {
            ran++;
        }
        return ran;
    }

    /** Claims and runs one due job. @return false when none was due (or all due ones are held by others) */
    public boolean runOne() {
        Optional<JobQueue.Job> failed;
        try {
            Object outcome = database.inTransaction(sql -> {
                Optional<JobQueue.Job> job = queue.claimDue(sql, clock.instant());
                if (job.isEmpty()) {
                    return Boolean.FALSE;
                }
                Handler handler = handlers.get(job.get().kind());
                if (handler == null) {
                    return job.get(); // recorded as a failure below, outside this transaction
                }
                try {
                    handler.run(sql, job.get().payload());
                } catch (SQLException | RuntimeException e) {
                    throw new JobFailure(job.get(), e);
                }
                queue.markDone(sql, job.get().id(), workerId, clock.instant());
                return Boolean.TRUE;
            });
            if (outcome instanceof Boolean done) {
                return done;
            }
            failed = Optional.of((JobQueue.Job) outcome);
            recordFailure(failed.get(), "no handler for job kind " + failed.get().kind());
        } catch (JobFailure e) {
            recordFailure(e.job, e.getCause().toString());
        } catch (StorageUnavailableException e) {
            log.debug("Job runner: storage unreachable, will try again");
            return false;
        }
        return true;
    }

    private void recordFailure(JobQueue.Job job, String error) {
        log.warn("Job {} ({}) failed: {}", job.id(), job.kind(), error);
        database.inTransaction(sql -> {
            queue.markFailed(sql, job.id(), error, clock.instant().plus(RETRY_DELAY));
            return null;
        });
    }

    private static final class JobFailure extends RuntimeException {
        private final transient JobQueue.Job job;

        JobFailure(JobQueue.Job job, Throwable cause) {
            super(cause);
            this.job = job;
        }
    }
}
