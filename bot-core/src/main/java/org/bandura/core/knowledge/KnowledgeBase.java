package org.bandura.core.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.Sql;
import org.bandura.core.text.InputText;

/**
 * The knowledge base's read-only queries: plain records for the web pages, no platform or web types. Every query is
 * scoped to one workspace; anonymous readers (public visibility) see only answered questions, and members who hid
 * themselves appear as "a member".
 */
public final class KnowledgeBase {

    public static final String HIDDEN_NAME = "a member";
    private static final int LIST_LIMIT = 10;
    private static final int SIMILAR_LIMIT = 5;

    /** Whose eyes: the workspace, and the signed-in member (null for an anonymous reader). */
    public record Scope(long workspaceId, Long memberId) {
        public boolean anonymous() {
            return memberId == null;
        }
    }

    /** @param memberId null when the person hid themselves from anonymous readers */
    public record Person(Long memberId, String name, long reputation) {
    }

    public record QuestionSummary(long number, String title, int score, int answerCount, boolean accepted,
                                  List<String> tags, Instant createdAt) {
    }

    public record TagCount(String tag, long count) {
    }

    public record HomePage(String workspaceName, List<QuestionSummary> newestAnswered, List<TagCount> unansweredByTag,
                           List<TagCount> topTags, List<QuestionSummary> yourOpenQuestions) {
    }

    public record AnswerView(long number, String body, Person author, int score, boolean accepted, Instant createdAt) {
    }

    /** @param chatLink the Discord jump link or Slack permalink, or null (console questions) */
    public record QuestionPage(QuestionSummary question, String body, Person asker, String chatLink,
                               List<AnswerView> answers, List<QuestionSummary> similar) {
    }

    public record SearchResult(QuestionSummary question, String snippet, List<KnowledgeSearch.Highlight> highlights) {
    }

    /** @param onlyCommonWords nothing found because every word of the query is too common to search for */
    public record SearchPage(String query, String tag, KnowledgeSearch.AnswerFilter filter, int page,
                             List<SearchResult> results, boolean hasNextPage, boolean onlyCommonWords) {
    }

    public enum TagSort {
        NEWEST, VOTES, UNANSWERED
    }

    /** @param description null until a moderator writes one */
    public record TagPage(String tag, String description, List<String> aliases, TagSort sort,
                          List<QuestionSummary> questions, List<Standing> experts) {
    }

    public record Standing(Person person, long points) {
    }

    /** Cumulative reputation at the end of a UTC day. */
    public record ReputationPoint(java.time.LocalDate day, long reputation) {
    }

    public record Badge(String label, Instant earnedAt) {
    }

    public record AnswerSummary(long questionNumber, String questionTitle, long answerNumber, int score,
                                boolean accepted) {
    }

    /**
     * @param progress this week's reputation, the streak of weeks with an accepted answer and the nearest badge
     */
    public record MemberPage(Person person, List<TagCount> tagReputation, List<ReputationPoint> history,
                             List<Badge> badges, List<AnswerSummary> answers, List<String> expertTags,
                             MemberProgress progress) {
    }

    /**
     * @param weekReputation reputation gained since this week began (workspace time zone)
     * @param streakWeeks    consecutive weeks, ending this week or last, with an accepted answer
     * @param nextBadge      "3 more accepted answers to Solved ×10", or empty when every badge is held
     */
    public record MemberProgress(long weekReputation, int streakWeeks, Optional<String> nextBadge) {
    }

    /** @param externalId the platform's id: Slack team id, Discord guild id, {@code console} */
    public record Workspace(long id, String externalId, String name) {
    }

    /**
     * @param announcements accept notices mention (notify) the member
     * @param webHidden     public pages show the member as "a member"
     * @param reminders     private reminders to accept an answer
     */
    public record PrivacySettings(boolean announcements, boolean webHidden, boolean reminders) {
    }

    /** @param tag null for the overall board */
    public record Leaderboard(String tag, List<Standing> standings, List<String> tags) {
    }

    private final Database database;
    private final KnowledgeSearch search;
    private final java.time.Clock clock;
    private final java.time.ZoneId zone;
    private final org.bandura.core.reputation.Badges.Thresholds badgeSteps;
    private final org.bandura.core.persistence.BadgeRepository badgeRows =
            new org.bandura.core.persistence.BadgeRepository();

    /** Weeks in UTC and the default badge steps. */
    public KnowledgeBase(Database database, KnowledgeSearch search, java.time.Clock clock) {
        this(database, search, clock, java.time.ZoneId.of("UTC"),
                org.bandura.core.reputation.Badges.Thresholds.defaults());
    }

    /**
     * @param zone       {@code workspace.time-zone}: where the member page's week begins
     * @param badgeSteps {@code badges.*}, for the member page's next badge
     */
    public KnowledgeBase(Database database, KnowledgeSearch search, java.time.Clock clock, java.time.ZoneId zone,
                         org.bandura.core.reputation.Badges.Thresholds badgeSteps) {
        this.database = database;
        this.search = search;
        this.clock = clock;
        this.zone = zone;
        this.badgeSteps = badgeSteps;
    }

    private MemberProgress progress(Sql sql, long memberId, List<String> held) throws SQLException {
        Instant now = clock.instant();
        long week = sql.count("SELECT COALESCE(SUM(delta), 0) FROM reputation_event WHERE member_id = ? "
                + "AND created_at >= ?", memberId, org.bandura.core.reputation.Progress.weekStart(now, zone));
        int streak = org.bandura.core.reputation.Progress.streak(badgeRows.acceptedTimes(sql, memberId,
                now.minus(java.time.Duration.ofDays(7L * 160))), now, zone);
        Optional<String> next = org.bandura.core.reputation.Badges.next(badgeRows.counts(sql, memberId,
                badgeSteps.quickWithin()), held, badgeSteps).map(org.bandura.core.reputation.Badges.Next::text);
        return new MemberProgress(week, streak, next);
    }

    /** Every workspace Bandura serves, oldest first: the web adapter decides which of them anonymous readers see. */
    public List<Workspace> workspaces() {
        return database.inTransaction(sql -> sql.list("SELECT id, external_id, name FROM workspace ORDER BY id",
                row -> new Workspace(row.getLong(1), row.getString(2), row.getString(3))));
    }

    /** A workspace by its platform id (Slack team id, Discord guild id, {@code console}). */
    public Optional<Workspace> workspace(String externalId) {
        if (externalId == null || externalId.isBlank() || externalId.length() > 64) {
            return Optional.empty();
        }
        return database.inTransaction(sql -> sql.one("SELECT id, external_id, name FROM workspace WHERE external_id = ? "
                + "ORDER BY id FETCH FIRST 1 ROWS ONLY", row -> new Workspace(row.getLong(1), row.getString(2),
                row.getString(3)), externalId));
    }

    /** The signed-in reader's own privacy settings (the /privacy ones); empty for anonymous readers. */
    public Optional<PrivacySettings> privacy(Scope scope) {
        if (scope.anonymous()) {
            return Optional.empty();
        }
        return database.inTransaction(sql -> sql.one("SELECT announcements, web_hidden, reminders FROM member "
                + "WHERE id = ? AND workspace_id = ?", row -> new PrivacySettings(row.getBoolean(1), row.getBoolean(2),
                row.getBoolean(3)), scope.memberId(), scope.workspaceId()));
    }

    public HomePage home(Scope scope) {
        return database.inTransaction(sql -> {
            String name = sql.one("SELECT name FROM workspace WHERE id = ?", row -> row.getString(1),
                    scope.workspaceId()).orElse("Bandura");
            List<QuestionSummary> newest = summaries(sql, "SELECT " + SUMMARY_COLUMNS + " FROM question q "
                    + "WHERE q.workspace_id = ? AND q.deleted_at IS NULL AND q.answer_count > 0 "
                    + "ORDER BY q.created_at DESC, q.id DESC FETCH FIRST " + LIST_LIMIT + " ROWS ONLY", scope.workspaceId());
            List<TagCount> unanswered = scope.anonymous() ? List.of() : sql.list("SELECT t.name, COUNT(*) FROM tag t "
                    + "JOIN question_tag qt ON qt.tag_id = t.id JOIN question q ON q.id = qt.question_id "
                    + "WHERE t.workspace_id = ? AND q.answer_count = 0 AND q.deleted_at IS NULL GROUP BY t.name "
                    + "ORDER BY COUNT(*) DESC, t.name FETCH FIRST " + LIST_LIMIT + " ROWS ONLY",
                    KnowledgeBase::tagCount, scope.workspaceId());
            List<TagCount> top = sql.list("SELECT t.name, COUNT(*) FROM tag t JOIN question_tag qt ON qt.tag_id = t.id "
                    + "JOIN question q ON q.id = qt.question_id WHERE t.workspace_id = ? AND q.deleted_at IS NULL "
                    + (scope.anonymous() ? "AND q.answer_count > 0 " : "") + "GROUP BY t.name "
                    + "ORDER BY COUNT(*) DESC, t.name FETCH FIRST " + LIST_LIMIT + " ROWS ONLY",
                    KnowledgeBase::tagCount, scope.workspaceId());
            List<QuestionSummary> mine = scope.anonymous() ? List.of() : summaries(sql, "SELECT " + SUMMARY_COLUMNS
                    + " FROM question q WHERE q.workspace_id = ? AND q.asker_id = ? AND q.deleted_at IS NULL "
                    + "AND q.accepted_answer_id IS NULL ORDER BY q.created_at DESC, q.id DESC FETCH FIRST "
                    + LIST_LIMIT + " ROWS ONLY", scope.workspaceId(), scope.memberId());
            return new HomePage(name, newest, unanswered, top, mine);
        });
    }

    /** A question by its Q number, or empty when it isn't there for this reader (other workspace, deleted, hidden). */
    public Optional<QuestionPage> question(Scope scope, long number) {
        Optional<Object[]> found = database.inTransaction(sql -> sql.one("SELECT q.id, q.body, q.asker_id, "
                + "q.channel_key, q.message_key, q.accepted_answer_id, w.platform, w.external_id, q.title "
                + "FROM question q JOIN workspace w ON w.id = q.workspace_id WHERE q.workspace_id = ? AND q.number = ? "
                + "AND q.deleted_at IS NULL" + (scope.anonymous() ? " AND q.answer_count > 0" : ""),
                row -> new Object[] {row.getLong(1), row.getString(2), row.getLong(3), row.getString(4),
                        row.getString(5), row.getObject(6) == null ? null : row.getLong(6), row.getString(7),
                        row.getString(8), row.getString(9)},
                scope.workspaceId(), number));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = found.get();
        long questionId = (Long) row[0];
        List<Long> similarIds = search.similar(scope.workspaceId(), (String) row[8] + " " + row[1], questionId,
                SIMILAR_LIMIT);
        return Optional.of(database.inTransaction(sql -> {
            QuestionSummary summary = summaries(sql, "SELECT " + SUMMARY_COLUMNS + " FROM question q WHERE q.id = ?",
                    questionId).get(0);
            Person asker = person(sql, scope, (Long) row[2]);
            Long acceptedId = (Long) row[5];
            List<AnswerView> answers = new ArrayList<>();
            for (Object[] answer : sql.list("SELECT a.id, a.number, a.body, a.author_id, a.score, a.created_at "
                    + "FROM answer a WHERE a.question_id = ? ORDER BY a.score DESC, a.id", r -> new Object[] {
                    r.getLong(1), r.getLong(2), r.getString(3), r.getLong(4), r.getInt(5), Sql.instant(r, "created_at")},
                    questionId)) {
                boolean accepted = acceptedId != null && acceptedId.equals(answer[0]);
                AnswerView view = new AnswerView((Long) answer[1], (String) answer[2], person(sql, scope, (Long) answer[3]),
                        (Integer) answer[4], accepted, (Instant) answer[5]);
                if (accepted) {
                    answers.add(0, view);
                } else {
                    answers.add(view);
                }
            }
            Map<Long, QuestionSummary> similarById = summariesOf(sql, scope.workspaceId(), similarIds);
            List<QuestionSummary> similar = similarIds.stream().filter(similarById::containsKey)
                    .map(similarById::get).toList();
            return new QuestionPage(summary, (String) row[1], asker,
                    ChatLinks.of((String) row[6], (String) row[7], (String) row[3], (String) row[4]), answers, similar);
        }));
    }

    /** The same stemmed search as {@code /search}, with filters and paging; anonymous readers see answered only. */
    public SearchPage search(Scope scope, String query, String tag, KnowledgeSearch.AnswerFilter filter, int page,
                             int pageSize) {
        KnowledgeSearch.AnswerFilter effective = scope.anonymous() ? KnowledgeSearch.AnswerFilter.ANSWERED : filter;
        int safePage = Math.max(1, page);
        String cleanTag = tag == null || tag.isBlank() ? null
                : InputText.clean(tag).strip().toLowerCase(java.util.Locale.ROOT);
        query = query == null ? "" : InputText.clean(query).strip(); // as chat text is: no NUL, no control characters
        if (query.isEmpty()) {
            return new SearchPage("", cleanTag, effective, 1, List.of(), false, false);
        }
        KnowledgeSearch.Found matched = search.search(scope.workspaceId(), query, cleanTag, effective,
                (safePage - 1) * pageSize, pageSize + 1);
        List<KnowledgeSearch.Hit> hits = matched.hits();
        boolean hasNext = hits.size() > pageSize;
        List<KnowledgeSearch.Hit> shown = hasNext ? hits.subList(0, pageSize) : hits;
        List<SearchResult> results = database.inTransaction(sql -> {
            Map<Long, QuestionSummary> found = summariesOf(sql, scope.workspaceId(),
                    shown.stream().map(KnowledgeSearch.Hit::questionId).toList());
            List<SearchResult> list = new ArrayList<>();
            for (KnowledgeSearch.Hit hit : shown) {
                if (found.containsKey(hit.questionId())) {
                    list.add(new SearchResult(found.get(hit.questionId()), hit.snippet(), hit.highlights()));
                }
            }
            return list;
        });
        return new SearchPage(query, cleanTag, effective, safePage, results, hasNext, matched.onlyCommonWords());
    }

    /** A tag by name or alias, with its questions in the chosen order, experts and aliases. */
    public Optional<TagPage> tag(Scope scope, String name, TagSort sort) {
        String wanted = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        return database.inTransaction(sql -> {
            Optional<Object[]> tag = sql.one("SELECT t.id, t.name, t.description FROM tag t WHERE t.workspace_id = ? "
                    + "AND (t.name = ? OR t.id IN (SELECT a.tag_id FROM tag_alias a WHERE a.workspace_id = ? "
                    + "AND a.alias = ?))", row -> new Object[] {row.getLong(1), row.getString(2), row.getString(3)},
                    scope.workspaceId(), wanted, scope.workspaceId(), wanted);
            if (tag.isEmpty()) {
                return Optional.<TagPage>empty();
            }
            long tagId = (Long) tag.get()[0];
            TagSort order = scope.anonymous() && sort == TagSort.UNANSWERED ? TagSort.NEWEST : sort;
            String filter = switch (order) {
                case UNANSWERED -> " AND q.answer_count = 0";
                default -> scope.anonymous() ? " AND q.answer_count > 0" : "";
            };
            String orderBy = order == TagSort.VOTES ? "q.score DESC, q.id DESC" : "q.created_at DESC, q.id DESC";
            List<QuestionSummary> questions = summaries(sql, "SELECT " + SUMMARY_COLUMNS + " FROM question q "
                    + "JOIN question_tag qt ON qt.question_id = q.id WHERE qt.tag_id = ? AND q.deleted_at IS NULL"
                    + filter + " ORDER BY " + orderBy + " FETCH FIRST " + LIST_LIMIT * 2 + " ROWS ONLY", tagId);
            List<Standing> experts = new ArrayList<>();
            for (long[] row : sql.list("SELECT e.member_id, COALESCE(tr.points, 0) FROM expert_subscription e "
                    + "LEFT JOIN tag_reputation tr ON tr.member_id = e.member_id AND tr.tag_id = e.tag_id "
                    + "WHERE e.tag_id = ? ORDER BY COALESCE(tr.points, 0) DESC, e.member_id FETCH FIRST "
                    + LIST_LIMIT + " ROWS ONLY", row -> new long[] {row.getLong(1), row.getLong(2)}, tagId)) {
                Person person = person(sql, scope, row[0]);
                if (person.memberId() != null) {
                    experts.add(new Standing(person, row[1]));
                }
            }
            List<String> aliases = sql.list("SELECT alias FROM tag_alias WHERE tag_id = ? ORDER BY alias",
                    row -> row.getString(1), tagId);
            return Optional.of(new TagPage((String) tag.get()[1], (String) tag.get()[2], aliases, order, questions,
                    experts));
        });
    }

    /** A member of the reader's workspace; empty for other workspaces and, for anonymous readers, hidden members. */
    public Optional<MemberPage> member(Scope scope, long memberId) {
        return database.inTransaction(sql -> {
            long inWorkspace = sql.count("SELECT COUNT(*) FROM member WHERE id = ? AND workspace_id = ?", memberId,
                    scope.workspaceId());
            Person person = person(sql, scope, memberId);
            if (inWorkspace == 0 || person.memberId() == null) {
                return Optional.<MemberPage>empty();
            }
            List<TagCount> byTag = sql.list("SELECT t.name, tr.points FROM tag_reputation tr JOIN tag t ON t.id = tr.tag_id "
                    + "WHERE tr.member_id = ? AND tr.points <> 0 ORDER BY tr.points DESC, t.name", KnowledgeBase::tagCount,
                    memberId);
            List<ReputationPoint> history = new ArrayList<>();
            long total = 1;
            for (Object[] day : sql.list("SELECT earned_on, SUM(delta) FROM reputation_event WHERE member_id = ? "
                    + "GROUP BY earned_on ORDER BY earned_on", row -> new Object[] {
                    row.getObject(1, java.time.LocalDate.class), row.getLong(2)}, memberId)) {
                total = Math.max(1, total + (Long) day[1]);
                history.add(new ReputationPoint((java.time.LocalDate) day[0], total));
            }
            List<Badge> badges = sql.list("SELECT code, awarded_at FROM badge WHERE member_id = ? ORDER BY awarded_at, code",
                    row -> new Badge(org.bandura.core.reputation.Badges.label(row.getString(1)),
                            Sql.instant(row, "awarded_at")), memberId);
            List<AnswerSummary> answers = sql.list("SELECT q.number, q.title, a.number, a.score, "
                    + "CASE WHEN q.accepted_answer_id = a.id THEN 1 ELSE 0 END AS accepted FROM answer a "
                    + "JOIN question q ON q.id = a.question_id WHERE a.author_id = ? AND q.deleted_at IS NULL "
                    + "ORDER BY accepted DESC, a.score DESC, a.id DESC FETCH FIRST " + LIST_LIMIT * 2 + " ROWS ONLY",
                    row -> new AnswerSummary(row.getLong(1), row.getString(2), row.getLong(3), row.getInt(4),
                            row.getInt(5) == 1), memberId);
            List<String> expertTags = sql.list("SELECT t.name FROM expert_subscription e JOIN tag t ON t.id = e.tag_id "
                    + "WHERE e.member_id = ? ORDER BY t.name", row -> row.getString(1), memberId);
            List<String> held = sql.list("SELECT code FROM badge WHERE member_id = ?", row -> row.getString(1), memberId);
            return Optional.of(new MemberPage(person, byTag, history, badges, answers, expertTags,
                    progress(sql, memberId, held)));
        });
    }

    /** The /top board: overall or one tag, over a period. */
    public Leaderboard leaderboard(Scope scope, String tag, org.bandura.core.model.Period period) {
        Instant since = period.length().map(length -> clock.instant().minus(length)).orElse(null);
        String wanted = tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(java.util.Locale.ROOT);
        return database.inTransaction(sql -> {
            Long tagId = wanted == null ? null : sql.one("SELECT id FROM tag WHERE workspace_id = ? AND name = ?",
                    row -> row.getLong(1), scope.workspaceId(), wanted).orElse(-1L);
            List<long[]> rows;
            if (since == null && tagId == null) {
                rows = sql.list("SELECT id, reputation FROM member WHERE workspace_id = ? ORDER BY reputation DESC, id "
                        + "FETCH FIRST " + LIST_LIMIT + " ROWS ONLY", row -> new long[] {row.getLong(1), row.getLong(2)},
                        scope.workspaceId());
            } else if (since == null) {
                rows = sql.list("SELECT member_id, points FROM tag_reputation WHERE tag_id = ? AND points > 0 "
                        + "ORDER BY points DESC, member_id FETCH FIRST " + LIST_LIMIT + " ROWS ONLY",
                        row -> new long[] {row.getLong(1), row.getLong(2)}, tagId);
            } else {
                String tagJoin = tagId == null ? "" : "JOIN question_tag qt ON qt.question_id = r.question_id AND qt.tag_id = "
                        + tagId + " ";
                rows = sql.list("SELECT r.member_id, SUM(r.delta) AS points FROM reputation_event r " + tagJoin
                        + "WHERE r.workspace_id = ? AND r.created_at >= ? GROUP BY r.member_id HAVING SUM(r.delta) > 0 "
                        + "ORDER BY points DESC, r.member_id FETCH FIRST " + LIST_LIMIT + " ROWS ONLY",
                        row -> new long[] {row.getLong(1), row.getLong(2)}, scope.workspaceId(), since);
            }
            List<Standing> standings = new ArrayList<>();
            for (long[] row : rows) {
                standings.add(new Standing(person(sql, scope, row[0]), row[1]));
            }
            List<String> tags = sql.list("SELECT t.name FROM tag t WHERE t.workspace_id = ? AND EXISTS (SELECT 1 FROM "
                    + "tag_reputation tr WHERE tr.tag_id = t.id AND tr.points > 0) ORDER BY t.name FETCH FIRST 20 ROWS ONLY",
                    row -> row.getString(1), scope.workspaceId());
            return new Leaderboard(wanted, standings, tags);
        });
    }

    private static final String SUMMARY_COLUMNS = "q.id, q.number, q.title, q.score, q.answer_count, "
            + "q.accepted_answer_id, q.created_at";

    private static List<QuestionSummary> summaries(Sql sql, String query, Object... args) throws SQLException {
        return withIds(sql, query, args).stream().map(Map.Entry::getValue).toList();
    }

    /** The workspace's questions with these ids, by id: two queries, however many. */
    private static Map<Long, QuestionSummary> summariesOf(Sql sql, long workspaceId, List<Long> ids)
            throws SQLException {
        Map<Long, QuestionSummary> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        Object[] args = new Object[ids.size() + 1];
        args[0] = workspaceId;
        for (int i = 0; i < ids.size(); i++) {
            args[i + 1] = ids.get(i);
        }
        for (Map.Entry<Long, QuestionSummary> entry : withIds(sql, "SELECT " + SUMMARY_COLUMNS + " FROM question q "
                + "WHERE q.workspace_id = ? AND q.id IN (" + Sql.marks(ids.size()) + ")", args)) {
            byId.put(entry.getKey(), entry.getValue());
        }
        return byId;
    }

    private static List<Map.Entry<Long, QuestionSummary>> withIds(Sql sql, String query, Object... args)
            throws SQLException {
        List<Object[]> rows = sql.list(query, row -> new Object[] {row.getLong("id"), row.getLong("number"),
                row.getString("title"), row.getInt("score"), row.getInt("answer_count"),
                row.getObject("accepted_answer_id") != null, Sql.instant(row, "created_at")}, args);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> tags = new HashMap<>();
        for (Object[] tag : sql.list("SELECT qt.question_id, t.name FROM question_tag qt JOIN tag t ON t.id = qt.tag_id "
                + "WHERE qt.question_id IN (" + Sql.marks(rows.size()) + ") ORDER BY t.name",
                row -> new Object[] {row.getLong(1), row.getString(2)}, rows.stream().map(row -> row[0]).toArray())) {
            tags.computeIfAbsent((Long) tag[0], id -> new ArrayList<>()).add((String) tag[1]);
        }
        List<Map.Entry<Long, QuestionSummary>> summaries = new ArrayList<>();
        for (Object[] row : rows) {
            summaries.add(Map.entry((Long) row[0], new QuestionSummary((Long) row[1], (String) row[2],
                    (Integer) row[3], (Integer) row[4], (Boolean) row[5],
                    List.copyOf(tags.getOrDefault((Long) row[0], List.of())), (Instant) row[6])));
        }
        return summaries;
    }

    private static Person person(Sql sql, Scope scope, long memberId) throws SQLException {
        return sql.one("SELECT display_name, reputation, web_hidden FROM member WHERE id = ?", row -> {
            boolean hidden = scope.anonymous() && row.getBoolean(3);
            return hidden ? new Person(null, HIDDEN_NAME, 0) : new Person(memberId, row.getString(1), row.getLong(2));
        }, memberId).orElse(new Person(null, HIDDEN_NAME, 0));
    }

    private static TagCount tagCount(ResultSet row) throws SQLException {
        return new TagCount(row.getString(1), row.getLong(2));
    }
}
