package org.bandura.discord;

/** Start-up failed for a reason the operator can fix; the message is one line saying how. */
public final class DiscordStartException extends RuntimeException {
    public DiscordStartException(String message) {
        super(message);
    }

    public DiscordStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
