package org.bandura.discord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.requests.RestAction;

/**
 * Waits for one Discord call, for a bounded time, and turns any failure into a {@link DiscordCallException} that
 * says whether to try again ({@link DiscordOutcome}).
 *
 * <p>Each call gets a JDA deadline: JDA waits out a 429 itself (honouring Retry-After) and retries a few 5xx, but
 * without a deadline a request behind a long rate limit would block its caller for as long as Discord says. With
 * one, JDA drops the request before sending it once the deadline has passed (it checks before each attempt, and every
 * 30 s for requests still queued) and fails it with a {@link TimeoutException}, which the outbox tries again later.
 * JDA never abandons a request already on the wire, so a call is never sent twice by a timeout of ours; only when
 * JDA itself does not answer long after the deadline ({@link #HARD_LIMIT_MARGIN}) is the wait given up.
 */
final class DiscordCalls {

    /** How long JDA may hold a call (queued behind a rate limit or retrying a 5xx) before it is given up. */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(20);
    /** JDA checks queued requests' deadlines every 30 s; past that, plus a request's own time, we stop waiting. */
    static final Duration HARD_LIMIT_MARGIN = Duration.ofSeconds(45);

    private final Duration deadline;

    DiscordCalls() {
        this(DEFAULT_DEADLINE);
    }

    DiscordCalls(Duration deadline) {
        this.deadline = deadline;
    }

    /**
     * Sends {@code action} through JDA's rate limiter and waits for Discord's answer.
     *
     * @throws DiscordCallException when it did not succeed; {@link DiscordCallException#isPermanent()} tells a refusal
     *                              (missing permission, channel gone) from a failure worth trying again
     */
    <T> T complete(RestAction<T> action, DiscordOutcome.Attempt attempt) {
        return complete(() -> action, attempt);
    }

    /**
     * Like {@link #complete(RestAction, DiscordOutcome.Attempt)}, building the action here: JDA checks the bot's
     * permissions from its cache while building (sendMessage, createThreadChannel…) and throws before any request.
     */
    <T> T complete(Supplier<? extends RestAction<T>> build, DiscordOutcome.Attempt attempt) {
        CompletableFuture<T> future;
        try {
            future = build.get().deadline(System.currentTimeMillis() + deadline.toMillis()).submit();
        } catch (RuntimeException e) {
            // JDA checks permissions from its cache before sending anything.
            throw new DiscordCallException(DiscordOutcome.of(e, attempt), e);
        }
        try {
            return future.get(deadline.plus(HARD_LIMIT_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DiscordCallException(DiscordOutcome.of(e.getCause(), attempt), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new DiscordCallException(new DiscordOutcome.Retry("Discord did not answer within "
                    + deadline.plus(HARD_LIMIT_MARGIN).toSeconds() + " s"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new DiscordCallException(new DiscordOutcome.Retry("interrupted while waiting for Discord"), e);
        }
    }
}
