package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.Sql;
import org.bandura.core.persistence.StorageUnavailableException;
import org.bandura.core.reply.Reply;
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

    /** A core with an in-memory search index, rebuilt from the database at every start. */
    public CoreService(Database database, CoreSettings settings, Clock clock) {
        this(database, settings, clock, SearchSettings.inMemory());
    }

    public CoreService(Database database, CoreSettings settings, Clock clock, SearchSettings searchSettings) {
        this.database = database;
        this.clock = clock;
        this.searchIndex = LuceneQuestionIndex.open(database, searchSettings, clock);
        ReputationService reputation = new ReputationService(stores, settings);
        this.asks = new AskService(stores, settings, searchIndex);
        this.answers = new AnswerService(stores, settings, reputation);
        this.accepts = new AcceptService(stores, reputation);
        this.votes = new VoteService(stores, reputation, accepts);
        this.experts = new ExpertService(stores);
        this.browse = new BrowseService(stores, searchIndex);
    }

    @Override
    public Reply handle(Actor actor, Command command) {
        return handle(actor, command, null);
    }

    @Override
    public Reply handle(Actor actor, Command command, String eventKey) {
        try {
            Reply reply = database.inTransaction(sql -> {
                Context context = open(sql, actor);
                if (eventKey != null && !stores.events().claim(sql, context.workspaceId(), eventKey, context.now())) {
                    return Reply.ignored();
                }
                return dispatch(context, command);
            });
            if (reply.status() == Reply.Status.OK && changesSearch(command)) {
                catchUpSearch();
            }
            return reply;
        } catch (Refusal refusal) {
            return Reply.error(refusal.getMessage());
        } catch (StorageUnavailableException e) {
            log.warn("Storage unreachable while handling {}: {}", command.getClass().getSimpleName(), e.getCause().toString());
            return Reply.error(STORAGE_DOWN);
        } catch (RuntimeException e) {
            log.error("Command {} failed", command.getClass().getSimpleName(), e);
            return Reply.error(INTERNAL_ERROR);
        }
    }

    @Override
    public List<String> tagNames(WorkspaceRef workspace, String prefix, int limit) {
        try {
            return database.inTransaction(sql -> {
                var id = stores.workspaces().find(sql, workspace);
                if (id.isEmpty()) {
                    return List.<String>of();
                }
                String start = prefix == null ? "" : prefix.strip().toLowerCase(java.util.Locale.ROOT);
                if (start.startsWith("#")) {
                    start = start.substring(1);
                }
                return stores.tags().names(sql, id.get(), start, Math.max(1, Math.min(limit, 100)));
            });
        } catch (RuntimeException e) {
            log.warn("Tag lookup failed: {}", e.toString());
            return List.of();
        }
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
        return command instanceof Command.Ask || command instanceof Command.Answer
                || command instanceof Command.ThreadMessage || command instanceof Command.EditMessage
                || command instanceof Command.DeleteMessage || command instanceof Command.Accept
                || command instanceof Command.AcceptMessage || command instanceof Command.Unaccept
                || command instanceof Command.React;
    }

    /** A process's own writes are searchable as soon as its reply is; if this fails the follower retries. */
    private void catchUpSearch() {
        try {
            searchIndex.catchUp();
        } catch (RuntimeException e) {
            log.warn("Search index: applying this command's change failed, the follower will retry: {}", e.toString());
        }
    }

    private Context open(Sql sql, Actor actor) throws SQLException {
        var now = clock.instant();
        long workspaceId = stores.workspaces().ensure(sql, actor.workspace(), now);
        MemberRow member = stores.members().ensure(sql, workspaceId, actor.userId(), actor.displayName(), now);
        return new Context(sql, workspaceId, actor, member, now);
    }

    private Reply dispatch(Context context, Command command) throws SQLException {
        if (command instanceof Command.Ask ask) {
            return asks.ask(context, ask);
        } else if (command instanceof Command.LinkQuestion link) {
            return asks.link(context, link);
        } else if (command instanceof Command.Answer answer) {
            return answers.answer(context, answer);
        } else if (command instanceof Command.ThreadMessage message) {
            return answers.threadMessage(context, message);
        } else if (command instanceof Command.EditMessage edit) {
            return answers.edit(context, edit);
        } else if (command instanceof Command.DeleteMessage delete) {
            return answers.delete(context, delete);
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
        } else if (command instanceof Command.ExpertAdd add) {
            return experts.add(context, add);
        } else if (command instanceof Command.ExpertRemove remove) {
            return experts.remove(context, remove);
        } else if (command instanceof Command.ExpertList list) {
            return experts.list(context, list);
        } else if (command instanceof Command.TagAlias alias) {
            return experts.alias(context, alias);
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
            return browse.help();
        }
        throw new IllegalArgumentException("unhandled command " + command);
    }

    @Override
    public void close() {
        searchIndex.close();
    }
}
