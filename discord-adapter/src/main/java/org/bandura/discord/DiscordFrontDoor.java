package org.bandura.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.sharding.ThreadPoolProvider;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.bandura.core.BanduraCore;
import org.bandura.core.Outbox;
import org.bandura.core.model.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects Bandura to Discord: one shard manager, one listener, slash commands registered at start. */
public final class DiscordFrontDoor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordFrontDoor.class);

    /** Guild messages in threads, their content (privileged) and reactions; no member or presence intent. */
    public static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_MESSAGE_REACTIONS);

    /** What the invite asks for: read and write in channels and threads, create threads, rename and tag them. */
    public static final EnumSet<Permission> PERMISSIONS = EnumSet.of(Permission.VIEW_CHANNEL,
            Permission.MESSAGE_SEND, Permission.MESSAGE_SEND_IN_THREADS, Permission.CREATE_PUBLIC_THREADS,
            Permission.MANAGE_THREADS, Permission.MESSAGE_HISTORY);

    static final String PORTAL = "https://discord.com/developers/applications";
    static final String BAD_TOKEN = "Discord rejected the bot token: in " + PORTAL
            + " open your application, Bot, Reset Token, and put the new token in DISCORD_TOKEN.";
    static final String NO_TOKEN = "DISCORD_TOKEN is empty: in " + PORTAL
            + " open your application, Bot, Reset Token, and put the token in DISCORD_TOKEN.";
    static final String MISSING_INTENT = "Discord refused the Message Content intent: in " + PORTAL
            + " open your application, Bot, turn on MESSAGE CONTENT INTENT under Privileged Gateway Intents, save,"
            + " and restart.";

    private final BanduraCore core;
    private final DiscordSettings settings;
    private final Duration readyTimeout;
    private volatile ShardManager shards;
    private volatile DiscordSender sender;
    /** The outbox the rows are claimed from: the core's ({@link BanduraCore#deliver}). */
    private final Function<Outbox.Sender, Integer> outbox;
    private ScheduledExecutorService jobPostTimer;
    /** Delivers right after a command left something to post, off the event thread; one pass queued at a time. */
    private volatile ExecutorService deliveries;
    private final AtomicBoolean deliveryQueued = new AtomicBoolean();
    private volatile Duration callDeadline = DiscordCalls.DEFAULT_DEADLINE;
    private volatile Duration catchUpWithin = Duration.ofDays(14);
    private volatile DiscordCatchUp catchUp;

    public DiscordFrontDoor(BanduraCore core, DiscordSettings settings) {
        this(core, settings, Duration.ofMinutes(2));
    }

    DiscordFrontDoor(BanduraCore core, DiscordSettings settings, Duration readyTimeout) {
        this.core = core;
        this.settings = settings;
        this.readyTimeout = readyTimeout;
        this.outbox = sender -> core.deliver(Platform.DISCORD, sender);
    }

    /** How long one Discord call may wait in JDA (behind a rate limit, or retrying a 5xx). Call before start. */
    DiscordFrontDoor callDeadline(Duration deadline) {
        this.callDeadline = deadline;
        return this;
    }

    /**
     * Connects every shard of this process, registers the commands and logs the invite URL. Blocks until ready.
     *
     * @throws DiscordStartException with one line saying what to fix (token, intent, connection)
     */
    public void start() {
        if (settings.token().isBlank()) {
            throw new DiscordStartException(NO_TOKEN);
        }
        DiscordText.installDefaults();
        int shardCount = settings.shardMax() - settings.shardMin() + 1;
        StartWatch watch = new StartWatch(shardCount);
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(settings.token(), INTENTS)
                .enableCache(CacheFlag.FORUM_TAGS)
                .setRestConfig(new RestConfig().setBaseUrl(settings.restUrl()))
                .setShardsTotal(settings.shardTotal())
                .setShards(settings.shardMin(), settings.shardMax())
                .setEnableShutdownHook(false)
                .setEventPoolProvider(new OneThreadPerShard())
                .addEventListeners(watch, new BanduraListener(core, settings, this::deliverSoon));
        catchUp = new DiscordCatchUp(core, settings, catchUpWithin, this::deliverSoon);
        builder.addEventListeners(catchUp);
        if (settings.gatewayUrl() != null) {
            builder.setSessionController(new FixedGateway(settings.gatewayUrl()));
        }
        LOG.info("Connecting to Discord: {}", settings);
        try {
            shards = builder.build();
        } catch (InvalidTokenException e) {
            throw new DiscordStartException(BAD_TOKEN, e);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        try {
            watch.ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof DiscordStartException start ? start : translate(e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new DiscordStartException("Discord did not get ready within " + readyTimeout.toSeconds()
                    + " s: check the network and discord.rest-url / discord.gateway-url.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new DiscordStartException("Interrupted while connecting to Discord.");
        }
        DiscordCalls calls = new DiscordCalls(callDeadline);
        sender = new DiscordSender(shards, new QuestionPublisher(calls), calls);
        deliveries = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bandura-discord-outbox");
            thread.setDaemon(true);
            return thread;
        });
        registerCommands();
        LOG.info("Discord is ready. Invite the bot with: {}", inviteUrl());
        deliverSoon();
    }

    /**
     * How far back catch-up after downtime looks: open questions asked within this (config {@code catch-up.days},
     * default 14 days). Call before {@link #start()}.
     */
    public DiscordFrontDoor catchUpWithin(Duration within) {
        if (within == null || within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("catch-up window must be positive, was " + within);
        }
        this.catchUpWithin = within;
        return this;
    }

    /** The catch-up queued last (at start or at a new session): completes with the number of commands it ran. */
    CompletableFuture<Integer> latestCatchUp() {
        DiscordCatchUp current = catchUp;
        return current == null ? CompletableFuture.completedFuture(0) : current.latest();
    }

    /** The OAuth2 URL that adds the bot with exactly the scopes and permissions it needs. */
    public String inviteUrl() {
        JDA any = anyShard();
        long applicationId = any.getSelfUser().getApplicationIdLong();
        return inviteUrl(applicationId);
    }

    static String inviteUrl(long applicationId) {
        return "https://discord.com/oauth2/authorize?client_id=" + Long.toUnsignedString(applicationId)
                + "&scope=bot%20applications.commands&permissions=" + Permission.getRaw(PERMISSIONS);
    }

    /**
     * Delivers the core's outbox (question posts waiting for a retry, job output such as escalations and accept
     * prompts, the adapter's own operations) every {@code every} on one daemon thread, stopped by {@link #close()},
     * and says where job output goes. Rows are also delivered right after each command that left one. The
     * {@code outbox} argument is no longer read: delivery goes through {@link BanduraCore#deliver}, which owns the
     * same table and makes a question searchable as soon as it is posted. Call after {@link #start()}.
     *
     * @param fallbackChannel channel id for the second escalation step and moderator notes; null: the question's
     *                        thread
     * @param fallbackRole    role id mentioned in the second escalation step; null for none
     */
    public synchronized void deliverJobPosts(Outbox outbox, String fallbackChannel, String fallbackRole,
                                             Duration every) {
        deliverJobPosts(outbox, fallbackChannel, fallbackRole, null, every);
    }

    /** @param digestChannel channel id where the weekly digest is posted ({@code digest.channel}); null: not posted */
    public synchronized void deliverJobPosts(Outbox outbox, String fallbackChannel, String fallbackRole,
                                             String digestChannel, Duration every) {
        DiscordSender current = sender;
        if (current == null) {
            throw new IllegalStateException("Start the Discord front door before delivering job posts");
        }
        current.places(new DiscordJobPosts.Places(fallbackChannel, fallbackRole, digestChannel));
        jobPostTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bandura-discord-job-posts");
            thread.setDaemon(true);
            return thread;
        });
        jobPostTimer.scheduleWithFixedDelay(this::deliverJobPostsNow, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * One delivery pass over the outbox (question posts, job messages, the adapter's operations), for the timer and
     * for tests. @return how many rows were delivered
     */
    int deliverJobPostsNow() {
        DiscordSender current = sender;
        try {
            return current == null ? 0 : outbox.apply(current);
        } catch (RuntimeException e) {
            LOG.warn("Delivering the outbox to Discord failed, will try again: {}", e.toString());
            return 0;
        }
    }

    /** Queues one delivery pass on the outbox thread unless one is already waiting; never blocks the caller. */
    void deliverSoon() {
        ExecutorService current = deliveries;
        if (current == null || !deliveryQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            current.execute(() -> {
                deliveryQueued.set(false);
                deliverJobPostsNow();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            deliveryQueued.set(false);
        }
    }

    /** For tests and the launcher: the running shard manager. */
    ShardManager shardManager() {
        return shards;
    }

    /**
     * Closes the gateway connections cleanly (close frame, no resume) after JDA has sent the REST requests already
     * queued, such as replies to the last commands; waits up to 10 s for that.
     */
    @Override
    public void close() {
        flushOutbox(Duration.ofSeconds(5));
        synchronized (this) {
            if (jobPostTimer != null) {
                jobPostTimer.shutdownNow();
                jobPostTimer = null;
            }
            if (deliveries != null) {
                deliveries.shutdownNow();
                deliveries = null;
            }
        }
        DiscordCatchUp runningCatchUp = catchUp;
        if (runningCatchUp != null) {
            runningCatchUp.close();
        }
        ShardManager current = shards;
        shards = null;
        if (current == null) {
            return;
        }
        List<JDA> running = List.copyOf(current.getShards());
        current.shutdown();
        try {
            for (JDA shard : running) {
                if (!shard.awaitShutdown(Duration.ofSeconds(10))) {
                    LOG.warn("Discord shard {} did not finish its requests within 10 s; closing it anyway.",
                            shard.getShardInfo().getShardString());
                    shard.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.forEach(JDA::shutdownNow);
        }
    }

    /** One last delivery pass before the gateway closes, so what is due goes out now rather than after a restart. */
    private void flushOutbox(Duration within) {
        ExecutorService current = deliveries;
        if (current == null || shards == null) {
            return;
        }
        try {
            current.submit(this::deliverJobPostsNow).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            LOG.info("Outbox not fully delivered before stopping ({}); the rest goes out after the restart",
                    e.toString());
        }
    }

    private void registerCommands() {
        if (!settings.devGuildIds().isEmpty()) {
            for (String guildId : settings.devGuildIds()) {
                Guild guild = shards.getGuildById(guildId);
                if (guild == null) {
                    LOG.warn("Dev guild {} is not on this process's shards; its commands were not registered", guildId);
                    continue;
                }
                guild.updateCommands().addCommands(SlashCommands.all()).complete();
                LOG.info("Registered {} commands in guild {}", SlashCommands.all().size(), guild.getName());
            }
        } else if (settings.shardMin() == 0) {
            anyShard().updateCommands().addCommands(SlashCommands.all()).complete();
            LOG.info("Registered {} global commands (Discord may take up to an hour to show them)",
                    SlashCommands.all().size());
        }
    }

    private JDA anyShard() {
        ShardManager current = shards;
        if (current == null) {
            throw new IllegalStateException("The Discord front door is not started");
        }
        List<JDA> list = current.getShards();
        return list.get(0);
    }

    private static DiscordStartException translate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DiscordStartException start) {
                return start;
            }
            if (cause instanceof InvalidTokenException
                    || cause instanceof ErrorResponseException error && error.getResponse() != null
                    && error.getResponse().code == 401) {
                return new DiscordStartException(BAD_TOKEN, e);
            }
        }
        return new DiscordStartException("Could not connect to Discord: " + e, e);
    }

    /** Completes when every shard of this process is ready; fails on the first shard Discord turns away. */
    private static final class StartWatch extends ListenerAdapter {
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final AtomicInteger missing;

        StartWatch(int shards) {
            this.missing = new AtomicInteger(shards);
        }

        @Override
        public void onReady(ReadyEvent event) {
            if (missing.decrementAndGet() == 0) {
                ready.complete(null);
            }
        }

        @Override
        public void onShutdown(ShutdownEvent event) {
            CloseCode code = event.getCloseCode();
            if (code == CloseCode.DISALLOWED_INTENTS) {
                ready.completeExceptionally(new DiscordStartException(MISSING_INTENT));
            } else if (code == CloseCode.AUTHENTICATION_FAILED) {
                ready.completeExceptionally(new DiscordStartException(BAD_TOKEN));
            } else {
                ready.completeExceptionally(new DiscordStartException("Discord closed the connection"
                        + (code == null ? "" : ": " + code.getMeaning())));
            }
        }
    }

    /** Events of one shard run in order on one thread, so handlers may wait for Discord without blocking the socket. */
    private static final class OneThreadPerShard implements ThreadPoolProvider<ExecutorService> {
        @Override
        public ExecutorService provide(int shardId) {
            return Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bandura-discord-events-" + shardId);
                thread.setDaemon(true);
                return thread;
            });
        }

        @Override
        public boolean shouldShutdownAutomatically(int shardId) {
            return true;
        }
    }

    /** Uses {@code discord.gateway-url} instead of the URL {@code GET /gateway/bot} answers; keeps its shard count. */
    private static final class FixedGateway extends ConcurrentSessionController {
        private final String url;

        FixedGateway(String url) {
            this.url = url;
        }

        @Override
        public String getGateway() {
            return url;
        }

        @Override
        public ShardedGateway getShardedGateway(JDA api) {
            ShardedGateway asked = super.getShardedGateway(api);
            return new ShardedGateway(url, asked.getShardTotal(), asked.getConcurrency());
        }
    }
}
