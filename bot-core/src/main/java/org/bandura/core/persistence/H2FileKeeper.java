package org.bandura.core.persistence;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded H2 file both kill-safe and proportional to its data while the bot runs.
 * <p>
 * <b>Kill safety with space reuse.</b> H2 (2.5.252) writes each commit as a chunk; with space reuse a chunk can land
 * in a hole left by freed chunks, and then only the store header leads recovery to it. {@code
 * RandomAccessStore.writeChunk} writes that header <em>before</em> {@code FileStore.storeBuffer} sets {@code
 * lastChunk} to the new chunk, so the header names the chunk before it, and after {@code kill -9} the reopened file
 * ends one or more confirmed commits early. The keeper closes that gap: every commit runs under one lock, and right
 * after it (before the caller can confirm anything) the store header is rewritten to name the newest chunk when it
 * does not already. A chunk can only be reused once it was dead in a version that is already stored (H2 runs with
 * {@code versionsToKeep=0}: a chunk dead as of version v is freed by the store of v+1 at the earliest), and the
 * header names that stored version before the next commit begins, so a commit written into a hole never destroys
 * what the header points at: recovery starts from the newest confirmed chunk. Not covered: a store H2 makes by itself
 * in the middle of a transaction whose unsaved pages pass its auto-commit memory (~19 MB of pages); Bandura's
 * commands are far smaller. {@code DurabilityTest} kills a loaded process while chunks are rewritten and reused.
 * <p>
 * <b>Size.</b> With {@code WRITE_DELAY=0} H2 runs no background thread, so nothing rewrites half-empty chunks and
 * the file only grows. Every {@link #CHECK_EVERY_COMMITS} commits the keeper looks at the file on its own thread;
 * when it is more than twice the live data (plus {@link #SLACK_BYTES}), it rewrites the sparsest chunks' live pages,
 * a small step at a time, each step stored as one chunk under the commit lock with the header pointed at it (so
 * commits wait for one step at most, and every store is followed by a header write before the next). The old chunks
 * die, later commits reuse their space and, once the end of the file is free, H2 truncates it.
 * <p>
 * <b>Syncs and retention.</b> A freed chunk may only be overwritten once the commit that freed it is on the disk,
 * or a power cut could leave neither the old chunk nor its replacement. H2 assumes the OS flushes within its
 * retention time (45 s by default) and keeps freed chunks that long, so under a burst of commits the file held
 * 45 s of writes: 5 GB for 200 MB of data at 600 votes per second. The keeper syncs the file (fsync) at most
 * {@link #SYNC_WITHIN_MILLIS} after any commit, on a thread of its own, and Bandura opens the file with
 * {@link #RETENTION_MILLIS} of retention ({@code Database}): every freed chunk is then on the disk, with its
 * replacement, seconds before H2 reuses it. The same syncs bound what a power cut or OS crash can take: the
 * commits of about the last {@link #SYNC_WITHIN_MILLIS} ms.
 * <p>
 * If this H2 version does not have the internals the keeper needs, it turns space reuse off instead (every commit
 * then goes to the end of the file, where recovery finds it without the header) and logs why.
 */
final class H2FileKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2FileKeeper.class);

    /** How often (in commits) the file is looked at. */
    static final int CHECK_EVERY_COMMITS = 100;
    /** A file smaller than twice the live data plus this is left alone. */
    static final long SLACK_BYTES = 16L * 1024 * 1024;
    /**
     * Live bytes one maintenance step rewrites at most: small enough that the rewritten pages stay below H2's
     * unsaved-memory threshold (an automatic store there would not be followed by a header write at once).
     */
    static final int REWRITE_BYTES_PER_STEP = 512 * 1024;
    /** How long one maintenance run may go on, step after step (commits get in between the steps). */
    static final long MAX_RUN_NANOS = 500_000_000L;
    /** A commit is synced to the disk (fsync) at most this long after it was written. */
    static final long SYNC_WITHIN_MILLIS = 500;
    /**
     * H2's RETENTION_TIME for a kept file: how long a freed chunk stays untouched. Longer than a sync's delay plus
     * a slow fsync (a sync slower than {@link #SLOW_SYNC_MILLIS} is logged).
     */
    static final int RETENTION_MILLIS = 3_000;
    static final long SLOW_SYNC_MILLIS = 1_000;

    private final MVStore store;
    private final RandomAccessStore fileStore;
    private final Method writeStoreHeader;
    private final ReentrantLock saveChunkLock;
    /** Commits, header writes and maintenance take turns. */
    private final ReentrantLock commitLock = new ReentrantLock();
    private final ExecutorService maintainer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bandura-h2-file");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean maintenancePending = new AtomicBoolean();
    /** Syncs only: never waits behind a maintenance run. */
    private final ScheduledExecutorService syncer = syncThread();
    private final AtomicBoolean syncPending = new AtomicBoolean();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong longestSyncNanos = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong headerWrites = new AtomicLong();
    private final AtomicLong maintenanceRuns = new AtomicLong();
    private final AtomicLong maintenanceSteps = new AtomicLong();
    private final AtomicLong longestPauseNanos = new AtomicLong();
    private final AtomicLong totalPauseNanos = new AtomicLong();
    private volatile boolean headerFixEnabled = true;

    private H2FileKeeper(MVStore store, RandomAccessStore fileStore, Method writeStoreHeader,
            ReentrantLock saveChunkLock) {
        this.store = store;
        this.fileStore = fileStore;
        this.writeStoreHeader = writeStoreHeader;
        this.saveChunkLock = saveChunkLock;
    }

    /**
     * A keeper for the embedded H2 file behind {@code connection}; empty for anything else (PostgreSQL, in-memory or
     * server H2, a file opened without space reuse), and when this H2 lacks what the keeper needs (then space reuse
     * is turned off, the safe fallback).
     */
    static Optional<H2FileKeeper> attach(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        org.h2.mvstore.db.Store h2Store = session.getDatabase().getStore();
        MVStore store = h2Store == null ? null : h2Store.getMvStore();
        if (store == null || !(store.getFileStore() instanceof RandomAccessStore fileStore)
                || !fileStore.isSpaceReused() || fileStore.isReadOnly()) {
            return Optional.empty();
        }
        try {
            Method write = RandomAccessStore.class.getDeclaredMethod("writeStoreHeader");
            write.setAccessible(true);
            Field lock = FileStore.class.getDeclaredField("saveChunkLock");
            lock.setAccessible(true);
            H2FileKeeper keeper = new H2FileKeeper(store, fileStore, write, (ReentrantLock) lock.get(fileStore));
            keeper.pointHeaderAtNewestChunk();
            return Optional.of(keeper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("This H2 version can't be kept kill-safe with space reuse ({}); writing every commit at the end "
                    + "of the file instead, so the file only shrinks at a clean shutdown", e.toString());
            store.setReuseSpace(false);
            return Optional.empty();
        }
    }

    /**
     * Commits {@code connection}; when it returns, the commit is in the file where recovery after {@code kill -9}
     * finds it.
     */
    void commit(Connection connection) throws SQLException {
        commitLock.lock();
        try {
            connection.commit();
            pointHeaderAtNewestChunk();
        } finally {
            commitLock.unlock();
        }
        if (syncPending.compareAndSet(false, true)) {
            try {
                syncer.schedule(this::syncQuietly, SYNC_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                syncPending.set(false); // closing: the close syncs
            }
        }
        if (commits.incrementAndGet() % CHECK_EVERY_COMMITS == 0 && maintenancePending.compareAndSet(false, true)) {
            try {
                maintainer.execute(this::maintainQuietly);
            } catch (RejectedExecutionException closing) {
                maintenancePending.set(false);
            }
        }
    }

    /** Rewrites the store header if it does not name the newest chunk; the caller holds {@link #commitLock}. */
    private void pointHeaderAtNewestChunk() {
        if (!headerFixEnabled) {
            return;
        }
        saveChunkLock.lock();
        try {
            if (fileStore.lastChunkVersion() != headerVersion(fileStore.getStoreHeader().get("version"))) {
                writeStoreHeader.invoke(fileStore);
                headerWrites.incrementAndGet();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not write the H2 store header", e);
        } finally {
            saveChunkLock.unlock();
        }
    }

    private static long headerVersion(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            return Long.parseLong(text, 16);
        }
        return -1;
    }

    /** Never interrupted (an interrupted fsync closes H2's file channel); a sync not started at close is dropped. */
    private static ScheduledExecutorService syncThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "bandura-h2-sync");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Puts every commit written so far on the disk; a commit after this starts schedules the next sync. */
    private void syncQuietly() {
        syncPending.set(false);
        long started = System.nanoTime();
        try {
            if (!store.isClosed()) {
                store.sync();
                syncs.incrementAndGet();
            }
        } catch (RuntimeException e) {
            log.warn("Could not sync the H2 file to the disk ({}); commits are written, the OS flushes them later",
                    e.toString());
        }
        long took = System.nanoTime() - started;
        if (longestSyncNanos.getAndAccumulate(took, Math::max) < took
                && took > TimeUnit.MILLISECONDS.toNanos(SLOW_SYNC_MILLIS)) {
            log.warn("Syncing the H2 file took {} ms: a disk this slow can lose more than the last moments in a "
                    + "power cut; consider PostgreSQL", TimeUnit.NANOSECONDS.toMillis(took));
        }
    }

    private void maintainQuietly() {
        try {
            maintain(false);
        } catch (RuntimeException e) {
            log.warn("Could not compact the H2 file while running ({}); it is intact, only larger", e.toString());
        } finally {
            maintenancePending.set(false);
        }
    }

    /**
     * One maintenance run: when the file is much larger than its live data (or always, if {@code force}), rewrites
     * the sparsest chunks in steps of {@link #REWRITE_BYTES_PER_STEP}, for at most {@link #MAX_RUN_NANOS}. Each step
     * holds the commit lock: it rewrites, stores the rewritten pages as one chunk and points the header at it before
     * any command may commit again. Commands keep running meanwhile; only their commits wait for the step.
     *
     * @return true if it rewrote anything
     */
    boolean maintain(boolean force) {
        if (!force && !tooLarge()) {
            return false;
        }
        boolean rewrote = false;
        long started = System.nanoTime();
        while (!store.isClosed()) {
            boolean more;
            long stepStarted = System.nanoTime();
            commitLock.lock();
            try {
                more = store.compact(100, REWRITE_BYTES_PER_STEP);
                if (more) {
                    store.commit();
                    pointHeaderAtNewestChunk();
                    rewrote = true;
                }
            } finally {
                commitLock.unlock();
                long pause = System.nanoTime() - stepStarted;
                maintenanceSteps.incrementAndGet();
                totalPauseNanos.addAndGet(pause);
                longestPauseNanos.accumulateAndGet(pause, Math::max);
            }
            if (!more || System.nanoTime() - started > MAX_RUN_NANOS || !tooLarge()) {
                break;
            }
        }
        maintenanceRuns.incrementAndGet();
        return rewrote;
    }

    private boolean tooLarge() {
        long size = fileStore.size();
        return size > 2 * liveBytes() + SLACK_BYTES;
    }

    /** The file's size in bytes. */
    long fileBytes() {
        return fileStore.size();
    }

    /** An estimate of the live data: the bytes of chunks, times the share of their pages still in use. */
    long liveBytes() {
        return fileStore.size() * fileStore.getFillRate() / 100 * fileStore.getChunksFillRate() / 100;
    }

    Stats stats() {
        long steps = maintenanceSteps.get();
        return new Stats(commits.get(), headerWrites.get(), maintenanceRuns.get(), steps,
                longestPauseNanos.get() / 1_000_000.0, steps == 0 ? 0 : totalPauseNanos.get() / 1e6 / steps,
                fileBytes(), liveBytes(), syncs.get(), longestSyncNanos.get() / 1_000_000.0);
    }

    /** For the test that shows the header fix is what keeps confirmed commits: turns it off. */
    void disableHeaderFixForTest() {
        headerFixEnabled = false;
    }

    /** Counters for the benchmark harness and the log. */
    record Stats(long commits, long headerWrites, long maintenanceRuns, long maintenanceSteps,
            double longestPauseMillis, double meanPauseMillis, long fileBytes, long liveBytes, long syncs,
            double longestSyncMillis) {
    }

    @Override
    public void close() {
        syncer.shutdown();
        maintainer.shutdown();
        try {
            syncer.awaitTermination(5, TimeUnit.SECONDS);
            if (!maintainer.awaitTermination(5, TimeUnit.SECONDS)) {
                maintainer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
