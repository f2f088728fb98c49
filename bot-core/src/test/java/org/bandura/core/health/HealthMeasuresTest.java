package org.bandura.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.bandura.core.health.HealthReport.Age;
import org.bandura.core.health.HealthReport.ExpertLoad;
import org.bandura.core.health.HealthReport.MemberGain;
import org.bandura.core.health.HealthReport.OpenQuestion;
import org.bandura.core.health.HealthReport.SlowTag;
import org.bandura.core.health.HealthReport.TagGain;
import org.bandura.core.health.HealthReport.UncoveredTag;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.TagRepository;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.MutableClock;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every measure over one hand-built history, with the numbers worked out by hand. The workspace lives in
 * Europe/Berlin: ISO week 43 of 2026 runs from Monday 19 October 00:00 CEST (18 Oct 22:00 UTC) to Monday 26 October
 * 00:00 CET (25 Oct 23:00 UTC), 169 hours, because summer time ends on Sunday 25 October. "Now" is Wednesday
 * 28 October 12:00 UTC (13:00 in Berlin).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class HealthMeasuresTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-10-28T12:00:00Z");

    private final Database database;
    private final MutableClock clock = new MutableClock(NOW);
    private final History h;
    private final long q4;
    private final long q6;
    private final long q8;
    private final long q9;
    private final long q10;
    private final long q13;
    private final long q17;
    private final long q12;
    private final long a12;

    HealthMeasuresTest(Backend backend) {
        database = Database.open(backend.freshDatabase(), clock);
        h = new History(database, "DISCORD", "G1", Instant.parse("2026-01-01T00:00:00Z"));
        for (String name : List.of("alice", "bob", "carol", "dave", "erin", "frank", "gina")) {
            h.member(name);
        }
        h.alias("kubernetes", "k8s");
        // Week 41: bob's first ever answer, so he is no first-time answerer in week 43.
        long q0 = h.question(100, "alice", t("2026-10-10T10:00:00Z"), "java");
        h.answer(q0, "bob", t("2026-10-10T11:00:00Z"));
        // Sunday 18 Oct 23:30 in Berlin: week 42 there (and in UTC). Never answered: older than 7 days now.
        q6 = h.question(6, "dave", t("2026-10-18T21:30:00Z"), "java");
        h.reputation("dave", q6, 5, t("2026-10-18T21:00:00Z"));
        // Monday 19 Oct 00:30 in Berlin (week 43), but still Sunday in UTC (week 42 there).
        long q1 = h.question(1, "alice", t("2026-10-18T22:30:00Z"), "java");
        h.mention(q1, "bob", t("2026-10-18T22:30:00Z"));
        long a1 = h.answer(q1, "bob", t("2026-10-18T23:30:00Z"));
        h.answer(q1, "alice", t("2026-10-19T08:00:00Z"));
        h.accept(q1, a1, t("2026-10-19T00:30:00Z"));
        h.reputation("bob", q1, 15, t("2026-10-19T00:30:00Z"));
        long q2 = h.question(2, "dave", t("2026-10-20T10:00:00Z"), "java");
        long a2 = h.answer(q2, "carol", t("2026-10-20T15:00:00Z"));
        h.accept(q2, a2, t("2026-10-21T16:00:00Z"));
        h.reputation("carol", q2, 15, t("2026-10-21T16:00:00Z"));
        long q3 = h.question(3, "alice", t("2026-10-21T08:00:00Z"), "k8s");
        h.answer(q3, "bob", t("2026-10-21T11:00:00Z"));
        h.reputation("bob", q3, 10, t("2026-10-21T12:00:00Z"));
        q4 = h.question(4, "dave", t("2026-10-22T09:00:00Z"), "k8s");
        h.mention(q4, "erin", t("2026-10-22T09:00:00Z"));
        h.claim(q4, "bob", t("2026-10-22T10:00:00Z"), Duration.ofHours(2));
        // Deleted: none of its rows count.
        long q7 = h.question(7, "alice", t("2026-10-21T12:00:00Z"), "java");
        h.mention(q7, "bob", t("2026-10-21T12:00:00Z"));
        h.answer(q7, "bob", t("2026-10-21T13:00:00Z"));
        h.delete(q7, t("2026-10-21T14:00:00Z"));
        long q11 = h.question(11, "dave", t("2026-10-23T10:00:00Z"), "java");
        h.mention(q11, "bob", t("2026-10-23T10:00:00Z"));
        long a11 = h.answer(q11, "bob", t("2026-10-23T10:30:00Z"));
        h.accept(q11, a11, t("2026-10-23T11:00:00Z"));
        h.reputation("bob", q11, 15, t("2026-10-23T11:00:00Z"));
        q12 = h.question(12, "dave", t("2026-10-23T12:00:00Z"), "java");
        h.mention(q12, "bob", t("2026-10-23T12:00:00Z"));
        a12 = h.answer(q12, "bob", t("2026-10-23T18:00:00Z"));
        h.reputation("bob", q12, 10, t("2026-10-26T01:00:00Z"));
        q13 = h.question(13, "alice", t("2026-10-24T08:00:00Z"), "java");
        h.claim(q13, "frank", t("2026-10-24T09:00:00Z"), Duration.ofHours(2));
        long q14 = h.question(14, "alice", t("2026-10-24T09:00:00Z"), "k8s");
        long a14 = h.answer(q14, "carol", t("2026-10-24T11:00:00Z"));
        h.accept(q14, a14, t("2026-10-24T13:00:00Z"));
        h.reputation("carol", q14, 15, t("2026-10-24T13:00:00Z"));
        h.reputation("carol", q14, -2, t("2026-10-24T14:00:00Z"));
        long q15 = h.question(15, "dave", t("2026-10-24T10:00:00Z"), "k8s");
        h.answer(q15, "bob", t("2026-10-24T14:00:00Z")); // exactly 4 h: within the SLA
        // Sunday 25 Oct 23:30 CET: still week 43 in Berlin and in UTC.
        long q16 = h.question(16, "dave", t("2026-10-25T22:30:00Z"), "k8s");
        h.mention(q16, "erin", t("2026-10-25T22:30:00Z"));
        h.mention(q16, "gina", t("2026-10-25T22:30:00Z"));
        h.answer(q16, "erin", t("2026-10-26T06:30:00Z")); // written in week 44
        // Monday 26 Oct 00:30 CET: week 44 in Berlin, Sunday (week 43) in UTC.
        long q5 = h.question(5, "alice", t("2026-10-25T23:30:00Z"), "python");
        h.answer(q5, "carol", t("2026-10-25T23:40:00Z"));
        q10 = h.question(10, "alice", t("2026-10-27T20:00:00Z"), "k8s");
        q9 = h.question(9, "dave", t("2026-10-28T09:00:00Z"), "python");
        q17 = h.question(17, "dave", t("2026-10-28T11:00:00Z"), "python"); // exactly 1 h old
        q8 = h.question(8, "alice", t("2026-10-28T11:30:00Z"), "java");
        h.mention(q8, "bob", t("2026-10-28T11:30:00Z"));
        // Who could help: bob declared java; erin (away), frank (off hours) and gina (at her weekly limit) declared
        // k8s; carol earned k8s and python but opted out of both; dave earned python; carol's java is too little.
        h.declareExpert("bob", "java");
        h.declareExpert("erin", "k8s");
        h.declareExpert("frank", "k8s");
        h.declareExpert("gina", "k8s");
        h.availability("erin", null, null, null, "Europe/Berlin", t("2026-11-05T00:00:00Z"), null);
        h.availability("frank", "18:00", "22:00", "1111100", "Europe/Berlin", null, null);
        h.availability("gina", null, null, null, "UTC", null, 1);
        h.tagPoints("carol", "k8s", 70);
        h.optOut("carol", "k8s");
        h.tagPoints("carol", "python", 70);
        h.optOut("carol", "python");
        h.tagPoints("dave", "python", 55);
        h.tagPoints("carol", "java", 49);
    }

    @AfterEach
    void close() {
        database.close();
        TestDatabases.dropSchema(database.settings().schema());
    }

    private static Instant t(String text) {
        return Instant.parse(text);
    }

    private HealthMeasures measures(ZoneId zone) {
        return new HealthMeasures(database, clock, new HealthSettings(Duration.ofHours(4), zone, 50));
    }

    private static PeriodSpec week43() {
        return PeriodSpec.week(LocalDate.parse("2026-10-19"));
    }

    @Test
    void weekAcrossTheEndOfSummerTimeCountsTheQuestionsAskedInItsBerlinDays() {
        HealthReport report = measures(BERLIN).report(h.workspaceId(), week43(), Optional.empty());

        assertThat(report.from()).isEqualTo(t("2026-10-18T22:00:00Z"));
        assertThat(report.to()).isEqualTo(t("2026-10-25T23:00:00Z"));
        assertThat(Duration.between(report.from(), report.to())).isEqualTo(Duration.ofHours(169));
        HealthReport.QuestionStats stats = report.questions();
        assertThat(stats.asked()).isEqualTo(10);
        assertThat(stats.answered()).isEqualTo(8);
        assertThat(stats.accepted()).isEqualTo(4);
        assertThat(stats.slaCounted()).isEqualTo(10);
        assertThat(stats.answeredWithinSla()).isEqualTo(5);
        assertThat(stats.withinSlaShare().getAsDouble()).isEqualTo(0.5);
        // First answers: 30m 1h 2h 3h 4h 5h 6h 8h; nearest rank: median the 4th, p90 the 8th.
        assertThat(stats.firstAnswerMedian()).contains(Duration.ofHours(3));
        assertThat(stats.firstAnswerP90()).contains(Duration.ofHours(8));
        // Accepts: 1h 2h 4h 30h.
        assertThat(stats.acceptMedian()).contains(Duration.ofHours(2));
    }

    @Test
    void theSameDaysInUtcMakeADifferentWeek() {
        HealthReport report = measures(ZoneId.of("UTC")).report(h.workspaceId(), week43(), Optional.empty());

        assertThat(Duration.between(report.from(), report.to())).isEqualTo(Duration.ofHours(168));
        HealthReport.QuestionStats stats = report.questions();
        // Question 1 moves to week 42, question 5 joins.
        assertThat(stats.asked()).isEqualTo(10);
        assertThat(stats.answered()).isEqualTo(8);
        assertThat(stats.accepted()).isEqualTo(3);
        assertThat(stats.answeredWithinSla()).isEqualTo(5);
        assertThat(stats.firstAnswerMedian()).contains(Duration.ofHours(3));
        assertThat(stats.firstAnswerP90()).contains(Duration.ofHours(8));
        // Accepts: 1h 4h 30h.
        assertThat(stats.acceptMedian()).contains(Duration.ofHours(4));
        assertThat(report.participation().askers()).isEqualTo(2);
    }

    @Test
    void aMonthAndATagFilter() {
        HealthMeasures measures = measures(BERLIN);
        HealthReport october = measures.report(h.workspaceId(), PeriodSpec.month(LocalDate.parse("2026-10-01")),
                Optional.empty());
        assertThat(october.from()).isEqualTo(t("2026-09-30T22:00:00Z"));
        assertThat(october.to()).isEqualTo(t("2026-10-31T23:00:00Z"));
        assertThat(october.questions().asked()).isEqualTo(17);

        HealthReport k8s = measures.report(h.workspaceId(), week43(), Optional.of("kubernetes"));
        assertThat(k8s.tag()).contains("k8s");
        assertThat(k8s.questions().asked()).isEqualTo(5);
        assertThat(k8s.questions().answered()).isEqualTo(4);
        assertThat(k8s.questions().answeredWithinSla()).isEqualTo(3);
        assertThat(k8s.questions().accepted()).isEqualTo(1);
        assertThat(k8s.unanswered().total()).isEqualTo(2);
        assertThat(k8s.unanswered().bucket(Age.H4_TO_24).oldest()).extracting(OpenQuestion::number).containsExactly(10L);
        assertThat(k8s.unanswered().bucket(Age.D1_TO_7).oldest()).extracting(OpenQuestion::number).containsExactly(4L);
        assertThat(k8s.reputationByTag()).containsExactly(new TagGain("k8s", 23));

        HealthReport unknown = measures.report(h.workspaceId(), week43(), Optional.of("cobol"));
        assertThat(unknown.questions().asked()).isZero();
        assertThat(unknown.unanswered().total()).isZero();
        assertThat(unknown.experts()).isEmpty();
    }

    @Test
    void aTagFilterCountsOnlyThatTagsQuestionsAndFollowsAnswersDeletionsAndMerges() {
        HealthMeasures measures = measures(BERLIN);
        HealthReport java = measures.report(h.workspaceId(), week43(), Optional.of("java"));
        // Week 43 in Berlin: questions 1, 2, 11, 12, 13 (7 is deleted, 6 is Sunday of week 42).
        HealthReport.QuestionStats stats = java.questions();
        assertThat(stats.asked()).isEqualTo(5);
        assertThat(stats.answered()).isEqualTo(4);
        assertThat(stats.accepted()).isEqualTo(3);
        assertThat(stats.slaCounted()).isEqualTo(5);
        assertThat(stats.answeredWithinSla()).isEqualTo(2);
        // First answers 30m 1h 5h 6h: median the 2nd, p90 the 4th. Accepts 1h 2h 30h.
        assertThat(stats.firstAnswerMedian()).contains(Duration.ofHours(1));
        assertThat(stats.firstAnswerP90()).contains(Duration.ofHours(6));
        assertThat(stats.acceptMedian()).contains(Duration.ofHours(2));
        assertThat(java.participation()).isEqualTo(new HealthReport.Participation(2, 3, 2));
        assertThat(java.gaps().uncovered()).isEmpty();
        assertThat(java.gaps().slowest()).containsExactly(new SlowTag("java", 5, 2));
        // Open java questions now: 8 (30 min), 13 (4 d 4 h), 6 (9 d); deleted question 7 is none of them.
        assertThat(java.unanswered().buckets()).extracting(HealthReport.AgeBucket::count)
                .containsExactly(1L, 0L, 0L, 1L, 1L);
        assertThat(java.unanswered().oldest(5)).extracting(OpenQuestion::id).containsExactly(q6, q13, q8);
        assertThat(java.unanswered().bucket(Age.OLDER).oldest().get(0).tags()).containsExactly("java");
        assertThat(measures.report(h.workspaceId(), week43(), Optional.of("python")).unanswered().buckets())
                .extracting(HealthReport.AgeBucket::count).containsExactly(0L, 2L, 0L, 0L, 0L);

        // Question 12 loses its only answer: open again, 5 days old. Question 13 is deleted: no longer open.
        h.removeAnswer(a12);
        h.delete(q13, t("2026-10-28T11:50:00Z"));
        HealthReport.Unanswered after = measures.report(h.workspaceId(), week43(), Optional.of("java")).unanswered();
        assertThat(after.buckets()).extracting(HealthReport.AgeBucket::count).containsExactly(1L, 0L, 0L, 1L, 1L);
        assertThat(after.bucket(Age.D1_TO_7).oldest()).extracting(OpenQuestion::id).containsExactly(q12);
        assertThat(measures.report(h.workspaceId(), week43(), Optional.of("java")).questions().asked()).isEqualTo(4);

        // python merged into java: its questions, open or not, count under java with their own times.
        database.inTransaction(sql -> {
            TagRepository tags = new TagRepository();
            tags.merge(sql, h.workspaceId(), tags.resolve(sql, h.workspaceId(), "python").orElseThrow(),
                    tags.resolve(sql, h.workspaceId(), "java").orElseThrow());
            return null;
        });
        HealthReport merged = measures.report(h.workspaceId(), measures.currentPeriod(PeriodSpec.Kind.WEEK),
                Optional.of("python"));
        assertThat(merged.tag()).contains("java");
        assertThat(merged.unanswered().buckets()).extracting(HealthReport.AgeBucket::count)
                .containsExactly(1L, 2L, 0L, 1L, 1L);
        assertThat(merged.unanswered().bucket(Age.H1_TO_4).oldest()).extracting(OpenQuestion::id)
                .containsExactly(q9, q17);
        // This week (from Monday 26 Oct, Berlin): questions 5, 9, 17 (python) and 8 (java).
        assertThat(merged.questions().asked()).isEqualTo(4);
        assertThat(merged.questions().answered()).isEqualTo(1);
        assertThat(measures.weeklyTrend(h.workspaceId(), Optional.of("java"), 2)).extracting(WeekPoint::asked)
                .containsExactly(4L, 4L);
        assertTagFilterMatchesThePlainQuery(measures);
    }

    /** Cross-check: for every tag, the open counts by age equal those of a plain query over the question rows. */
    private void assertTagFilterMatchesThePlainQuery(HealthMeasures measures) {
        for (String tag : measures.tagNames(h.workspaceId())) {
            List<Long> expected = new java.util.ArrayList<>();
            for (Age age : Age.values()) {
                Instant youngest = clock.instant().minus(age.min());
                Instant oldest = age.max().map(clock.instant()::minus).orElse(Instant.EPOCH);
                expected.add(database.inTransaction(sql -> sql.count("SELECT COUNT(*) FROM question q "
                        + "JOIN question_tag qt ON qt.question_id = q.id JOIN tag t ON t.id = qt.tag_id "
                        + "WHERE t.name = ? AND t.workspace_id = ? AND q.answer_count = 0 AND q.deleted_at IS NULL "
                        + "AND q.created_at <= ? AND q.created_at > ?", tag, h.workspaceId(), youngest, oldest)));
            }
            assertThat(measures.report(h.workspaceId(), week43(), Optional.of(tag)).unanswered().buckets())
                    .as(tag).extracting(HealthReport.AgeBucket::count).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void unansweredNowByAgeWithTheOldestFirstAndTheirLinks() {
        HealthReport.Unanswered open = measures(BERLIN).report(h.workspaceId(), week43(), Optional.empty()).unanswered();

        assertThat(open.total()).isEqualTo(7);
        assertThat(open.bucket(Age.UNDER_1H).oldest()).extracting(OpenQuestion::number).containsExactly(8L);
        assertThat(open.bucket(Age.H1_TO_4).oldest()).extracting(OpenQuestion::number).containsExactly(9L, 17L);
        assertThat(open.bucket(Age.H4_TO_24).oldest()).extracting(OpenQuestion::number).containsExactly(10L);
        assertThat(open.bucket(Age.D1_TO_7).oldest()).extracting(OpenQuestion::number).containsExactly(4L, 13L);
        assertThat(open.bucket(Age.OLDER).oldest()).extracting(OpenQuestion::number).containsExactly(6L);
        assertThat(open.buckets()).extracting(HealthReport.AgeBucket::count).containsExactly(1L, 2L, 1L, 2L, 1L);
        OpenQuestion oldest = open.bucket(Age.OLDER).oldest().get(0);
        assertThat(oldest.id()).isEqualTo(q6);
        assertThat(oldest.tags()).containsExactly("java");
        assertThat(oldest.age()).isEqualTo(Duration.ofDays(9).plusHours(14).plusMinutes(30));
        assertThat(oldest.chatLink()).isEqualTo("https://discord.com/channels/G1/C1/M6");
        assertThat(open.oldest(3)).extracting(OpenQuestion::id).containsExactly(q6, q4, q13);

        // An hour later (13:00 UTC) question 8 is 1.5 h old and question 9 exactly 4 h: each moves up a bucket.
        clock.advance(Duration.ofHours(1));
        HealthReport.Unanswered later = measures(BERLIN).report(h.workspaceId(), week43(), Optional.empty()).unanswered();
        assertThat(later.buckets()).extracting(HealthReport.AgeBucket::count).containsExactly(0L, 2L, 2L, 2L, 1L);
        assertThat(later.bucket(Age.H1_TO_4).oldest()).extracting(OpenQuestion::id).containsExactly(q17, q8);
        assertThat(later.bucket(Age.H4_TO_24).oldest()).extracting(OpenQuestion::id).containsExactly(q10, q9);
    }

    @Test
    void knowledgeGapsUseAvailabilityAndTheSlowestTagsNeedFiveQuestions() {
        HealthMeasures measures = measures(BERLIN);
        HealthReport.KnowledgeGaps gaps = measures.report(h.workspaceId(), week43(), Optional.empty()).gaps();
        // k8s: erin away, frank outside 18–22 Berlin (it is 13:00), gina mentioned once with a limit of 1; carol
        // opted out. java has bob.
        assertThat(gaps.uncovered()).containsExactly(new UncoveredTag("k8s", 5, 3, 1, 1, 1));
        assertThat(gaps.slowest()).containsExactly(new SlowTag("java", 5, 2), new SlowTag("k8s", 5, 3));
        assertThat(gaps.slowest().get(0).share()).isEqualTo(0.4);

        HealthReport.KnowledgeGaps thisWeek = measures.report(h.workspaceId(),
                measures.currentPeriod(PeriodSpec.Kind.WEEK), Optional.empty()).gaps();
        // python is covered by dave, a learned expert (55 ≥ 50); nothing has five questions yet.
        assertThat(thisWeek.uncovered()).containsExactly(new UncoveredTag("k8s", 1, 3, 1, 1, 1));
        assertThat(thisWeek.slowest()).isEmpty();

        // At 18:30 Berlin on Wednesday frank is in his hours: k8s has someone again.
        clock.set(t("2026-10-28T17:30:00Z"));
        assertThat(measures.report(h.workspaceId(), measures.currentPeriod(PeriodSpec.Kind.WEEK), Optional.empty())
                .gaps().uncovered()).isEmpty();
    }

    @Test
    void expertLoadAndTheHiddenExperts() {
        List<ExpertLoad> load = measures(BERLIN).report(h.workspaceId(), week43(), Optional.empty()).experts();
        long bob = h.member("bob");
        long carol = h.member("carol");
        assertThat(load).containsExactly(
                new ExpertLoad(bob, "U-bob", "bob", 3, 1, 5, 2, 2, true),
                new ExpertLoad(carol, "U-carol", "carol", 0, 0, 2, 2, 2, false),
                new ExpertLoad(h.member("erin"), "U-erin", "erin", 2, 0, 0, 0, 0, true),
                new ExpertLoad(h.member("alice"), "U-alice", "alice", 0, 0, 1, 0, 0, false),
                new ExpertLoad(h.member("gina"), "U-gina", "gina", 1, 0, 0, 0, 0, true),
                new ExpertLoad(h.member("frank"), "U-frank", "frank", 0, 1, 0, 0, 0, true));
        HealthReport report = measures(BERLIN).report(h.workspaceId(), week43(), Optional.empty());
        assertThat(report.hiddenExperts()).extracting(ExpertLoad::displayName).containsExactly("carol");

        // In java only bob declared: carol's java answer (question 2) was unmentioned.
        List<ExpertLoad> java = measures(BERLIN).report(h.workspaceId(), week43(), Optional.of("java")).experts();
        assertThat(java).containsExactly(
                new ExpertLoad(bob, "U-bob", "bob", 3, 0, 3, 2, 0, true),
                new ExpertLoad(carol, "U-carol", "carol", 0, 0, 1, 1, 1, false),
                new ExpertLoad(h.member("alice"), "U-alice", "alice", 0, 0, 1, 0, 0, false),
                new ExpertLoad(h.member("frank"), "U-frank", "frank", 0, 1, 0, 0, 0, false));
    }

    @Test
    void participationAndReputation() {
        HealthReport report = measures(BERLIN).report(h.workspaceId(), week43(), Optional.empty());

        assertThat(report.participation()).isEqualTo(new HealthReport.Participation(2, 3, 2));
        assertThat(report.reputationByMember()).containsExactly(
                new MemberGain(h.member("bob"), "U-bob", "bob", 40),
                new MemberGain(h.member("carol"), "U-carol", "carol", 28));
        assertThat(report.reputationByTag()).containsExactly(new TagGain("java", 45), new TagGain("k8s", 23));

        HealthReport java = measures(BERLIN).report(h.workspaceId(), week43(), Optional.of("java"));
        assertThat(java.reputationByMember()).extracting(MemberGain::gained).containsExactly(30L, 15L);
        assertThat(java.reputationByTag()).containsExactly(new TagGain("java", 45));
    }

    @Test
    void weeklyTrendForTwelveBerlinWeeks() {
        List<WeekPoint> trend = measures(BERLIN).weeklyTrend(h.workspaceId(), Optional.empty(), 12);

        assertThat(trend).hasSize(12);
        assertThat(trend.get(0).weekStart()).isEqualTo(LocalDate.parse("2026-08-10"));
        assertThat(trend.get(11).weekStart()).isEqualTo(LocalDate.parse("2026-10-26"));
        assertThat(trend.subList(0, 8)).allSatisfy(point -> {
            assertThat(point.asked()).isZero();
            assertThat(point.firstAnswerMedian()).isEmpty();
            assertThat(point.withinSlaShare()).isEmpty();
        });
        assertThat(trend.get(8)).isEqualTo(new WeekPoint(LocalDate.parse("2026-10-05"), 1, 1, 1, 1,
                Optional.of(Duration.ofHours(1)), Optional.of(Duration.ofHours(1))));
        assertThat(trend.get(9)).isEqualTo(new WeekPoint(LocalDate.parse("2026-10-12"), 1, 0, 1, 0,
                Optional.empty(), Optional.empty()));
        assertThat(trend.get(10)).isEqualTo(new WeekPoint(LocalDate.parse("2026-10-19"), 10, 8, 10, 5,
                Optional.of(Duration.ofHours(3)), Optional.of(Duration.ofHours(8))));
        // This week: 5 asked; only question 5 (10 min) and question 10 (16 h open) are past deciding the SLA.
        assertThat(trend.get(11)).isEqualTo(new WeekPoint(LocalDate.parse("2026-10-26"), 5, 1, 2, 1,
                Optional.of(Duration.ofMinutes(10)), Optional.of(Duration.ofMinutes(10))));

        List<WeekPoint> utc = measures(ZoneId.of("UTC")).weeklyTrend(h.workspaceId(), Optional.empty(), 12);
        assertThat(utc).extracting(WeekPoint::asked).endsWith(1L, 2L, 10L, 4L);
        List<WeekPoint> python = measures(BERLIN).weeklyTrend(h.workspaceId(), Optional.of("python"), 2);
        assertThat(python).extracting(WeekPoint::asked).containsExactly(0L, 3L);
    }
}
