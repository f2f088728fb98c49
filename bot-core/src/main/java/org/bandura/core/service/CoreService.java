package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import org.bandura.core.BanduraCore;
import org.bandura.core.Outbox;
import org.bandura.core.model.Platform;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.followup.FollowUpSettings;
import org.bandura.core.health.HealthMeasures;
import org.bandura.core.health.HealthSettings;
import org.bandura.core.followup.ThankYouDetector;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.CatchUpRepository;
import org.bandura.core.persistence.CommentRepository;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.OutboxRepository;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.Sql;
import org.bandura.core.persistence.StorageUnavailableException;
import org.bandura.core.reply.Reply;
import org.bandura.core.text.InputText;
import org.bandura.core.search.LuceneQuestionIndex;
import org.bandura.core.search.QuestionSearch;
import org.bandura.core.search.SearchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core: each command runs in one transaction, at most once per event key, and always ends in a reply a
 * person can read. The full list of commands is {@link Command}; this class only routes them.
 */
public final class CoreService implements BanduraCore, AutoCloseable {

    static final String STORAGE_DOWN = "I can't reach my storage right now, so nothing was saved. "
            + "Please try again in a moment.";
    static final String INTERNAL_ERROR = "Sorry, something went wrong on my side and nothing was saved. "
            + "Please try again; if it keeps happening, tell an admin.";
    static final String STOPPING = "I'm restarting right now, so nothing was saved. Please try again in a minute.";

    private static final Logger log = LoggerFactory.getLogger(CoreService.class);

    private final Database database;
    private final Clock clock;
    private final Stores stores = Stores.create();
    private final LuceneQuestionIndex searchIndex;
    private final AskService asks;
    private final AnswerService answers;
    private final VoteService votes;
    private final AcceptService accepts;
    private final ExpertService experts;
    private final BrowseService browse;
    private final InFlightCommands inFlight = new InFlightCommands();
    private final AvailabilityService availability;
    private final ClaimService claims;
    private final FollowUpJobs followUpJobs;
    private final FollowUpRepository followUps = new FollowUpRepository();
    private final TagAdminService tagAdmin;
    private final WebAccessService webAccess = new WebAccessService();
    private final CatchUpRepository catchUps = new CatchUpRepository();
    private final ProgressSettings progress;
    private final HealthMeasures healthMeasures;
    private final Digests digests;
    private final DatabaseOutbox outbox;

    /** A core with an in-memory search index, rebuilt from the database at every start. */
    public CoreService(Database database, CoreSettings settings, Clock clock) {
        this(database, settings, FollowUpSettings.defaults(), clock, SearchSettings.inMemory());
    }

    /** A core with an in-memory search index, rebuilt from the database at every start. */
    public CoreService(Database database, CoreSettings settings, FollowUpSettings followUpSettings, Clock clock) {
        this(database, settings, followUpSettings, clock, SearchSettings.inMemory());
    }

    public CoreService(Database database, CoreSettings settings, Clock clock, SearchSettings searchSettings) {
        this(database, settings, FollowUpSettings.defaults(), clock, searchSettings);
    }

    public CoreService(Database database, CoreSettings settings, FollowUpSettings followUpSettings, Clock clock,
                       SearchSettings searchSettings) {
        this.database = database;
        this.clock = clock;
        this.searchIndex = LuceneQuestionIndex.open(database, searchSettings, clock);
        this.outbox = new DatabaseOutbox(database, clock);
        OutboxRepository outbox = new OutboxRepository();
        this.progress = settings.progress();
        BadgeAwards badgeAwards = new BadgeAwards(stores, outbox, progress.badges(), settings.tagExpertThreshold());
        ReputationService reputation = new ReputationService(stores, settings, badgeAwards);
        this.healthMeasures = new HealthMeasures(database, clock, new HealthSettings(progress.sla(), progress.zone(),
                followUpSettings.learnedExpertThreshold()));
        this.digests = new Digests(database, clock, progress, healthMeasures, outbox, stores.badges());
        FollowUpRouter router = new FollowUpRouter(stores, followUps, followUpSettings);
        this.followUpJobs = new FollowUpJobs(stores, followUps, outbox, router, followUpSettings,
                settings.expertsPerQuestion(), clock);
        this.availability = new AvailabilityService(followUps);
        this.claims = new ClaimService(stores, followUps, followUpSettings);
        // Inside a command's transaction the index is searched as it is: run() caught it up before the transaction.
        this.asks = new AskService(stores, settings, searchIndex.withoutCatchingUp(), router, followUpJobs);
        AnswerRecorder recorder = new AnswerRecorder(stores, reputation, followUpJobs);
        this.accepts = new AcceptService(stores, reputation, recorder);
        this.answers = new AnswerService(stores, settings, reputation, accepts, recorder,
                new AcceptPrompts(stores, followUps, outbox, new ThankYouDetector(followUpSettings.thankYouPhrases())));
        this.votes = new VoteService(stores, reputation, accepts, recorder);
        this.experts = new ExpertService(stores, settings, followUps, followUpSettings.learnedExpertThreshold());
        this.tagAdmin = new TagAdminService(stores);
        this.browse = new BrowseService(stores, searchIndex.withoutCatchingUp(), followUpSettings.timing(), badgeAwards,
                progress.zone());
    }

    /** Every job kind a process runs: the standard ones and the follow-through's, for the {@link JobRunner}. */
    public Map<String, JobRunner.Handler> jobHandlers() {
        Map<String, JobRunner.Handler> handlers = new HashMap<>(JobRunner.standardHandlers());
        handlers.putAll(followUpJobs.handlers());
        handlers.put(Digests.POST_DIGEST, digests::post);
        return handlers;
    }

    /**
     * Enqueues each workspace's next weekly digest (and the latest one already due), once however many processes
     * call it; the launcher calls it every hour, tests after moving the clock. @return how many jobs it added
     */
    public int scheduleDigests() {
        return digests.schedule();
    }

    /** The community-health measures this core's digest reads (workspace time zone, health.sla). */
    public HealthMeasures healthMeasures() {
        return healthMeasures;
    }

    @Override
    public Reply handle(Actor actor, Command command) {
        return handle(actor, command, null);
    }

    @Override
    public Reply handle(Actor actor, Command command, String eventKey) {
        Actor cleanActor = InputText.clean(actor);
        Command cleanCommand = InputText.clean(command);
        if (cleanCommand instanceof Command.Help) {
            return browse.help(cleanActor.workspace().platform()); // needs no storage, so it works during an outage too
        }
        if (!inFlight.enter()) {
            return Reply.stopping(STOPPING);
        }
        try {
            return run(cleanActor, cleanCommand, InputText.clean(eventKey));
        } finally {
            inFlight.exit();
        }
    }

    /**
     * Stops taking commands (new ones are told to try again shortly, and change nothing) and waits up to
     * {@code grace} for the commands in flight to finish, so the database can then be closed under none.
     *
     * @return true when every command in flight finished within the grace period
     */
    public boolean stopAccepting(Duration grace) {
        try {
            boolean drained = inFlight.closeAndAwait(grace);
            if (!drained) {
                log.warn("{} command(s) still running after the {}s grace period (shutdown.grace); stopping anyway.",
                        inFlight.running(), grace.toSeconds());
            }
            return drained;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Reply run(Actor actor, Command command, String eventKey) {
        try {
            if (readsSearch(command)) {
                // Before the transaction, so no connection is held while the index catches up.
                searchIndex.awaitOwnWrites();
            }
            Reply reply = database.inTransaction(sql -> {
                Context context = open(sql, actor, command);
                if (eventKey != null && !stores.events().claim(sql, context.workspaceId(), eventKey, context.now())) {
                    return Reply.ignored();
                }
                return dispatch(context, command);
            });
            if (!reply.isIgnored() && changesSearch(command)) {
                searchIndex.changed(); // the index catches up on its own thread: the reply (and the ack) never wait
            }
            return reply;
        } catch (Refusal refusal) {
            return Reply.error(refusal.getMessage());
        } catch (StorageUnavailableException e) {
            // Database logs one line when storage goes away and one when it is back; not one per command.
            log.debug("Storage unreachable while handling {}", command.getClass().getSimpleName());
            return Reply.error(STORAGE_DOWN);
        } catch (RuntimeException e) {
            log.error("Command {} failed", command.getClass().getSimpleName(), e);
            return Reply.error(INTERNAL_ERROR);
        }
    }

    @Override
    public List<String> tagNames(WorkspaceRef workspace, String prefix, int limit) {
        return lookup("Tag", workspace, (sql, workspaceId) -> {
            String start = prefix == null ? "" : InputText.clean(prefix).strip().toLowerCase(java.util.Locale.ROOT);
            if (start.startsWith("#")) {
                start = start.substring(1);
            }
            return stores.tags().names(sql, workspaceId, start, Math.max(1, Math.min(limit, 100)));
        });
    }

    @Override
    public List<PostChoice> postsInThread(WorkspaceRef workspace, String threadKey, int limit) {
        return lookup("Post", workspace, (sql, workspaceId) -> browse.postsInThread(sql, workspaceId, threadKey, limit));
    }

    private interface Lookup<T> {
        List<T> in(Sql sql, long workspaceId) throws SQLException;
    }

    /** A read for pickers and autocomplete: empty for an unknown workspace, and empty (logged) when storage fails. */
    private <T> List<T> lookup(String what, WorkspaceRef workspace, Lookup<T> lookup) {
        try {
            return database.inTransaction(sql -> {
                var id = stores.workspaces().find(sql, workspace);
                return id.isEmpty() ? List.<T>of() : lookup.in(sql, id.get());
            });
        } catch (RuntimeException e) {
            log.warn("{} lookup failed: {}", what, e.toString());
            return List.of();
        }
    }

    @Override
    public Optional<Long> questionOfThread(WorkspaceRef workspace, String threadKey) {
        return lookUp(workspace, (sql, workspaceId) -> {
            Optional<QuestionRow> question = stores.questions().byThread(sql, workspaceId, threadKey);
            return question.isPresent() && stores.questions().isLive(sql, question.get().id())
                    ? Optional.of(question.get().number()) : Optional.empty();
        });
    }

    @Override
    public Optional<String> threadOfMessage(WorkspaceRef workspace, String messageKey) {
        return lookUp(workspace, (sql, workspaceId) -> {
            Optional<Long> questionId = stores.answers().byMessage(sql, workspaceId, messageKey)
                    .map(AnswerRow::questionId);
            if (questionId.isEmpty()) {
                questionId = stores.comments().byMessage(sql, workspaceId, messageKey)
                        .map(CommentRepository.CommentRow::questionId);
            }
            if (questionId.isEmpty()) {
                questionId = stores.questions().byMessage(sql, workspaceId, messageKey).map(QuestionRow::id);
            }
            return questionId.isEmpty() ? Optional.empty()
                    : Optional.ofNullable(stores.questions().byId(sql, questionId.get()).threadKey());
        });
    }

    @FunctionalInterface
    private interface SingleLookup<T> {
        Optional<T> find(Sql sql, long workspaceId) throws SQLException;
    }

    /** A read outside any command: empty when the workspace is unknown or storage fails (logged). */
    private <T> Optional<T> lookUp(WorkspaceRef workspace, SingleLookup<T> lookup) {
        try {
            return database.inTransaction(sql -> {
                var id = stores.workspaces().find(sql, workspace);
                return id.isEmpty() ? Optional.<T>empty() : lookup.find(sql, id.get());
            });
        } catch (RuntimeException e) {
            log.warn("Lookup failed: {}", e.toString());
            return Optional.empty();
        }
    }

    /** At most this many threads per catch-up, newest questions dropped first (a bound on platform calls). */
    static final int CATCH_UP_MAX_THREADS = 500;

    @Override
    public List<OpenThread> openThreads(WorkspaceRef workspace, Duration within) {
        return lookup("Catch-up", workspace, (sql, workspaceId) -> {
            List<OpenThread> threads = new java.util.ArrayList<>();
            for (CatchUpRepository.OpenQuestion open : catchUps.openSince(sql, workspaceId,
                    clock.instant().minus(within), CATCH_UP_MAX_THREADS)) {
                threads.add(new OpenThread(open.number(), open.channelKey(), open.messageKey(), open.threadKey(),
                        open.lastMessageKey(), catchUps.knownMessages(sql, open.id())));
            }
            return threads;
        });
    }

    @Override
    public void caughtUp(WorkspaceRef workspace, String threadKey, String lastMessageKey) {
        if (threadKey == null || lastMessageKey == null) {
            return;
        }
        try {
            database.inTransaction(sql -> {
                var id = stores.workspaces().find(sql, workspace);
                if (id.isPresent()) {
                    catchUps.advance(sql, id.get(), threadKey, lastMessageKey, clock.instant());
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Recording how far catch-up read thread {} failed; it will read it again: {}", threadKey,
                    e.toString());
        }
    }

    /** The outbox this core writes to and delivers from (the front doors' job posts use it too). */
    public DatabaseOutbox outbox() {
        return outbox;
    }

    @Override
    public long enqueue(WorkspaceRef workspace, String orderKey, String kind, String payload, Long questionNumber) {
        if (kind == null || kind.isBlank() || kind.length() > 40) {
            throw new IllegalArgumentException("an outbox kind is 1 to 40 characters, was " + kind);
        }
        return database.inTransaction(sql -> {
            Instant now = clock.instant();
            // find first: an adapter may not know the workspace's name here, and ensure would overwrite it
            Optional<Long> known = stores.workspaces().find(sql, workspace);
            long workspaceId = known.isPresent() ? known.get() : stores.workspaces().ensure(sql, workspace, now);
            Long questionId = null;
            if (questionNumber != null) {
                questionId = stores.questions().byNumber(sql, workspaceId, questionNumber).map(QuestionRow::id)
                        .or(() -> pending(sql, workspaceId, questionNumber)).orElse(null);
            }
            return new OutboxRepository().enqueue(sql, workspaceId, questionId, kind, orderKey, payload, now);
        });
    }

    private Optional<Long> pending(Sql sql, long workspaceId, long number) {
        try {
            return stores.questions().pendingByNumber(sql, workspaceId, number).map(QuestionRow::id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int deliver(Platform platform, Outbox.Sender sender) {
        int delivered = outbox.deliver(platform, sender);
        if (delivered > 0) {
            searchIndex.changed(); // a delivered question post: this process's next search finds it
        }
        return delivered;
    }

    /** Search over this workspace's questions, for front doors that show results themselves (the web). */
    public QuestionSearch search() {
        return searchIndex;
    }

    /** The index behind {@link #search()}, for tools and tests that drive it (catch up, commit, rebuild). */
    public LuceneQuestionIndex searchIndex() {
        return searchIndex;
    }

    /** The commands whose transaction may append to the search change sequence. */
    private static boolean changesSearch(Command command) {
        return command instanceof Command.Ask || command instanceof Command.LinkQuestion
                || command instanceof Command.Answer
                || command instanceof Command.ThreadMessage || command instanceof Command.EditMessage
                || command instanceof Command.DeleteMessage || command instanceof Command.Accept
                || command instanceof Command.AcceptMessage || command instanceof Command.Unaccept
                || command instanceof Command.React || command instanceof Command.DeleteThread
                || command instanceof Command.TagRemove || command instanceof Command.TagMerge;
    }

    /** The commands that search the index inside their transaction (similar questions, {@code /search}). */
    private static boolean readsSearch(Command command) {
        return command instanceof Command.Ask || command instanceof Command.Search;
    }

    private Context open(Sql sql, Actor actor, Command command) throws SQLException {
        var now = clock.instant();
        long workspaceId = stores.workspaces().ensure(sql, actor.workspace(), now);
        // A vote by a known member reads the member and the post in one round trip (docs/benchmarks.md).
        PostRef voted = command instanceof Command.Vote vote ? vote.post()
                : command instanceof Command.Unvote unvote ? unvote.post() : null;
        if (voted != null) {
            Optional<Context> known = votes.openKnown(sql, workspaceId, actor, voted, now);
            if (known.isPresent()) {
                return known.get();
            }
        }
        MemberRow member = stores.members().ensure(sql, workspaceId, actor.userId(), actor.displayName(), now);
        return new Context(sql, workspaceId, actor, member, now);
    }

    private Reply dispatch(Context context, Command command) throws SQLException {
        if (command instanceof Command.Ask ask) {
            return asks.ask(context, ask);
        } else if (command instanceof Command.LinkQuestion link) {
            return asks.link(context, link);
        } else if (command instanceof Command.QuestionPostFailed failed) {
            return asks.postFailed(context, failed);
        } else if (command instanceof Command.Answer answer) {
            return answers.answer(context, answer);
        } else if (command instanceof Command.ThreadMessage message) {
            return answers.threadMessage(context, message);
        } else if (command instanceof Command.EditMessage edit) {
            return answers.edit(context, edit);
        } else if (command instanceof Command.DeleteMessage delete) {
            return answers.delete(context, delete);
        } else if (command instanceof Command.DeleteThread delete) {
            return answers.deleteThread(context, delete);
        } else if (command instanceof Command.RecordAcceptNotice notice) {
            return accepts.recordNotice(context, notice);
        } else if (command instanceof Command.Vote vote) {
            return votes.vote(context, vote);
        } else if (command instanceof Command.Unvote unvote) {
            return votes.unvote(context, unvote);
        } else if (command instanceof Command.React react) {
            return votes.react(context, react);
        } else if (command instanceof Command.Accept accept) {
            return accepts.accept(context, accept);
        } else if (command instanceof Command.AcceptMessage accept) {
            return accepts.acceptMessage(context, accept);
        } else if (command instanceof Command.Unaccept unaccept) {
            return accepts.unaccept(context, unaccept);
        } else if (command instanceof Command.NotYet notYet) {
            return accepts.notYet(context, notYet, followUps);
        } else if (command instanceof Command.ExpertAdd add) {
            return experts.add(context, add);
        } else if (command instanceof Command.ExpertRemove remove) {
            return experts.remove(context, remove);
        } else if (command instanceof Command.ExpertList list) {
            return experts.list(context, list);
        } else if (command instanceof Command.ExpertHours hours) {
            return availability.hours(context, hours);
        } else if (command instanceof Command.ExpertAway away) {
            return availability.away(context, away);
        } else if (command instanceof Command.ExpertBack) {
            return availability.back(context);
        } else if (command instanceof Command.ExpertLimit limit) {
            return availability.limit(context, limit);
        } else if (command instanceof Command.Claim claim) {
            return claims.claim(context, claim);
        } else if (command instanceof Command.Unclaim unclaim) {
            return claims.unclaim(context, unclaim);
        } else if (command instanceof Command.Why why) {
            return claims.why(context, why);
        } else if (command instanceof Command.RemindersSetting reminders) {
            followUps.setReminders(context.sql(), context.member().id(), reminders.on());
            return Reply.ok(reminders.on() ? "I'll remind you privately to accept answers that helped."
                    : "No more reminders to accept answers. /privacy reminders on brings them back.");
        } else if (command instanceof Command.TagAlias alias) {
            return experts.alias(context, alias);
        } else if (command instanceof Command.TagRemove remove) {
            return tagAdmin.remove(context, remove);
        } else if (command instanceof Command.TagMerge merge) {
            return tagAdmin.merge(context, merge);
        } else if (command instanceof Command.DescribeTag describe) {
            return experts.describe(context, describe);
        } else if (command instanceof Command.ListTags) {
            return browse.tags(context);
        } else if (command instanceof Command.Top top) {
            return browse.top(context, top);
        } else if (command instanceof Command.Profile profile) {
            return browse.profile(context, profile);
        } else if (command instanceof Command.Search search) {
            return browse.search(context, search);
        } else if (command instanceof Command.Unanswered unanswered) {
            return browse.unanswered(context, unanswered);
        } else if (command instanceof Command.Home) {
            return browse.home(context);
        } else if (command instanceof Command.Help) {
            return browse.help(context.actor().workspace().platform());
        } else if (command instanceof Command.Privacy privacy) {
            return PrivacyService.privacy(context, stores, privacy);
        } else if (command instanceof Command.Web web) {
            return webAccess.web(context, web);
        } else if (command instanceof Command.Digest) {
            return digests.onDemand(context);
        } else if (command instanceof Command.DigestSetting setting) {
            stores.members().setDigest(context.sql(), context.member().id(), setting.listed());
            return Reply.ok(setting.listed() ? "The weekly digest may list you among its top helpers again."
                    : "The weekly digest won't list you among its top helpers. /digest on undoes this.");
        }
        throw new IllegalArgumentException("unhandled command " + command);
    }

    /** Turns on {@code /web} sign-in links, which point at {@code baseUrl} (no trailing slash). */
    public void enableWebSignIn(String baseUrl) {
        webAccess.setBaseUrl(baseUrl);
        digests.setWebBase(baseUrl);
    }

    @Override
    public void close() {
        searchIndex.close();
    }
}
