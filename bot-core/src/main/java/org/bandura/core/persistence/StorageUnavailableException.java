package org.bandura.core.persistence;

/** The database could not be reached; the command did nothing and may be tried again. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(Throwable cause) {
        super("storage unavailable", cause);
    }

    /** Thrown without trying: a connection failed moments ago (see {@code database.retry-after}). */
    StorageUnavailableException(String reason) {
        super(reason);
    }
}
