package org.bandura.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bandura.core.BanduraCore;
import org.bandura.core.catchup.CatchUpPlan;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Reaction;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up after downtime on Slack. Slack gives up redelivering an event after a few tries over a few minutes, so at
 * start, and when Socket Mode reconnects after being away longer than {@link #REDELIVERY_WINDOW}, the replies of every
 * open question's thread newer than the last one Bandura read are read back with {@code conversations.replies}
 * ({@code oldest}; reactions come with their users) and what was missed runs through the core as if it had arrived
 * live (see {@link CatchUpPlan}). A 429 is waited out as its {@code Retry-After} says. Runs happen one at a time on
 * their own thread.
 */
final class SlackCatchUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackCatchUp.class);
    /** Slack retries an unacknowledged event for about this long; a shorter outage loses nothing. */
    static final Duration REDELIVERY_WINDOW = Duration.ofMinutes(1);
    static final int PAGE = 200;
    static final int MAX_PAGES = 20;
    static final int MAX_RETRIES = 5;
    static final String KEY_PREFIX = "catch-up:";

    /** Waits out a rate limit; the front door sleeps, tests record. */
    @FunctionalInterface
    interface Pause {
        void waitFor(Duration duration) throws InterruptedException;
    }

    private final BanduraCore core;
    private final SlackOutbox api;
    private final Members members;
    private final EventMapping mapping;
    private final QuestionFlow questions;
    private final Duration within;
    private final Clock clock;
    private final Pause pause;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bandura-slack-catch-up");
        thread.setDaemon(true);
        return thread;
    });
    private final CompletableFuture<Integer> first = new CompletableFuture<>();
    private volatile CompletableFuture<Integer> latest = first;
    private volatile Instant disconnectedAt;

    SlackCatchUp(BanduraCore core, SlackSettings settings, SlackOutbox api, Duration within, Clock clock, Pause pause) {
        this.core = core;
        this.api = api;
        this.members = new Members(settings, clock);
        this.mapping = new EventMapping(settings);
        this.questions = new QuestionFlow(api, new SlackViews(settings));
        this.within = within;
        this.clock = clock;
        this.pause = pause;
    }

    /** Catches up again whenever the websocket says hello after being closed longer than the redelivery window. */
    void follow(SocketModeClient client) {
        client.addWebSocketCloseListener((code, reason) -> {
            if (disconnectedAt == null) {
                disconnectedAt = clock.instant();
            }
        });
        client.addWebSocketMessageListener(message -> {
            Instant since = disconnectedAt;
            if (since != null && isHello(message)) {
                disconnectedAt = null;
                Duration away = Duration.between(since, clock.instant());
                if (away.compareTo(REDELIVERY_WINDOW) > 0) {
                    schedule("a reconnect (" + away.toSeconds() + " s away)");
                }
            }
        });
    }

    private static boolean isHello(String message) {
        try {
            com.google.gson.JsonElement json = com.google.gson.JsonParser.parseString(message);
            return json.isJsonObject() && json.getAsJsonObject().has("type")
                    && "hello".equals(json.getAsJsonObject().get("type").getAsString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Queues a catch-up; the future tells how many commands changed something. */
    synchronized CompletableFuture<Integer> schedule(String why) {
        CompletableFuture<Integer> run = latest == first && !first.isDone() ? first : new CompletableFuture<>();
        latest = run;
        runner.execute(() -> {
            try {
                run.complete(catchUp(why));
            } catch (RuntimeException e) {
                LOG.warn("Catch-up after {} failed; it runs again at the next start or long reconnect: {}", why,
                        e.toString());
                run.complete(0);
            }
        });
        return run;
    }

    CompletableFuture<Integer> latest() {
        return latest;
    }

    private int catchUp(String why) {
        AuthTestResponse self = call(() -> api.client().authTest(r -> r)).orElse(null);
        if (self == null || !self.isOk()) {
            LOG.warn("Catch-up after {} skipped: auth.test failed ({})", why, self == null ? "no answer"
                    : self.getError());
            return 0;
        }
        WorkspaceRef workspace = Members.workspace(self.getTeamId(), null);
        int ran = 0;
        int threads = 0;
        int unreadable = 0;
        for (BanduraCore.OpenThread open : core.openThreads(workspace, within)) {
            try {
                Optional<Integer> done = catchUp(self, open);
                if (done.isPresent()) {
                    ran += done.get();
                    threads++;
                } else {
                    unreadable++;
                }
            } catch (RuntimeException e) {
                unreadable++;
                LOG.warn("Catch-up of Q{} ({}) failed; it is read again next time: {}", open.questionNumber(),
                        open.threadKey(), e.toString());
            }
        }
        if (threads > 0 || unreadable > 0) {
            LOG.info("Caught up after {}: read {} open question thread(s), recorded {} missed event(s){}.", why,
                    threads, ran, unreadable == 0 ? "" : "; " + unreadable
                            + " thread(s) not readable (no access or an API error), left as they are");
        }
        return ran;
    }

    /** @return the number of commands that changed something; empty when the thread could not be read */
    private Optional<Integer> catchUp(AuthTestResponse self, BanduraCore.OpenThread open) {
        Optional<SlackKeys> thread = SlackKeys.parse(open.threadKey());
        if (thread.isEmpty()) {
            return Optional.empty();
        }
        String channel = thread.get().channel();
        String threadTs = thread.get().ts();
        String oldest = oldest(open);
        CatchUpPlan.SeenMessage question = null;
        boolean questionGone = false;
        boolean complete = false;
        List<CatchUpPlan.SeenMessage> replies = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String pageCursor = cursor;
            ConversationsRepliesResponse response = call(() -> api.client().conversationsReplies(r -> r
                    .channel(channel).ts(threadTs).oldest(oldest).inclusive(true).limit(PAGE).cursor(pageCursor)))
                    .orElse(null);
            if (response == null) {
                return Optional.empty();
            }
            if (!response.isOk()) {
                if ("thread_not_found".equals(response.getError()) || "message_not_found".equals(response.getError())) {
                    questionGone = true;
                    complete = true;
                    break;
                }
                LOG.info("conversations.replies of {} failed: {}", open.threadKey(), response.getError());
                return Optional.empty();
            }
            for (Message message : response.getMessages() == null ? List.<Message>of() : response.getMessages()) {
                if (threadTs.equals(message.getTs())) {
                    if ("tombstone".equals(message.getSubtype())) {
                        questionGone = true;
                    } else {
                        question = seen(channel, message, self.getUserId());
                    }
                } else if (message.getUser() != null && message.getBotId() == null
                        && (message.getSubtype() == null || "thread_broadcast".equals(message.getSubtype()))) {
                    replies.add(seen(channel, message, self.getUserId()));
                }
            }
            cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                complete = true;
                break;
            }
        }
        CatchUpPlan.Plan plan = CatchUpPlan.plan(open,
                new CatchUpPlan.Snapshot(question, questionGone, replies, complete), KEYS);
        int ran = 0;
        boolean messageFailed = false;
        for (CatchUpPlan.Step step : plan.steps()) {
            String userId = step.actorId() == null ? self.getUserId() : step.actorId();
            Actor actor = members.actor(api.client(), self.getTeamId(), null, userId, null);
            Reply reply = core.handle(actor, step.command(), step.eventKey());
            if (reply.isOk()) {
                ran++;
                // Accept notices and the solved status, as live; refusals stay silent (nobody is waiting for them).
                questions.deliverQuietly(new Origin(self.getTeamId(), null, channel, threadTs, userId, null), reply);
            }
            if (reply.isError() && step.command() instanceof Command.ThreadMessage) {
                // Not recorded (storage away, stopping, or refused): the window is read again next time.
                messageFailed = true;
            }
        }
        if (!messageFailed) {
            core.caughtUp(Members.workspace(self.getTeamId(), null), open.threadKey(), plan.lastMessageKey());
        }
        return Optional.of(ran);
    }

    /**
     * The {@code oldest} ts to read from (inclusive): the last message read, or an older answer or comment Bandura
     * keeps, so its edits, deletion and votes are seen too; the thread's start when nothing was read yet.
     */
    static String oldest(BanduraCore.OpenThread open) {
        String start = open.lastMessageKey() == null ? open.threadKey() : open.lastMessageKey();
        for (String known : open.knownMessages().keySet()) {
            if (CatchUpPlan.MESSAGE_ORDER.compare(known, start) < 0) {
                start = known;
            }
        }
        return SlackKeys.parse(start).map(SlackKeys::ts).orElse("0");
    }

    private CatchUpPlan.SeenMessage seen(String channel, Message message, String botUserId) {
        List<CatchUpPlan.SeenReaction> reactions = new ArrayList<>();
        if (message.getReactions() != null) {
            for (com.slack.api.model.Reaction reaction : message.getReactions()) {
                Optional<Reaction> meaning = mapping.meaning(reaction.getName());
                if (meaning.isEmpty() || reaction.getUsers() == null) {
                    continue;
                }
                List<String> users = reaction.getUsers().stream().filter(user -> !user.equals(botUserId)).toList();
                if (!users.isEmpty()) {
                    reactions.add(new CatchUpPlan.SeenReaction(meaning.get(), reaction.getName(), users));
                }
            }
        }
        return new CatchUpPlan.SeenMessage(SlackKeys.key(channel, message.getTs()), message.getUser(),
                SlackText.fromSlack(message.getText()), reactions);
    }

    @FunctionalInterface
    private interface ApiCall<T> {
        T run() throws IOException, SlackApiException;
    }

    /** One Web API call; a 429 is retried after its Retry-After (default 1 s), up to {@link #MAX_RETRIES} times. */
    private <T> Optional<T> call(ApiCall<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return Optional.ofNullable(call.run());
            } catch (SlackApiException e) {
                if (e.getResponse().code() != 429 || attempt >= MAX_RETRIES) {
                    LOG.info("Slack answered HTTP {} during catch-up", e.getResponse().code());
                    return Optional.empty();
                }
                Duration wait = retryAfter(e.getResponse().header("Retry-After"));
                LOG.info("Slack rate-limited catch-up; waiting {} s as it asked", wait.toSeconds());
                try {
                    pause.waitFor(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            } catch (IOException e) {
                LOG.info("Slack could not be reached during catch-up: {}", e.toString());
                return Optional.empty();
            }
        }
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = header == null ? 1 : Long.parseLong(header.strip());
            return Duration.ofSeconds(Math.max(1, Math.min(seconds, 300)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** Catch-up's own keys: live Slack events are keyed by event id, which history does not carry. */
    static final CatchUpPlan.Keys KEYS = new CatchUpPlan.Keys() {
        @Override
        public String message(String messageKey) {
            return KEY_PREFIX + "message:" + messageKey;
        }

        @Override
        public String delete(String messageKey) {
            return KEY_PREFIX + "delete:" + messageKey;
        }

        @Override
        public String reaction(String messageKey, String userId, String emoji) {
            return KEY_PREFIX + "reaction:" + messageKey + ":" + userId + ":" + emoji;
        }
    };

    @Override
    public void close() {
        runner.shutdownNow();
        try {
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
