package org.bandura.core.testing;

import java.time.Instant;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.followup.FollowUpSettings;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.reply.Reply;
import org.bandura.core.service.CommunityRules;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;

/**
 * A real core on a fresh, Flyway-migrated database, for tests in any module. No mocks: the same services, SQL
 * and transactions as production, on a private in-memory H2 database by default.
 */
public final class TestCore implements AutoCloseable {

    public static final WorkspaceRef CONSOLE = new WorkspaceRef(Platform.CONSOLE, "test", "Test workspace");

    /**
     * Community rules that stay out of the way: anyone creates tags, every known tag is inferred, any reply of
     * substance answers. Tests of other behaviour use it so their short fixtures need no reputation first; the
     * rules' own tests use {@link CoreSettings#defaults()}.
     */
    public static final CommunityRules OPEN_COMMUNITY = new CommunityRules(0, 0, 1000, 0);

    private final Database database;
    private final CoreService core;
    private final MutableClock clock;
    private final boolean ownsDatabase;

    /** The core and its database share one clock, so a test also moves the database's retry-after window. */
    private TestCore(DatabaseSettings databaseSettings, CoreSettings settings, FollowUpSettings followUp,
                     boolean ownsDatabase) {
        this.clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
        this.database = Database.open(databaseSettings, clock);
        this.ownsDatabase = ownsDatabase;
        this.core = new CoreService(database, settings, followUp, clock);
    }

    public static TestCore onH2() {
        return onH2(settings());
    }

    /** The production defaults with {@link #OPEN_COMMUNITY}. */
    public static CoreSettings settings() {
        return CoreSettings.defaults().withCommunity(OPEN_COMMUNITY);
    }

    public static TestCore onH2(CoreSettings settings) {
        return on(TestDatabases.h2(), settings);
    }

    public static TestCore on(DatabaseSettings databaseSettings, CoreSettings settings) {
        return on(databaseSettings, settings, FollowUpSettings.defaults());
    }

    public static TestCore on(DatabaseSettings databaseSettings, CoreSettings settings, FollowUpSettings followUp) {
        return new TestCore(databaseSettings, settings, followUp, true);
    }

    /** A second, independent core (own pool) on a database another TestCore owns: a second bot process. */
    public static TestCore attach(DatabaseSettings databaseSettings, CoreSettings settings) {
        return attach(databaseSettings, settings, FollowUpSettings.defaults());
    }

    public static TestCore attach(DatabaseSettings databaseSettings, CoreSettings settings, FollowUpSettings followUp) {
        return new TestCore(databaseSettings, settings, followUp, false);
    }

    public BanduraCore core() {
        return core;
    }

    public CoreService service() {
        return core;
    }

    public Database database() {
        return database;
    }

    public MutableClock clock() {
        return clock;
    }

    public static Actor user(String name) {
        return new Actor(CONSOLE, name, name, false);
    }

    public static Actor moderator(String name) {
        return new Actor(CONSOLE, name, name, true);
    }

    /** Runs a typed line such as {@code /upvote A1} as {@code actor}. */
    public Reply run(Actor actor, String line) {
        CommandLineParser.Result parsed = CommandLineParser.parseLine(line);
        if (parsed instanceof CommandLineParser.Invalid invalid) {
            return Reply.error(invalid.message());
        }
        return core.handle(actor, ((CommandLineParser.Parsed) parsed).command());
    }

    public Reply run(Actor actor, Command command) {
        return core.handle(actor, command);
    }

    /** A member's stored reputation in a workspace, or 0 if they never appeared. */
    public long reputation(WorkspaceRef workspace, String userId) {
        return database.inTransaction(sql -> sql.count("SELECT m.reputation FROM member m JOIN workspace w "
                + "ON w.id = m.workspace_id WHERE w.platform = ? AND w.external_id = ? AND m.user_id = ?",
                workspace.platform().name(), workspace.externalId(), userId));
    }

    public long reputation(String userId) {
        return reputation(CONSOLE, userId);
    }

    /** The database id of a workspace the core has seen (search takes ids, as the web door does). */
    public long workspaceId(WorkspaceRef workspace) {
        return database.inTransaction(sql -> sql.count("SELECT id FROM workspace WHERE platform = ? AND external_id = ?",
                workspace.platform().name(), workspace.externalId()));
    }

    /** How many rows a table holds: the quickest way to prove nothing was half-written. */
    public long rows(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        return database.inTransaction(sql -> sql.count("SELECT COUNT(*) FROM " + table));
    }

    @Override
    public void close() {
        core.close();
        database.close();
        if (ownsDatabase) {
            TestDatabases.dropSchema(database.settings().schema());
        }
    }
}
