package org.bandura.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bandura.core.health.HealthMeasures;
import org.bandura.core.health.HealthReport;
import org.bandura.core.health.HealthSettings;
import org.bandura.core.health.PeriodSpec;
import org.bandura.core.health.WeekPoint;
import org.bandura.core.knowledge.IndexKnowledgeSearch;
import org.bandura.core.knowledge.KnowledgeBase;
import org.bandura.core.knowledge.WebSignIn;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.CoreService;
import org.bandura.core.service.CoreSettings;
import org.bandura.web.WebServer;
import org.bandura.web.WebSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The {@code /health} dashboard over real HTTP, signed in as a moderator, on an H2 file database holding
 * {@code questions} questions asked evenly over two years (so about 1,000 a week at 100k): 85 % answered after 5 min
 * to 30 h, half of those accepted, two routing mentions each, a claim on every tenth, reputation for answers and
 * accepts, 20 tags, 40 declared experts (some away, some with hours or limits), and the 15 % never answered still
 * open. Sample-time mode gives p50 and p95. Goal: dashboard p95 ≤ 300 ms at 100k questions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HealthDashboardBenchmark {

    static final int MEMBERS = 300;
    static final int TAGS = 20;
    static final Duration SPAN = Duration.ofDays(7 * 104);

    @Param({"100000"})
    int questions;

    private Path directory;
    private Database database;
    private CoreService core;
    private long workspaceId;
    private HealthMeasures measures;
    private WebServer server;
    private HttpClient client;
    private String cookie;

    @Setup(Level.Trial)
    public void start() throws Exception {
        directory = Files.createTempDirectory("bandura-health-bench");
        database = Database.open(DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("bandura")));
        core = new CoreService(database, CoreSettings.defaults(), Clock.systemUTC());
        Instant now = Instant.now();
        seed(now);
        measures = new HealthMeasures(database, Clock.systemUTC(),
                new HealthSettings(Duration.ofHours(4), ZoneId.of("Europe/Berlin"), 50));
        KnowledgeBase knowledge = new KnowledgeBase(database, new IndexKnowledgeSearch(database, core.search()),
                Clock.systemUTC());
        WebSignIn signIn = new WebSignIn(database, Clock.systemUTC());
        server = new WebServer(new WebSettings("127.0.0.1", 0, null, WebSettings.Visibility.MEMBERS, false), core,
                knowledge, signIn, database::isReachable);
        server.serveHealth(new WebServer.HealthDashboard(measures, false));
        server.start();
        String token = database.inTransaction(sql -> WebSignIn.createLinkToken(sql, workspaceId, 1, true, Instant.now()));
        cookie = "bandura_session=" + signIn.redeem(token).session().orElseThrow().token();
        client = HttpClient.newHttpClient();
        get("/health");
    }

    private void seed(Instant now) {
        Random random = new Random(13);
        OffsetDateTime seedTime = now.minus(SPAN).minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC);
        workspaceId = database.inTransaction(sql -> sql.insert("INSERT INTO workspace (platform, external_id, name, "
                + "created_at) VALUES ('CONSOLE', 'bench', 'bench', ?)", seedTime));
        database.inTransaction(sql -> {
            for (int m = 1; m <= MEMBERS; m++) {
                sql.update("INSERT INTO member (id, workspace_id, user_id, display_name, name_key, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", m, workspaceId, "u" + m, "member " + m, "member " + m, seedTime);
            }
            for (int t = 1; t <= TAGS; t++) {
                sql.update("INSERT INTO tag (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)", t, workspaceId,
                        "tag" + t, seedTime);
            }
            for (int e = 0; e < 40; e++) {
                int member = 2 + e;
                sql.update("INSERT INTO expert_subscription (member_id, tag_id, created_at) VALUES (?, ?, ?)",
                        member, 1 + e % (TAGS - 3), seedTime);
                if (e % 4 == 0) {
                    sql.update("INSERT INTO expert_availability (member_id, hours_from, hours_to, days, time_zone, "
                            + "away_until, weekly_limit, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", member,
                            e % 8 == 0 ? "09:00" : null, e % 8 == 0 ? "17:00" : null, e % 8 == 0 ? "1111100" : null,
                            "Europe/Berlin", e % 12 == 0 ? now.plus(Duration.ofDays(3)).atOffset(ZoneOffset.UTC) : null,
                            e % 16 == 0 ? 3 : null, seedTime);
                }
            }
            for (int t = 1; t <= TAGS; t++) {
                for (int m = 50; m < 60; m++) {
                    sql.update("INSERT INTO tag_reputation (member_id, tag_id, points) VALUES (?, ?, ?)", m, t,
                            random.nextInt(120));
                }
            }
            long step = SPAN.toSeconds() / questions;
            long answerId = 0;
            long eventId = 0;
            try (PreparedStatement question = sql.connection().prepareStatement("INSERT INTO question (id, workspace_id, "
                    + "number, asker_id, title, body, answer_count, accepted_answer_id, created_at, first_answer_at, "
                    + "accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement questionTag = sql.connection().prepareStatement(
                         "INSERT INTO question_tag (question_id, tag_id, asked_at, is_open) VALUES (?, ?, ?, ?)");
                 PreparedStatement answer = sql.connection().prepareStatement("INSERT INTO answer (id, workspace_id, "
                         + "number, question_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement mention = sql.connection().prepareStatement("INSERT INTO routing_mention "
                         + "(question_id, member_id, mention_rank, score, mentioned_at) VALUES (?, ?, ?, 0, ?)");
                 PreparedStatement claim = sql.connection().prepareStatement("INSERT INTO question_claim "
                         + "(question_id, member_id, claimed_at, claimed_until) VALUES (?, ?, ?, ?)");
                 PreparedStatement event = sql.connection().prepareStatement("INSERT INTO reputation_event (id, "
                         + "workspace_id, member_id, delta, reason, cause_type, cause_id, question_id, counts_toward_cap, "
                         + "earned_on, created_at) VALUES (?, ?, ?, ?, 'bench', 'VOTE', ?, ?, FALSE, ?, ?)")) {
                for (int n = 1; n <= questions; n++) {
                    Instant asked = now.minus(SPAN).plusSeconds(step * n);
                    boolean answered = random.nextInt(100) < 85 && asked.isBefore(now.minus(Duration.ofMinutes(5)));
                    Instant first = answered ? asked.plusSeconds(300 + random.nextInt(30 * 3600)) : null;
                    boolean accepted = answered && random.nextBoolean();
                    int author = 2 + random.nextInt(MEMBERS - 1);
                    int tag = 1 + random.nextInt(TAGS);
                    question.setLong(1, n);
                    question.setLong(2, workspaceId);
                    question.setLong(3, n);
                    question.setLong(4, 1 + random.nextInt(MEMBERS));
                    question.setString(5, "Seeded question " + n);
                    question.setString(6, "Seeded question body " + n);
                    question.setInt(7, answered ? 1 : 0);
                    question.setObject(8, accepted ? answerId + 1 : null);
                    question.setObject(9, asked.atOffset(ZoneOffset.UTC));
                    question.setObject(10, first == null ? null : first.atOffset(ZoneOffset.UTC));
                    question.setObject(11, accepted ? first.plusSeconds(3600).atOffset(ZoneOffset.UTC) : null);
                    question.addBatch();
                    questionTag.setLong(1, n);
                    questionTag.setLong(2, tag);
                    questionTag.setObject(3, asked.atOffset(ZoneOffset.UTC));
                    questionTag.setBoolean(4, !answered);
                    questionTag.addBatch();
                    if (n % 3 == 0) {
                        questionTag.setLong(2, 1 + tag % TAGS);
                        questionTag.addBatch();
                    }
                    for (int rank = 1; rank <= 2; rank++) {
                        mention.setLong(1, n);
                        mention.setLong(2, 2 + (n * 7 + rank * 13) % (MEMBERS - 1));
                        mention.setInt(3, rank);
                        mention.setObject(4, asked.atOffset(ZoneOffset.UTC));
                        mention.addBatch();
                    }
                    if (n % 10 == 0) {
                        claim.setLong(1, n);
                        claim.setLong(2, author);
                        claim.setObject(3, asked.plusSeconds(60).atOffset(ZoneOffset.UTC));
                        claim.setObject(4, asked.plusSeconds(7260).atOffset(ZoneOffset.UTC));
                        claim.addBatch();
                    }
                    if (answered) {
                        answerId++;
                        answer.setLong(1, answerId);
                        answer.setLong(2, workspaceId);
                        answer.setLong(3, answerId);
                        answer.setLong(4, n);
                        answer.setLong(5, author);
                        answer.setString(6, "Seeded answer " + answerId);
                        answer.setObject(7, first.atOffset(ZoneOffset.UTC));
                        answer.setObject(8, first.atOffset(ZoneOffset.UTC));
                        answer.addBatch();
                        Instant gained = accepted ? first.plusSeconds(3600) : first.plusSeconds(600);
                        eventId++;
                        event.setLong(1, eventId);
                        event.setLong(2, workspaceId);
                        event.setLong(3, author);
                        event.setInt(4, accepted ? 15 : 10);
                        event.setLong(5, eventId);
                        event.setLong(6, n);
                        event.setObject(7, LocalDate.ofInstant(gained, ZoneOffset.UTC));
                        event.setObject(8, gained.atOffset(ZoneOffset.UTC));
                        event.addBatch();
                    }
                    if (n % 5_000 == 0 || n == questions) {
                        question.executeBatch();
                        questionTag.executeBatch();
                        answer.executeBatch();
                        mention.executeBatch();
                        claim.executeBatch();
                        event.executeBatch();
                    }
                }
            }
            sql.update("UPDATE workspace SET next_question_number = ?, next_answer_number = ? WHERE id = ?",
                    questions + 1, answerId + 1, workspaceId);
            return null;
        });
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.publicUrl() + path))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    HealthMeasures measures() {
        return measures;
    }

    long workspaceId() {
        return workspaceId;
    }

    Database database() {
        return database;
    }

    /** The whole page as a moderator opens it: this week's report, the 12-week trend, the tag list, rendered. */
    @Benchmark
    public String dashboardThisWeek() throws Exception {
        return get("/health");
    }

    /** A month, filtered by a tag (about 1/7 of the questions carry each tag). */
    @Benchmark
    public String dashboardMonthOneTag() throws Exception {
        return get("/health?period=month&tag=tag3");
    }

    /** One chart's CSV download. */
    @Benchmark
    public String csv() throws Exception {
        return get("/health.csv?chart=sla");
    }

    /** The report alone, without HTTP or the trend: what the digest reads. */
    @Benchmark
    public HealthReport reportOnly() {
        return measures.report(workspaceId, measures.currentPeriod(PeriodSpec.Kind.WEEK), Optional.empty());
    }

    /** The 12-week trend alone. */
    @Benchmark
    public java.util.List<WeekPoint> trendOnly() {
        return measures.weeklyTrend(workspaceId, Optional.empty(), HealthMeasures.TREND_WEEKS);
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
        core.close();
        database.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
