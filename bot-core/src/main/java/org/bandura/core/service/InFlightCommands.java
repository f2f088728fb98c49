package org.bandura.core.service;

import java.time.Duration;

/** Counts the commands running now, and on stop refuses new ones and waits for those in flight. */
final class InFlightCommands {

    private int running;
    private boolean closed;

    /** @return false once stopping: the command must not start */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /** Refuses new commands, then waits up to {@code grace} for the running ones; true when none is left. */
    synchronized boolean closeAndAwait(Duration grace) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized int running() {
        return running;
    }
}
