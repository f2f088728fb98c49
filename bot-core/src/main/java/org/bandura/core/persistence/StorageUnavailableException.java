package org.bandura.core.persistence;

/** The database could not be reached; the command did nothing and may be tried again. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(Throwable cause) {
        super("storage unavailable", cause);
    }
}
