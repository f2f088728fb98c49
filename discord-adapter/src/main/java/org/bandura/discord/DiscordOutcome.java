package org.bandura.discord;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.MissingAccessException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * What Discord's answer to one call means: done, wait and try again (429 with its Retry-After; 5xx, network errors
 * and timeouts with back-off), or failed for good with a reason a member can act on ("I can't send messages in
 * #questions (missing permission Send Messages)").
 *
 * <p>JDA already does part of the work: it waits out every 429 itself (its rate limiter keeps each bucket and honours
 * Retry-After, global and Cloudflare limits included, and sends the request again), and retries 502, 503, 504 and
 * 520-529 three more times (0.5, 1, 2 s apart). What reaches us is therefore: an {@link ErrorResponseException} with
 * Discord's JSON error code (4xx: permanent), one with no code ({@link ErrorResponse#SERVER_ERROR}: a 5xx after JDA's
 * retries, or an I/O error, whose cause is the exception), a {@link TimeoutException} when the call's deadline passed
 * while JDA was still waiting (a long 429), JDA's own permission checks made before any request
 * ({@link InsufficientPermissionException}), and {@link RateLimitedException} only for calls that bypass the queue.
 */
sealed interface DiscordOutcome {

    /** Discord did it; {@code key} is the id of what it created, if anything. */
    record Done(String key) implements DiscordOutcome {
    }

    /** Discord said wait (429): try again after exactly {@code delay}. */
    record RetryAfter(Duration delay, String reason) implements DiscordOutcome {
    }

    /** 5xx, network error, timeout: try again later with back-off. {@code reason} is for the log. */
    record Retry(String reason) implements DiscordOutcome {
    }

    /** Failed for good; {@code reason} is written for the member who asked (and the log). */
    record Failed(String reason, ErrorResponse code) implements DiscordOutcome {
        Failed(String reason) {
            this(reason, null);
        }
    }

    /**
     * What the bot was doing and where, so a refusal can be told in words: "send messages" in "#questions", needing
     * Send Messages.
     *
     * @param doing  a verb phrase, "send messages", "create threads", "rename threads"
     * @param place  where, as members see it: "#questions", "the thread Q7: …", "your direct messages"
     * @param needed the permission the call needs (Discord's 50013 does not say which)
     */
    record Attempt(String doing, String place, Permission needed) {
    }

    /** The outcome of a call that threw {@code failure} while doing {@code attempt}. */
    static DiscordOutcome of(Throwable failure, Attempt attempt) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DiscordCallException call) {
            return call.outcome();
        }
        if (cause instanceof RateLimitedException limited) {
            return new RetryAfter(Duration.ofMillis(Math.max(0, limited.getRetryAfter())),
                    "Discord rate limit on " + limited.getRateLimitedRoute());
        }
        if (cause instanceof TimeoutException) {
            return new Retry("Discord did not answer in time (rate limited or slow)");
        }
        if (cause instanceof CancellationException) {
            return new Retry("the call to Discord was cancelled (shutting down?)");
        }
        if (cause instanceof MissingAccessException missing) {
            return new Failed(cannotSee(attempt, missing.getPermission()), ErrorResponse.MISSING_ACCESS);
        }
        if (cause instanceof InsufficientPermissionException missing) {
            return new Failed(missingPermission(attempt, missing.getPermission()), ErrorResponse.MISSING_PERMISSIONS);
        }
        if (cause instanceof ErrorResponseException error) {
            return ofResponse(error, attempt);
        }
        return new Retry(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private static DiscordOutcome ofResponse(ErrorResponseException error, Attempt attempt) {
        int status = error.getResponse() == null ? -1 : error.getResponse().code;
        if (error.getErrorResponse() == ErrorResponse.SERVER_ERROR && (status < 400 || status >= 500
                || status == 408 || error.getResponse().getException() != null)) {
            return new Retry(status < 0 ? "network error: " + error.getMeaning()
                    : "Discord answered HTTP " + status + ": " + shorten(error.getMeaning()));
        }
        if (status == 429) {
            return new RetryAfter(Duration.ofSeconds(1), "Discord answered 429");
        }
        return switch (error.getErrorResponse()) {
            case MISSING_ACCESS -> new Failed(cannotSee(attempt, Permission.VIEW_CHANNEL), ErrorResponse.MISSING_ACCESS);
            case MISSING_PERMISSIONS -> new Failed(missingPermission(attempt, attempt.needed()),
                    ErrorResponse.MISSING_PERMISSIONS);
            case UNKNOWN_CHANNEL -> new Failed(attempt.place() + " no longer exists (it was deleted), so I can't "
                    + attempt.doing() + " there.", ErrorResponse.UNKNOWN_CHANNEL);
            case FORUM_POST_TAG_REQUIRED -> new Failed(attempt.place() + " needs a tag on every post, and none of the"
                    + " question's tags is one of its tags.", ErrorResponse.FORUM_POST_TAG_REQUIRED);
            case MAX_ACTIVE_THREADS -> new Failed(attempt.place() + " has reached Discord's limit of active threads:"
                    + " a moderator can archive old threads there, then ask again.", ErrorResponse.MAX_ACTIVE_THREADS);
            case THREAD_LOCKED -> new Failed(attempt.place() + " is locked, so I can't " + attempt.doing() + " there.",
                    ErrorResponse.THREAD_LOCKED);
            case ILLEGAL_OPERATION_ARCHIVED_THREAD -> new Failed(attempt.place() + " is archived, so I can't "
                    + attempt.doing() + " there.", ErrorResponse.ILLEGAL_OPERATION_ARCHIVED_THREAD);
            case CANNOT_SEND_TO_USER -> new Failed("They don't accept direct messages from me (Discord's privacy"
                    + " settings).", ErrorResponse.CANNOT_SEND_TO_USER);
            case UNKNOWN_MESSAGE -> new Failed("The message is gone.", ErrorResponse.UNKNOWN_MESSAGE);
            case UNKNOWN_INTERACTION, UNKNOWN_WEBHOOK, INVALID_WEBHOOK_TOKEN -> new Failed("The command's reply window"
                    + " closed (Discord keeps it open 15 minutes).", error.getErrorResponse());
            case UNKNOWN_USER, UNKNOWN_MEMBER -> new Failed("That member is not on the server any more.",
                    error.getErrorResponse());
            default -> new Failed("Discord refused to let me " + attempt.doing() + " in " + attempt.place() + ": "
                    + shorten(error.getMeaning()) + " (error " + error.getErrorCode() + ").", error.getErrorResponse());
        };
    }

    private static String missingPermission(Attempt attempt, Permission permission) {
        Permission named = permission == null || permission == Permission.UNKNOWN ? attempt.needed() : permission;
        return "I can't " + attempt.doing() + " in " + attempt.place() + " (missing permission " + named.getName()
                + "). A server admin can give my role " + named.getName() + " there.";
    }

    private static String cannotSee(Attempt attempt, Permission permission) {
        String named = permission == null || permission == Permission.UNKNOWN ? Permission.VIEW_CHANNEL.getName()
                : permission.getName();
        return "I can't " + attempt.doing() + " in " + attempt.place() + ": I have no access to it (missing"
                + " permission " + named + "). A server admin can give my role " + named + " there.";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String shorten(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
