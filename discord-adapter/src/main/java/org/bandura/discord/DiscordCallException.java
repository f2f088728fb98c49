package org.bandura.discord;

/** A Discord call that did not succeed, and what that means: {@link #outcome()} says whether to try again. */
final class DiscordCallException extends RuntimeException {

    private final DiscordOutcome outcome;

    DiscordCallException(DiscordOutcome outcome, Throwable cause) {
        super(describe(outcome), cause);
        this.outcome = outcome;
    }

    DiscordCallException(DiscordOutcome outcome) {
        this(outcome, null);
    }

    DiscordOutcome outcome() {
        return outcome;
    }

    /** True when trying again cannot help (a missing permission, a channel that is gone…). */
    boolean isPermanent() {
        return outcome instanceof DiscordOutcome.Failed;
    }

    /** The reason for the member (failed for good) or for the log (to be tried again). */
    String reason() {
        return describe(outcome);
    }

    private static String describe(DiscordOutcome outcome) {
        if (outcome instanceof DiscordOutcome.Failed failed) {
            return failed.reason();
        }
        if (outcome instanceof DiscordOutcome.Retry retry) {
            return retry.reason();
        }
        if (outcome instanceof DiscordOutcome.RetryAfter after) {
            return after.reason() + " (retry after " + after.delay().toMillis() + " ms)";
        }
        return "done";
    }
}
