package org.bandura.core.health;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bandura.core.followup.Availability;
import org.bandura.core.health.HealthReport.Age;
import org.bandura.core.health.HealthReport.AgeBucket;
import org.bandura.core.health.HealthReport.ExpertLoad;
import org.bandura.core.health.HealthReport.KnowledgeGaps;
import org.bandura.core.health.HealthReport.MemberGain;
import org.bandura.core.health.HealthReport.OpenQuestion;
import org.bandura.core.health.HealthReport.Participation;
import org.bandura.core.health.HealthReport.QuestionStats;
import org.bandura.core.health.HealthReport.SlowTag;
import org.bandura.core.health.HealthReport.TagGain;
import org.bandura.core.health.HealthReport.UncoveredTag;
import org.bandura.core.health.HealthReport.Unanswered;
import org.bandura.core.knowledge.ChatLinks;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.FollowUpRepository.AvailabilityRow;
import org.bandura.core.persistence.Sql;
import org.bandura.core.persistence.TagRepository;

/**
 * Community-health measures: read-only queries over what the bot already records (question first-answer and accept
 * times, answers, routing mentions, claims, the reputation ledger, expert availability). No platform or web types;
 * the web dashboard and the weekly digest read the same records.
 *
 * <p>Each measure is one query over an indexed time range of the workspace (V11 adds the indexes, V20 those of the
 * tag filter), so a report stays fast at 100k questions. Medians and percentiles use the nearest-rank method:
 * always a time some question really took.
 */
public final class HealthMeasures {

    public static final int TREND_WEEKS = 12;
    static final int EXPERT_ROWS = 50;

    private final Database database;
    private final Clock clock;
    private final HealthSettings settings;
    private final FollowUpRepository followUps = new FollowUpRepository();
    private final TagRepository tags = new TagRepository();

    public HealthMeasures(Database database, Clock clock, HealthSettings settings) {
        this.database = database;
        this.clock = clock;
        this.settings = settings;
    }

    public HealthSettings settings() {
        return settings;
    }

    public ZoneId zone() {
        return settings.zone();
    }

    /** The workspace's database id for a platform's workspace, if Bandura has seen it. */
    public Optional<Long> workspaceId(String platform, String externalId) {
        return database.inTransaction(sql -> sql.one("SELECT id FROM workspace WHERE platform = ? AND external_id = ?",
                row -> row.getLong(1), platform, externalId));
    }

    /** A tag's canonical name, by name or alias; empty when the workspace has no such tag. */
    public Optional<String> resolveTag(long workspaceId, String name) {
        return database.inTransaction(sql -> tags.resolve(sql, workspaceId, name).map(TagRepository.Tag::name));
    }

    /** Every tag of the workspace that has questions, by name, for a filter. */
    public List<String> tagNames(long workspaceId) {
        return database.inTransaction(sql -> sql.list("SELECT t.name FROM tag t WHERE t.workspace_id = ? AND EXISTS "
                + "(SELECT 1 FROM question_tag qt WHERE qt.tag_id = t.id) ORDER BY t.name", row -> row.getString(1),
                workspaceId));
    }

    /** The period that contains now, in the workspace time zone. */
    public PeriodSpec currentPeriod(PeriodSpec.Kind kind) {
        return PeriodSpec.current(kind, clock, settings.zone());
    }

    /** A period as a shareable URL holds it ({@code week}, {@code month}, {@code 2026-W43}, {@code 2026-11}). */
    public Optional<PeriodSpec> parsePeriod(String text) {
        return PeriodSpec.parse(text, clock, settings.zone());
    }

    /**
     * The health of the workspace in the period.
     *
     * @param tag a tag name or alias; a name the workspace doesn't know gives an empty report for it
     */
    public HealthReport report(long workspaceId, PeriodSpec period, Optional<String> tag) {
        return database.inTransaction(sql -> report(sql, workspaceId, period, tag));
    }

    /** {@link #report(long, PeriodSpec, Optional)} inside the caller's transaction (a command, a job). */
    public HealthReport report(Sql sql, long workspaceId, PeriodSpec period, Optional<String> tag) throws SQLException {
        Instant now = clock.instant();
        Instant from = period.from(settings.zone());
        Instant to = period.to(settings.zone());
        Filter filter = filter(sql, workspaceId, tag);
        List<Asked> cohort = cohort(sql, workspaceId, filter, from, to);
        QuestionStats stats = stats(cohort, now);
        Unanswered unanswered = unanswered(sql, workspaceId, filter, now);
        KnowledgeGaps gaps = gaps(sql, workspaceId, filter, from, to, now);
        AnswerWork work = answerWork(sql, workspaceId, filter, from, to);
        List<ExpertLoad> experts = expertLoad(sql, workspaceId, filter, from, to, work);
        Set<Long> askers = new HashSet<>();
        cohort.forEach(question -> askers.add(question.askerId()));
        Participation participation = new Participation(askers.size(), work.answers().size(),
                firstTimeAnswerers(sql, workspaceId, filter, from, to));
        return new HealthReport(workspaceId, period, filter.name(), from, to, now, settings.sla(), stats,
                unanswered, gaps, experts, participation, memberGains(sql, workspaceId, filter, from, to),
                tagGains(sql, workspaceId, filter, from, to));
    }

    /** The last {@code weeks} ISO weeks (in the workspace time zone) up to and including the current one, oldest first. */
    public List<WeekPoint> weeklyTrend(long workspaceId, Optional<String> tag, int weeks) {
        if (weeks < 1 || weeks > 520) {
            throw new IllegalArgumentException("weeks must be between 1 and 520");
        }
        Instant now = clock.instant();
        ZoneId zone = settings.zone();
        PeriodSpec last = PeriodSpec.current(PeriodSpec.Kind.WEEK, clock, zone);
        LocalDate firstMonday = last.start().minusWeeks(weeks - 1L);
        Instant from = firstMonday.atStartOfDay(zone).toInstant();
        Instant to = last.to(zone);
        return database.inTransaction(sql -> {
            Filter filter = filter(sql, workspaceId, tag);
            Map<LocalDate, List<Asked>> byWeek = new LinkedHashMap<>();
            for (int i = 0; i < weeks; i++) {
                byWeek.put(firstMonday.plusWeeks(i), new ArrayList<>());
            }
            for (Asked question : cohort(sql, workspaceId, filter, from, to)) {
                LocalDate monday = PeriodSpec.week(LocalDate.ofInstant(question.askedAt(), zone)).start();
                byWeek.get(monday).add(question);
            }
            List<WeekPoint> points = new ArrayList<>();
            byWeek.forEach((monday, questions) -> {
                QuestionStats stats = stats(questions, now);
                points.add(new WeekPoint(monday, stats.asked(), stats.answered(), stats.slaCounted(),
                        stats.answeredWithinSla(), stats.firstAnswerMedian(), stats.firstAnswerP90()));
            });
            return List.copyOf(points);
        });
    }

    /** The percentile by nearest rank of sorted values: the smallest value with at least p of them at or below it. */
    static Optional<Duration> nearestRank(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return Optional.of(sorted.get(Math.max(1, Math.min(rank, sorted.size())) - 1));
    }

    // ---- the queries ----

    /**
     * The tag filter as SQL: {@code tagId} null for none, -1 for a tag the workspace doesn't know. Queries over
     * questions asked in a period, and open-question counts, read the tag's own question_tag rows (V20 keeps there
     * the question's asked time and open state); queries over what happened in a period (answers, mentions, claims,
     * accepts, reputation) check each row's question against the tag before they read the question itself.
     */
    private record Filter(Optional<String> name, Long tagId) {
        /** A condition that the question whose id is {@code questionId} (a column) carries the tag. */
        String on(String questionId) {
            return tagId == null ? "" : " AND EXISTS (SELECT 1 FROM question_tag qtf WHERE qtf.question_id = "
                    + questionId + " AND qtf.tag_id = " + tagId + ")";
        }

        boolean none() {
            return tagId == null;
        }
    }

    private Filter filter(Sql sql, long workspaceId, Optional<String> tag) throws SQLException {
        if (tag.isEmpty() || tag.get().isBlank()) {
            return new Filter(Optional.empty(), null);
        }
        Optional<TagRepository.Tag> found = tags.resolve(sql, workspaceId, tag.get().strip());
        return found.map(t -> new Filter(Optional.of(t.name()), t.id()))
                .orElse(new Filter(Optional.of(tag.get().strip()), -1L));
    }

    private record Asked(long id, long askerId, Instant askedAt, Instant firstAnswerAt, Instant acceptedAt) {
    }

    private static List<Asked> cohort(Sql sql, long workspaceId, Filter filter, Instant from, Instant to)
            throws SQLException {
        String columns = "SELECT q.id, q.asker_id, q.created_at, q.first_answer_at, q.accepted_at ";
        Sql.RowMapper<Asked> asked = row -> new Asked(row.getLong(1), row.getLong(2), Sql.instant(row, "created_at"),
                Sql.instant(row, "first_answer_at"), Sql.instant(row, "accepted_at"));
        if (filter.none()) {
            return sql.list(columns + "FROM question q WHERE q.workspace_id = ? AND q.created_at >= ? "
                    + "AND q.created_at < ? AND q.deleted_at IS NULL", asked, workspaceId, from, to);
        }
        // The tag's questions of the period from ix_question_tag_asked; only those rows are read.
        return sql.list(columns + "FROM question_tag qt JOIN question q ON q.id = qt.question_id WHERE qt.tag_id = "
                + filter.tagId() + " AND qt.asked_at >= ? AND qt.asked_at < ? AND q.workspace_id = ? "
                + "AND q.deleted_at IS NULL", asked, from, to, workspaceId);
    }

    private QuestionStats stats(List<Asked> cohort, Instant now) {
        List<Duration> firstAnswers = new ArrayList<>();
        List<Duration> accepts = new ArrayList<>();
        long slaCounted = 0;
        long withinSla = 0;
        for (Asked question : cohort) {
            boolean answeredInTime = false;
            if (question.firstAnswerAt() != null) {
                Duration wait = Duration.between(question.askedAt(), question.firstAnswerAt());
                firstAnswers.add(wait);
                answeredInTime = wait.compareTo(settings.sla()) <= 0;
            }
            if (question.acceptedAt() != null) {
                accepts.add(Duration.between(question.askedAt(), question.acceptedAt()));
            }
            if (answeredInTime) {
                withinSla++;
                slaCounted++;
            } else if (!question.askedAt().plus(settings.sla()).isAfter(now)) {
                slaCounted++;
            }
        }
        firstAnswers.sort(Comparator.naturalOrder());
        accepts.sort(Comparator.naturalOrder());
        return new QuestionStats(cohort.size(), firstAnswers.size(), accepts.size(), slaCounted, withinSla,
                nearestRank(firstAnswers, 0.5), nearestRank(firstAnswers, 0.9), nearestRank(accepts, 0.5));
    }

    private static Unanswered unanswered(Sql sql, long workspaceId, Filter filter, Instant now) throws SQLException {
        String platform = sql.one("SELECT platform, external_id FROM workspace WHERE id = ?",
                row -> row.getString(1) + "\n" + row.getString(2), workspaceId).orElse("\n");
        String[] place = platform.split("\n", -1);
        List<AgeBucket> buckets = new ArrayList<>();
        long total = 0;
        for (Age age : Age.values()) {
            Instant youngest = now.minus(age.min());
            Optional<Instant> oldest = age.max().map(now::minus);
            String where;
            String from;
            String order;
            Object[] args;
            if (filter.none()) {
                // ix_question_open_live holds every column of the count: no row is read to count the open questions.
                from = " FROM question q";
                where = " WHERE q.workspace_id = ? AND q.answer_count = 0 AND q.deleted_at IS NULL "
                        + "AND q.created_at <= ?"
                        + (oldest.isPresent() ? " AND q.created_at > ?" : "");
                order = " ORDER BY q.workspace_id, q.answer_count, q.deleted_at, q.created_at, q.id";
                args = oldest.isPresent() ? new Object[] {workspaceId, youngest, oldest.get()}
                        : new Object[] {workspaceId, youngest};
            } else {
                // The tag's open questions: ix_question_tag_open holds every column of the count.
                from = " FROM question_tag qt";
                where = " WHERE qt.tag_id = " + filter.tagId() + " AND qt.is_open = TRUE AND qt.asked_at <= ?"
                        + (oldest.isPresent() ? " AND qt.asked_at > ?" : "");
                order = " ORDER BY qt.tag_id, qt.is_open, qt.asked_at, qt.question_id";
                args = oldest.isPresent() ? new Object[] {youngest, oldest.get()} : new Object[] {youngest};
            }
            long count = sql.count("SELECT COUNT(*)" + from + where, args);
            List<OpenQuestion> listed = count == 0 ? List.of() : sql.list("SELECT q.id, q.number, q.title, q.created_at, "
                    + "q.channel_key, q.message_key" + from
                    + (filter.none() ? "" : " JOIN question q ON q.id = qt.question_id")
                    + where + order + " FETCH FIRST " + Unanswered.LISTED + " ROWS ONLY", row -> {
                        Instant asked = Sql.instant(row, "created_at");
                        return new OpenQuestion(row.getLong("id"), row.getLong("number"), row.getString("title"),
                                List.of(), asked, Duration.between(asked, now), ChatLinks.of(place[0], place[1],
                                row.getString("channel_key"), row.getString("message_key")));
                    }, args);
            buckets.add(new AgeBucket(age, count, listed));
            total += count;
        }
        // The listed questions' tags, in one query.
        Map<Long, List<String>> tagsOf = new HashMap<>();
        List<Long> ids = buckets.stream().flatMap(bucket -> bucket.oldest().stream()).map(OpenQuestion::id).toList();
        if (!ids.isEmpty()) {
            sql.list("SELECT qt.question_id, t.name FROM question_tag qt JOIN tag t ON t.id = qt.tag_id "
                    + "WHERE qt.question_id IN (" + Sql.marks(ids.size()) + ") ORDER BY t.name",
                    row -> tagsOf.computeIfAbsent(row.getLong(1), id -> new ArrayList<>()).add(row.getString(2)),
                    ids.toArray());
        }
        List<AgeBucket> tagged = new ArrayList<>();
        for (AgeBucket bucket : buckets) {
            tagged.add(new AgeBucket(bucket.age(), bucket.count(), bucket.oldest().stream()
                    .map(open -> new OpenQuestion(open.id(), open.number(), open.title(),
                            List.copyOf(tagsOf.getOrDefault(open.id(), List.of())), open.askedAt(), open.age(),
                            open.chatLink()))
                    .toList()));
        }
        return new Unanswered(total, List.copyOf(tagged));
    }


    private KnowledgeGaps gaps(Sql sql, long workspaceId, Filter filter, Instant from, Instant to, Instant now)
            throws SQLException {
        // The cohort's questions per tag, with what the SLA share needs.
        record TagTally(long tagId, String name, long[] counts) {
        }
        Map<Long, TagTally> tally = new LinkedHashMap<>();
        Duration sla = settings.sla();
        String tagged = filter.none()
                ? "SELECT t.id, t.name, q.created_at, q.first_answer_at FROM question q "
                        + "JOIN question_tag qt ON qt.question_id = q.id JOIN tag t ON t.id = qt.tag_id "
                        + "WHERE q.workspace_id = ? AND q.created_at >= ? AND q.created_at < ? AND q.deleted_at IS NULL"
                : "SELECT t.id, t.name, q.created_at, q.first_answer_at FROM question_tag qt "
                        + "JOIN question q ON q.id = qt.question_id JOIN tag t ON t.id = qt.tag_id "
                        + "WHERE qt.tag_id = " + filter.tagId() + " AND q.workspace_id = ? AND qt.asked_at >= ? "
                        + "AND qt.asked_at < ? AND q.deleted_at IS NULL";
        sql.list(tagged, row -> {
                    String name = row.getString(2);
                    long[] counts = tally.computeIfAbsent(row.getLong(1),
                            id -> new TagTally(id, name, new long[3])).counts();
                    Instant asked = Sql.instant(row, "created_at");
                    Instant answered = Sql.instant(row, "first_answer_at");
                    counts[0]++;
                    boolean inTime = answered != null && Duration.between(asked, answered).compareTo(sla) <= 0;
                    if (inTime) {
                        counts[1]++;
                        counts[2]++;
                    } else if (!asked.plus(sla).isAfter(now)) {
                        counts[1]++;
                    }
                    return null;
                }, workspaceId, from, to);
        if (tally.isEmpty()) {
            return new KnowledgeGaps(List.of(), List.of());
        }
        // Who could help with each tag: declared experts, and learned ones who didn't opt out.
        Map<Long, Set<Long>> expertsByTag = new HashMap<>();
        sql.list("SELECT es.tag_id, es.member_id FROM expert_subscription es JOIN tag t ON t.id = es.tag_id "
                + "WHERE t.workspace_id = ?", row -> expertsByTag.computeIfAbsent(row.getLong(1), id -> new HashSet<>())
                .add(row.getLong(2)), workspaceId);
        sql.list("SELECT tr.tag_id, tr.member_id FROM tag_reputation tr JOIN tag t ON t.id = tr.tag_id "
                + "WHERE t.workspace_id = ? AND tr.points >= ? AND NOT EXISTS (SELECT 1 FROM expert_opt_out o "
                + "WHERE o.member_id = tr.member_id AND o.tag_id = tr.tag_id)", row -> expertsByTag
                .computeIfAbsent(row.getLong(1), id -> new HashSet<>()).add(row.getLong(2)),
                workspaceId, (long) settings.learnedExpertThreshold());
        Map<Long, AvailabilityRow> availability = followUps.availabilities(sql, workspaceId);
        Map<Long, Integer> mentions = followUps.mentionCountsSince(sql, workspaceId,
                now.minus(Availability.LIMIT_WINDOW));
        List<UncoveredTag> uncovered = new ArrayList<>();
        List<SlowTag> slow = new ArrayList<>();
        for (TagTally tag : tally.values()) {
            Set<Long> experts = expertsByTag.getOrDefault(tag.tagId(), Set.of());
            int away = 0;
            int offHours = 0;
            int overLimit = 0;
            boolean anyAvailable = false;
            for (long member : experts) {
                Availability.Verdict verdict = availability.getOrDefault(member, AvailabilityRow.NONE).availability()
                        .check(now, mentions.getOrDefault(member, 0));
                switch (verdict) {
                    case AVAILABLE -> anyAvailable = true;
                    case AWAY -> away++;
                    case OFF_HOURS -> offHours++;
                    case OVER_LIMIT -> overLimit++;
                }
            }
            if (!anyAvailable) {
                uncovered.add(new UncoveredTag(tag.name(), tag.counts()[0], experts.size(), away, offHours, overLimit));
            }
            if (tag.counts()[1] >= KnowledgeGaps.MIN_QUESTIONS) {
                slow.add(new SlowTag(tag.name(), tag.counts()[1], tag.counts()[2]));
            }
        }
        uncovered.sort(Comparator.comparingLong(UncoveredTag::questions).reversed().thenComparing(UncoveredTag::tag));
        slow.sort(Comparator.comparingDouble(SlowTag::share).thenComparing(Comparator.comparingLong(SlowTag::slaCounted)
                .reversed()).thenComparing(SlowTag::tag));
        return new KnowledgeGaps(List.copyOf(uncovered),
                List.copyOf(slow.subList(0, Math.min(KnowledgeGaps.SLOWEST, slow.size()))));
    }

    /** Answers written in the period per author: {answers, answers without a mention}. */
    private record AnswerWork(Map<Long, long[]> answers) {
    }

    private static AnswerWork answerWork(Sql sql, long workspaceId, Filter filter, Instant from, Instant to)
            throws SQLException {
        Map<Long, long[]> answers = new HashMap<>();
        sql.list("SELECT a.author_id, COUNT(*), SUM(CASE WHEN rm.member_id IS NULL AND a.author_id <> q.asker_id "
                + "THEN 1 ELSE 0 END) FROM answer a JOIN question q ON q.id = a.question_id "
                + "LEFT JOIN routing_mention rm ON rm.question_id = a.question_id AND rm.member_id = a.author_id "
                + "WHERE a.workspace_id = ? AND a.created_at >= ? AND a.created_at < ?" + filter.on("a.question_id")
                + " AND q.deleted_at IS NULL GROUP BY a.author_id",
                row -> answers.put(row.getLong(1), new long[] {row.getLong(2), row.getLong(3)}),
                workspaceId, from, to);
        return new AnswerWork(answers);
    }

    private static List<ExpertLoad> expertLoad(Sql sql, long workspaceId, Filter filter, Instant from, Instant to,
                                               AnswerWork work) throws SQLException {
        Map<Long, long[]> load = new HashMap<>(); // mentions, claims, answers, accepted, without mention
        // Driven by the time index, each row checked against its question: H2 would otherwise walk every question
        // of the workspace and join the mentions to it.
        // With a tag, the tag is checked first (an index probe), the question row only for the tag's rows.
        sql.list("SELECT rm.member_id, COUNT(*) FROM routing_mention rm "
                + "WHERE rm.mentioned_at >= ? AND rm.mentioned_at < ?"
                + filter.on("rm.question_id") + " AND EXISTS (SELECT 1 FROM question q WHERE q.id = rm.question_id "
                + "AND q.workspace_id = ? AND q.deleted_at IS NULL) GROUP BY rm.member_id",
                row -> load.computeIfAbsent(row.getLong(1), id -> new long[5])[0] = row.getLong(2),
                from, to, workspaceId);
        sql.list("SELECT c.member_id, COUNT(*) FROM question_claim c WHERE c.claimed_at >= ? AND c.claimed_at < ?"
                + filter.on("c.question_id") + " AND EXISTS (SELECT 1 FROM question q WHERE q.id = c.question_id "
                + "AND q.workspace_id = ? AND q.deleted_at IS NULL) GROUP BY c.member_id",
                row -> load.computeIfAbsent(row.getLong(1), id -> new long[5])[1] = row.getLong(2),
                from, to, workspaceId);
        work.answers().forEach((member, counts) -> {
            long[] row = load.computeIfAbsent(member, id -> new long[5]);
            row[2] = counts[0];
            row[4] = counts[1];
        });
        sql.list("SELECT a.author_id, COUNT(*) FROM question q JOIN answer a ON a.id = q.accepted_answer_id "
                + "WHERE q.workspace_id = ? AND q.accepted_at >= ? AND q.accepted_at < ?" + filter.on("q.id")
                + " AND q.deleted_at IS NULL GROUP BY a.author_id",
                row -> load.computeIfAbsent(row.getLong(1), id -> new long[5])[3] = row.getLong(2),
                workspaceId, from, to);
        if (load.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<Long, long[]>> busiest = new ArrayList<>(load.entrySet());
        busiest.sort(Comparator.<Map.Entry<Long, long[]>>comparingLong(e -> -(e.getValue()[0] + e.getValue()[2]))
                .thenComparingLong(e -> -e.getValue()[3]).thenComparingLong(Map.Entry::getKey));
        busiest = busiest.subList(0, Math.min(EXPERT_ROWS, busiest.size()));
        List<Long> ids = busiest.stream().map(Map.Entry::getKey).toList();
        Map<Long, Object[]> people = new HashMap<>();
        sql.list("SELECT m.id, m.user_id, m.display_name, CASE WHEN EXISTS (SELECT 1 FROM expert_subscription es "
                + "WHERE es.member_id = m.id" + (filter.tagId() == null ? "" : " AND es.tag_id = " + filter.tagId())
                + ") THEN 1 ELSE 0 END FROM member m WHERE m.id IN (" + Sql.marks(ids.size()) + ")",
                row -> people.put(row.getLong(1), new Object[] {row.getString(2), row.getString(3), row.getInt(4) == 1}),
                ids.toArray());
        List<ExpertLoad> result = new ArrayList<>();
        for (Map.Entry<Long, long[]> entry : busiest) {
            long[] counts = entry.getValue();
            Object[] person = people.getOrDefault(entry.getKey(), new Object[] {"", "", false});
            result.add(new ExpertLoad(entry.getKey(), (String) person[0], (String) person[1], counts[0], counts[1],
                    counts[2], counts[3], counts[4], (Boolean) person[2]));
        }
        return List.copyOf(result);
    }

    private static long firstTimeAnswerers(Sql sql, long workspaceId, Filter filter, Instant from, Instant to)
            throws SQLException {
        return sql.count("SELECT COUNT(DISTINCT a.author_id) FROM answer a JOIN question q ON q.id = a.question_id "
                + "WHERE a.workspace_id = ? AND a.created_at >= ? AND a.created_at < ?" + filter.on("a.question_id")
                + " AND q.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM answer b WHERE b.author_id = a.author_id "
                + "AND b.created_at < ?)", workspaceId, from, to, from);
    }

    private static List<MemberGain> memberGains(Sql sql, long workspaceId, Filter filter, Instant from, Instant to)
            throws SQLException {
        return sql.list("SELECT re.member_id, m.user_id, m.display_name, SUM(re.delta) AS gained "
                        + "FROM reputation_event re JOIN member m ON m.id = re.member_id JOIN question q ON q.id = re.question_id "
                        + "WHERE re.workspace_id = ? AND re.created_at >= ? AND re.created_at < ?"
                        + filter.on("re.question_id")
                        + " GROUP BY re.member_id, m.user_id, m.display_name HAVING SUM(re.delta) <> 0 "
                        + "ORDER BY SUM(re.delta) DESC, re.member_id FETCH FIRST " + HealthReport.TOP_GAINERS + " ROWS ONLY",
                row -> new MemberGain(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4)),
                workspaceId, from, to);
    }

    private static List<TagGain> tagGains(Sql sql, long workspaceId, Filter filter, Instant from, Instant to)
            throws SQLException {
        return sql.list("SELECT t.name, SUM(re.delta) FROM reputation_event re "
                        + "JOIN question_tag qt ON qt.question_id = re.question_id JOIN tag t ON t.id = qt.tag_id "
                        + "WHERE re.workspace_id = ? AND re.created_at >= ? AND re.created_at < ?"
                        + (filter.none() ? "" : " AND qt.tag_id = " + filter.tagId())
                        + " GROUP BY t.name HAVING SUM(re.delta) <> 0 ORDER BY SUM(re.delta) DESC, t.name",
                row -> new TagGain(row.getString(1), row.getLong(2)), workspaceId, from, to);
    }
}
