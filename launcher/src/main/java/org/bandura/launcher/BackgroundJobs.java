package org.bandura.launcher;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bandura.core.service.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls the database job queue on one daemon thread; every process runs one, each job still runs once. */
final class BackgroundJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bandura-jobs");
        thread.setDaemon(true);
        return thread;
    });

    BackgroundJobs(JobRunner runner, Duration pollEvery) {
        this(runner, () -> { }, pollEvery);
    }

    /** @param scheduleWeekly enqueues the weekly digests (idempotent across processes); runs at start and hourly */
    BackgroundJobs(JobRunner runner, Runnable scheduleWeekly, Duration pollEvery) {
        scheduler.scheduleWithFixedDelay(() -> guarded(runner::scheduleDailyJobs), 0, 1, TimeUnit.HOURS);
        scheduler.scheduleWithFixedDelay(() -> guarded(scheduleWeekly), 0, 1, TimeUnit.HOURS);
        scheduler.scheduleWithFixedDelay(() -> guarded(() -> runner.runDue()), 5, pollEvery.toSeconds(), TimeUnit.SECONDS);
    }

    private static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Background job pass failed, will try again: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
