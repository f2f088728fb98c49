package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bandura.core.health.HealthMeasures;
import org.bandura.core.health.HealthReport;
import org.bandura.core.health.PeriodSpec;
import org.bandura.core.persistence.BadgeRepository;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.JobQueue;
import org.bandura.core.persistence.OutboxRepository;
import org.bandura.core.persistence.Sql;
import org.bandura.core.reply.Outgoing;
import org.bandura.core.reply.Reply;
import org.bandura.core.reply.RichText;
import org.bandura.core.reputation.Badges;
import org.bandura.core.reputation.Progress;
import org.bandura.core.text.TextChunks;

/**
 * The weekly digest: what the community did in a week (questions asked and answered, time to first answer against
 * the week before, the top helpers, new badges, the oldest unanswered questions and one knowledge gap), read from the
 * community-health measures.
 *
 * <p>A job per workspace and week, on the shared job table, posts it at {@code digest.day}/{@code digest.time} in the
 * workspace time zone: its dedupe key names the workspace and the week, so however many processes schedule it, it is
 * enqueued once, and the job runner runs it once. The job writes the digest to the outbox (audience DIGEST) in its
 * own transaction; each front door posts it to its digest place. The scheduled digest covers the last whole week
 * (Monday to Sunday) before it is posted; {@code /digest} shows the current week so far.
 */
final class Digests {

    static final String POST_DIGEST = "post-digest";
    static final int HELPERS = 3;
    static final int OLDEST = 5;

    private final Database database;
    private final Clock clock;
    private final ProgressSettings settings;
    private final HealthMeasures measures;
    private final OutboxRepository outbox;
    private final BadgeRepository badges;
    private final JobQueue queue = new JobQueue();
    private volatile String webBase;

    Digests(Database database, Clock clock, ProgressSettings settings, HealthMeasures measures, OutboxRepository outbox,
            BadgeRepository badges) {
        this.database = database;
        this.clock = clock;
        this.settings = settings;
        this.measures = measures;
        this.outbox = outbox;
        this.badges = badges;
    }

    /** Links to questions without a chat link point at the knowledge base under this URL (no trailing slash). */
    void setWebBase(String base) {
        this.webBase = base;
    }

    /** One digest, ready to post or show. */
    record Digest(String body, List<String> mentioned) {
    }

    /** When the digest of the week starting {@code monday} is due: that week's digest day and time. */
    Instant postingTime(LocalDate monday) {
        LocalDate day = monday.plusDays(settings.digestDay().getValue() - 1L);
        return ZonedDateTime.of(day, settings.digestTime(), settings.zone()).toInstant();
    }

    /**
     * Enqueues, for every workspace, the next digest and the latest one already due (when the workspace existed
     * before it). Every process may call this as often as it likes: a dedupe key per workspace and week makes one job.
     */
    int schedule() {
        Instant now = clock.instant();
        LocalDate thisWeek = Progress.weekOf(now, settings.zone());
        record Place(long id, Instant createdAt) {
        }
        List<Place> workspaces = database.inTransaction(sql -> sql.list("SELECT id, created_at FROM workspace ORDER BY id",
                row -> new Place(row.getLong(1), Sql.instant(row, "created_at"))));
        int added = 0;
        for (Place workspace : workspaces) {
            for (LocalDate week : List.of(thisWeek.minusWeeks(1), thisWeek, thisWeek.plusWeeks(1))) {
                Instant at = postingTime(week);
                boolean latestDue = !at.isAfter(now) && postingTime(week.plusWeeks(1)).isAfter(now)
                        && workspace.createdAt().isBefore(at);
                boolean next = at.isAfter(now) && !postingTime(week.minusWeeks(1)).isAfter(now);
                if (latestDue || next) {
                    added += enqueue(workspace.id(), week.minusWeeks(1), at, now) ? 1 : 0;
                }
            }
        }
        return added;
    }

    /**
     * One job per workspace and covered week. Two processes scheduling at the same moment may both try to insert
     * it; the loser's unique-key violation rolls back its transaction, and its retry finds the job there.
     */
    private boolean enqueue(long workspaceId, LocalDate covered, Instant at, Instant now) {
        String key = POST_DIGEST + ":" + workspaceId + ":" + covered;
        try {
            return database.inTransaction(sql -> queue.enqueueOnce(sql, key, POST_DIGEST, workspaceId + ":" + covered,
                    at, now));
        } catch (RuntimeException raced) {
            return database.inTransaction(sql -> queue.enqueueOnce(sql, key, POST_DIGEST,
                    workspaceId + ":" + covered, at, now));
        }
    }

    /** The job: writes the digest of the week named in the payload to the outbox. */
    void post(Sql sql, String payload) throws SQLException {
        String[] parts = payload.split(":", 2);
        long workspaceId = Long.parseLong(parts[0]);
        PeriodSpec week = PeriodSpec.week(LocalDate.parse(parts[1]));
        Digest digest = build(sql, workspaceId, week, "Weekly digest");
        outbox.add(sql, workspaceId, null, Outgoing.Audience.DIGEST, null, digest.mentioned(), digest.body(),
                clock.instant());
    }

    /** {@code /digest}: this week so far, privately, naming the helpers without pinging them. */
    Reply onDemand(Context context) throws SQLException {
        PeriodSpec week = PeriodSpec.current(PeriodSpec.Kind.WEEK, clock, settings.zone());
        Digest digest = build(context.sql(), context.workspaceId(), week, "This week so far");
        Outgoing asText = new Outgoing(0, "", null, null, null, Outgoing.Audience.DIGEST, null, digest.mentioned(),
                digest.body());
        return Reply.ok(RichText.of(asText.render(userId -> nameOf(context, userId))));
    }

    private String nameOf(Context context, String userId) {
        try {
            return context.sql().one("SELECT display_name FROM member WHERE workspace_id = ? AND user_id = ?",
                    row -> row.getString(1), context.workspaceId(), userId).orElse(userId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads everything in the caller's transaction: a command or job never waits on a second connection. */
    Digest build(Sql sql, long workspaceId, PeriodSpec week, String heading) throws SQLException {
        HealthReport report = measures.report(sql, workspaceId, week, Optional.empty());
        HealthReport before = measures.report(sql, workspaceId, week.previous(), Optional.empty());
        record Extra(Set<Long> quiet, List<BadgeRepository.Awarded> awarded) {
        }
        Extra extra = new Extra(
                Set.copyOf(sql.list("SELECT id FROM member WHERE workspace_id = ? AND digest = FALSE",
                        row -> row.getLong(1), workspaceId)),
                badges.awardedBetween(sql, workspaceId, report.from(), report.to()));
        StringBuilder body = new StringBuilder();
        body.append("📊 ").append(heading).append(" — ").append(week.label()).append('\n');
        HealthReport.QuestionStats questions = report.questions();
        body.append("Questions: ").append(questions.asked()).append(" asked, ").append(questions.answered())
                .append(" answered, ").append(questions.accepted()).append(" accepted.\n");
        body.append("Time to first answer (median): ").append(report.questions().firstAnswerMedian()
                        .map(Digests::human).orElse("no answers"))
                .append(" — last week ").append(before.questions().firstAnswerMedian().map(Digests::human)
                        .orElse("no answers")).append(".\n");
        List<HealthReport.MemberGain> helpers = report.reputationByMember().stream()
                .filter(gain -> gain.gained() > 0 && !extra.quiet().contains(gain.memberId()))
                .limit(HELPERS).toList();
        List<String> mentioned = new ArrayList<>();
        if (helpers.isEmpty()) {
            body.append("Top helpers: nobody earned reputation yet.\n");
        } else {
            body.append("Top helpers: ");
            for (int i = 0; i < helpers.size(); i++) {
                HealthReport.MemberGain helper = helpers.get(i);
                mentioned.add(helper.userId());
                body.append(i == 0 ? "" : " · ").append(i + 1).append(". ").append(Outgoing.mention(helper.userId()))
                        .append(" +").append(helper.gained());
            }
            body.append(". Thank you!\n");
        }
        if (!extra.awarded().isEmpty()) {
            body.append("New badges: ").append(extra.awarded().stream()
                    .map(badge -> badge.displayName() + " — " + Badges.label(badge.code()))
                    .collect(Collectors.joining("; "))).append(".\n");
        }
        List<HealthReport.OpenQuestion> oldest = report.unanswered().oldest(OLDEST);
        if (oldest.isEmpty()) {
            body.append("Unanswered: none. Nice work, everyone!\n");
        } else {
            body.append("Oldest unanswered (").append(report.unanswered().total()).append(" open):\n");
            for (HealthReport.OpenQuestion question : oldest) {
                body.append("  Q").append(question.number()).append(' ')
                        .append(TextChunks.shorten(question.title(), 80)).append(" (").append(human(question.age()))
                        .append(')');
                link(question).ifPresent(link -> body.append(' ').append(link));
                body.append('\n');
            }
        }
        gap(report).ifPresent(gap -> body.append("Knowledge gap: ").append(gap).append('\n'));
        return new Digest(body.toString().strip(), List.copyOf(mentioned));
    }

    private Optional<String> link(HealthReport.OpenQuestion question) {
        if (question.chatLink() != null) {
            return Optional.of(question.chatLink());
        }
        String base = webBase;
        return base == null ? Optional.empty() : Optional.of(base + "/q/" + question.number());
    }

    /** One knowledge gap: the tag with most questions and no available expert, else the slowest tag. */
    static Optional<String> gap(HealthReport report) {
        if (!report.gaps().uncovered().isEmpty()) {
            HealthReport.UncoveredTag tag = report.gaps().uncovered().get(0);
            return Optional.of("#" + tag.tag() + " had " + Texts.plural(tag.questions(), "question", "questions")
                    + " and no available expert: `/expert add " + tag.tag() + "`");
        }
        if (!report.gaps().slowest().isEmpty()) {
            HealthReport.SlowTag tag = report.gaps().slowest().get(0);
            return Optional.of("#" + tag.tag() + " had only " + Math.round(tag.share() * 100) + "% of "
                    + tag.slaCounted() + " questions answered within " + human(report.sla())
                    + ": `/expert add " + tag.tag() + "` if you can help");
        }
        return Optional.empty();
    }

    /** 42 min, 3 h 5 min, 2 d 4 h. */
    static String human(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            long rest = minutes % 60;
            return minutes / 60 + " h" + (rest == 0 ? "" : " " + rest + " min");
        }
        long hours = (minutes / 60) % 24;
        return minutes / (24 * 60) + " d" + (hours == 0 ? "" : " " + hours + " h");
    }
}
