package org.bandura.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.MessageReaction;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.ErrorResponse;
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
 * Catch-up after downtime on Discord. Discord replays nothing to a new session, so when a shard becomes ready (start)
 * or its session is recreated (a reconnect that could not resume), the messages of every open question's thread
 * newer than the last one Bandura read are read back (channel history after a message id), with the users of each
 * vote reaction, and what was missed runs through the core as if it had arrived live (see {@link CatchUpPlan}). A
 * resumed session replays its events, so {@code SessionResumeEvent} needs nothing. JDA's request queue keeps every
 * read within Discord's rate limits; runs happen one at a time on their own thread, never on the gateway's.
 */
final class DiscordCatchUp extends ListenerAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordCatchUp.class);
    /** Messages per history request (Discord's maximum) and requests per thread: 2,000 messages at most. */
    static final int PAGE = 100;
    static final int MAX_PAGES = 20;
    /** Users read per reaction. */
    static final int MAX_REACTION_USERS = 500;
    static final String REACTION_KEY_PREFIX = "catch-up:";
    /** Archived threads looked through per channel. */
    static final int MAX_ARCHIVED_THREADS = 1000;

    private final BanduraCore core;
    private final DiscordSettings settings;
    private final Duration within;
    private final CommandMapping mapping;
    private final Actors actors;
    private final DiscordPresenter presenter;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bandura-discord-catch-up");
        thread.setDaemon(true);
        return thread;
    });
    /** Completes when the first catch-up (at start) has run. */
    private final CompletableFuture<Integer> first = new CompletableFuture<>();
    private volatile CompletableFuture<Integer> latest = first;

    DiscordCatchUp(BanduraCore core, DiscordSettings settings, Duration within, Runnable deliverSoon) {
        this.core = core;
        this.settings = settings;
        this.presenter = new DiscordPresenter(core, settings, deliverSoon);
        this.within = within;
        this.mapping = new CommandMapping(settings);
        this.actors = new Actors(settings);
    }

    @Override
    public void onReady(ReadyEvent event) {
        schedule(event.getJDA(), "start");
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        schedule(event.getJDA(), "a new session");
    }

    /** Queues a catch-up of every guild of the shard; the future tells how many commands it ran. */
    synchronized CompletableFuture<Integer> schedule(JDA jda, String why) {
        CompletableFuture<Integer> run = latest == first && !first.isDone() ? first : new CompletableFuture<>();
        latest = run;
        runner.execute(() -> {
            try {
                run.complete(catchUp(jda, why));
            } catch (RuntimeException e) {
                LOG.warn("Catch-up after {} failed; it runs again at the next start or new session: {}", why,
                        e.toString());
                run.complete(0);
            }
        });
        return run;
    }

    /** The catch-up queued last, for tests and the launcher. */
    CompletableFuture<Integer> latest() {
        return latest;
    }

    private int catchUp(JDA jda, String why) {
        int ran = 0;
        int threads = 0;
        int unreachable = 0;
        for (Guild guild : jda.getGuilds()) {
            WorkspaceRef workspace = Actors.workspace(guild);
            List<BanduraCore.OpenThread> openThreads = core.openThreads(workspace, within);
            Map<String, ThreadChannel> archived = archivedThreads(guild, openThreads);
            for (BanduraCore.OpenThread open : openThreads) {
                ThreadChannel thread = guild.getThreadChannelById(open.threadKey());
                if (thread == null) {
                    thread = archived.get(open.threadKey());
                }
                if (thread == null) {
                    unreachable++;
                    continue;
                }
                try {
                    ran += catchUp(guild, thread, open);
                    threads++;
                } catch (RuntimeException e) {
                    unreachable++;
                    LOG.warn("Catch-up of Q{} (thread {}) failed; it is read again next time: {}",
                            open.questionNumber(), open.threadKey(), e.toString());
                }
            }
        }
        if (threads > 0 || unreachable > 0) {
            LOG.info("Caught up after {}: read {} open question thread(s), recorded {} missed event(s){}.", why,
                    threads, ran, unreachable == 0 ? "" : "; " + unreachable
                            + " thread(s) not readable (archived, deleted or no access), left as they are");
        }
        return ran;
    }

    /**
     * Threads Discord archived while nobody wrote in them (after a day by default) are not in the gateway's list, so
     * they are looked up in their channel's archived threads, newest first, until every one needed is found.
     */
    private static Map<String, ThreadChannel> archivedThreads(Guild guild, List<BanduraCore.OpenThread> open) {
        Map<String, java.util.Set<String>> missingByParent = new HashMap<>();
        for (BanduraCore.OpenThread thread : open) {
            if (guild.getThreadChannelById(thread.threadKey()) == null && thread.channelKey() != null) {
                missingByParent.computeIfAbsent(thread.channelKey(), parent -> new java.util.HashSet<>())
                        .add(thread.threadKey());
            }
        }
        Map<String, ThreadChannel> found = new HashMap<>();
        missingByParent.forEach((parentId, missing) -> {
            IThreadContainer parent = guild.getChannelById(IThreadContainer.class, parentId);
            if (parent == null) {
                return;
            }
            try {
                parent.retrieveArchivedPublicThreadChannels()
                        .takeWhileAsync(MAX_ARCHIVED_THREADS, thread -> {
                            boolean stillLooking = !missing.isEmpty();
                            missing.remove(thread.getId());
                            return stillLooking;
                        })
                        .join()
                        .forEach(thread -> found.put(thread.getId(), thread));
            } catch (RuntimeException e) {
                LOG.info("Archived threads of channel {} could not be read: {}", parentId, e.toString());
            }
        });
        return found;
    }

    private int catchUp(Guild guild, ThreadChannel thread, BanduraCore.OpenThread open) {
        String selfId = guild.getJDA().getSelfUser().getId();
        Map<String, User> people = new HashMap<>();
        CatchUpPlan.SeenMessage question = null;
        boolean questionGone = false;
        try {
            Message message = questionChannel(guild, thread, open).retrieveMessageById(open.messageKey()).complete();
            question = seen(message, selfId, people);
        } catch (ErrorResponseException e) {
            questionGone = e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE;
        }
        List<CatchUpPlan.SeenMessage> replies = new ArrayList<>();
        boolean complete = readAfter(thread, windowStart(open), selfId, people, replies);
        CatchUpPlan.Plan plan = CatchUpPlan.plan(open,
                new CatchUpPlan.Snapshot(question, questionGone, replies, complete), KEYS);
        int ran = 0;
        boolean messageFailed = false;
        for (CatchUpPlan.Step step : plan.steps()) {
            Reply reply = core.handle(actor(guild, step, people), step.command(), step.eventKey());
            if (reply.isOk()) {
                ran++;
            }
            if (reply.isError() && step.command() instanceof Command.ThreadMessage) {
                // Not recorded (storage away, stopping, or refused): the window is read again next time.
                messageFailed = true;
            }
            show(thread, step, reply);
        }
        if (!messageFailed) {
            core.caughtUp(Actors.workspace(guild), open.threadKey(), plan.lastMessageKey());
        }
        return ran;
    }

    /** The question's own message: in the forum post itself, or in the text channel the thread was started from. */
    private static GuildMessageChannel questionChannel(Guild guild, ThreadChannel thread, BanduraCore.OpenThread open) {
        GuildChannel channel = open.channelKey() == null ? null : guild.getGuildChannelById(open.channelKey());
        if (channel instanceof GuildMessageChannel messages && !(channel instanceof ForumChannel)) {
            return messages;
        }
        return thread;
    }

    /**
     * Where reading starts: after the last message read, or earlier when an answer or comment Bandura keeps is
     * older, so its edits, deletion and votes are seen too. Never before the thread itself.
     */
    static String windowStart(BanduraCore.OpenThread open) {
        String start = open.lastMessageKey() == null ? open.threadKey() : open.lastMessageKey();
        for (String known : open.knownMessages().keySet()) {
            if (isSnowflake(known)) {
                String before = Long.toUnsignedString(Long.parseUnsignedLong(known) - 1);
                if (CatchUpPlan.MESSAGE_ORDER.compare(before, start) < 0) {
                    start = before;
                }
            }
        }
        return start;
    }

    /** @return true when the history was read to its end */
    private boolean readAfter(ThreadChannel thread, String after, String selfId, Map<String, User> people,
                              List<CatchUpPlan.SeenMessage> into) {
        String cursor = after;
        for (int page = 0; page < MAX_PAGES; page++) {
            MessageHistory history = MessageHistory.getHistoryAfter(thread, cursor).limit(PAGE).complete();
            List<Message> messages = history.getRetrievedHistory();
            for (Message message : messages) {
                if (CatchUpPlan.MESSAGE_ORDER.compare(message.getId(), cursor) > 0) {
                    cursor = message.getId();
                }
                User author = message.getAuthor();
                if (author.isBot() || author.isSystem() || message.isWebhookMessage()
                        || !message.getType().canDelete()) {
                    continue;
                }
                into.add(seen(message, selfId, people));
            }
            if (messages.size() < PAGE) {
                return true;
            }
        }
        LOG.info("Thread {} has more than {} new messages; catch-up read the first {} and goes on next time",
                thread.getId(), PAGE * MAX_PAGES, PAGE * MAX_PAGES);
        return false;
    }

    private CatchUpPlan.SeenMessage seen(Message message, String selfId, Map<String, User> people) {
        people.put(message.getAuthor().getId(), message.getAuthor());
        List<CatchUpPlan.SeenReaction> reactions = new ArrayList<>();
        for (MessageReaction reaction : message.getReactions()) {
            String emoji = reaction.getEmoji().getFormatted();
            Optional<Reaction> meaning = mapping.reaction(emoji);
            if (meaning.isEmpty() || reaction.getCount() == 0 || (reaction.isSelf() && reaction.getCount() == 1)) {
                continue;
            }
            List<String> users = new ArrayList<>();
            for (User user : reaction.retrieveUsers().takeAsync(MAX_REACTION_USERS).join()) {
                if (!user.isBot() && !user.getId().equals(selfId)) {
                    people.put(user.getId(), user);
                    users.add(user.getId());
                }
            }
            if (!users.isEmpty()) {
                reactions.add(new CatchUpPlan.SeenReaction(meaning.get(), emoji, users));
            }
        }
        String text = message.getContentRaw();
        return new CatchUpPlan.SeenMessage(message.getId(), message.getAuthor().getId(), text, reactions);
    }

    /** The person a step runs as; an accept needs their roles (moderators accept), so the member is looked up. */
    private Actor actor(Guild guild, CatchUpPlan.Step step, Map<String, User> people) {
        if (step.actorId() == null) {
            Member self = guild.getSelfMember();
            return new Actor(Actors.workspace(guild), self.getId(), self.getEffectiveName(), true);
        }
        Member member = guild.getMemberById(step.actorId());
        if (member == null && step.command() instanceof Command.React react && react.reaction() == Reaction.ACCEPT) {
            try {
                member = guild.retrieveMemberById(step.actorId()).complete();
            } catch (ErrorResponseException e) {
                LOG.debug("Member {} could not be read: {}", step.actorId(), e.toString());
            }
        }
        return actors.of(guild, member, people.get(step.actorId()), step.actorId());
    }

    /** What the core decided, shown on Discord as the live listener would: 📝 on answers, the accept notice, names. */
    private void show(ThreadChannel thread, CatchUpPlan.Step step, Reply reply) {
        if (!reply.isOk()) {
            return;
        }
        String messageId = step.command() instanceof Command.ThreadMessage message ? message.messageKey()
                : step.command() instanceof Command.React react ? react.messageKey() : null;
        presenter.markAnswer(thread.getGuild(), thread.getId(), messageId, reply);
        presenter.present(thread.getGuild(), reply);
    }

    private static boolean isSnowflake(String key) {
        return key != null && !key.isEmpty() && key.length() <= 20 && key.chars().allMatch(Character::isDigit);
    }

    /** The live keys for messages and deletions; reactions get their own, since history has no gateway sequence. */
    static final CatchUpPlan.Keys KEYS = new CatchUpPlan.Keys() {
        @Override
        public String message(String messageKey) {
            return CommandMapping.messageKey(messageKey);
        }

        @Override
        public String delete(String messageKey) {
            return CommandMapping.deleteKey(messageKey);
        }

        @Override
        public String reaction(String messageKey, String userId, String emoji) {
            return REACTION_KEY_PREFIX + messageKey + ":" + userId + ":" + emoji;
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
