package org.bandura.core.service;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bandura.core.followup.Availability;
import org.bandura.core.followup.FollowUpSettings;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.Sql;
import org.bandura.core.routing.ExpertRanker;

/**
 * Chooses whom to mention for a question among the experts who are there: declared experts of its tags plus
 * learned ones, minus the asker and anyone already mentioned for it; skips the away, the off-hours and those over
 * their weekly limit; prefers the least loaded, then the ranker's order (tag fit, reputation, cool-down, least
 * recently mentioned). Records its decisions with their reasons for
 * /why (the first {@link #DECISIONS_LISTED} skipped and not chosen by name, the rest counted).
 */
final class FollowUpRouter {

    static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", java.util.Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

    /** @param queuedUntil when nobody was available: the first moment one of the skipped experts is back */
    record Routed(List<MemberRow> chosen, Optional<Instant> queuedUntil) {
    }

    private record Available(ExpertRanker.Ranked ranked, int load) {
    }

    /**
     * Skipped and not-chosen experts listed by name for /why, each kind; the rest are one line ("12 more ...") so
     * routing to thousands of experts writes a bounded number of rows.
     */
    static final int DECISIONS_LISTED = 10;

    /**
     * Experts are checked (availability, weekly limit, open load) in rank order, this many first and four times
     * more each further round, until enough idle ones are found (then the choice is exactly whom checking everyone
     * would make, see {@link #enoughIdle}) or {@link #LEAST_LOADED_AMONG} were checked and enough of them are
     * available: routing to a tag with thousands of experts reads a bounded number of rows.
     */
    static final int FIRST_WINDOW = 30;

    /**
     * When every expert checked has open questions, the least loaded are chosen among (at least) this many of the
     * best ranked, not among everyone: a tag with thousands of busy experts still costs a bounded read per
     * question. Checking goes on beyond them only until enough available experts are found at all.
     */
    static final int LEAST_LOADED_AMONG = 150;

    private final Stores stores;
    private final FollowUpRepository followUps;
    private final FollowUpSettings settings;

    FollowUpRouter(Stores stores, FollowUpRepository followUps, FollowUpSettings settings) {
        this.stores = stores;
        this.followUps = followUps;
        this.settings = settings;
    }

    /**
     * Whether the experts checked so far already decide the choice. The chosen are the first {@code limit} available
     * experts by open load, then rank; anyone not checked yet ranks below everyone checked, so they could only come
     * first with a lower load: impossible once {@code limit} available experts with no open load are known.
     */
    private static boolean enoughIdle(List<Available> available, int limit) {
        return limit > 0 && available.stream().filter(expert -> expert.load() == 0).count() >= limit;
    }

    Routed route(Sql sql, long questionId, long askerId, Collection<Long> tagIds, String stage, int limit, Instant now)
            throws SQLException {
        Set<Long> alreadyMentioned = new HashSet<>(followUps.mentioned(sql, questionId));
        Set<Long> learned = new HashSet<>();
        Map<Long, ExpertRanker.Candidate> candidates = new LinkedHashMap<>();
        for (ExpertRanker.Candidate declared : stores.tags().candidates(sql, tagIds)) {
            candidates.put(declared.memberId(), declared);
        }
        for (ExpertRanker.Candidate earned : followUps.learnedCandidates(sql, tagIds, settings.learnedExpertThreshold())) {
            if (candidates.putIfAbsent(earned.memberId(), earned) == null) {
                learned.add(earned.memberId());
            }
        }
        candidates.keySet().removeAll(alreadyMentioned);

        List<ExpertRanker.Ranked> ranking = ExpertRanker.rank(List.copyOf(candidates.values()), askerId,
                Integer.MAX_VALUE, now);
        List<FollowUpRepository.PendingDecision> decisions = new ArrayList<>();
        int skippedUnlisted = 0;
        List<Available> available = new ArrayList<>();
        Optional<Instant> firstBack = Optional.empty();
        int evaluated = 0;
        int window = Math.max(FIRST_WINDOW, limit * 10);
        while (evaluated < ranking.size() && !enoughIdle(available, limit)
                && !(evaluated >= LEAST_LOADED_AMONG && available.size() >= limit)) {
            List<ExpertRanker.Ranked> batch = ranking.subList(evaluated, Math.min(ranking.size(), evaluated + window));
            evaluated += batch.size();
            window *= 4;
            List<Long> ids = batch.stream().map(ranked -> ranked.candidate().memberId()).toList();
            Map<Long, FollowUpRepository.AvailabilityRow> availabilities = followUps.availabilities(sql, ids);
            Map<Long, FollowUpRepository.MentionCounts> mentions = followUps.mentionCounts(sql, ids,
                    now.minus(Availability.LIMIT_WINDOW), now.minus(settings.timing().giveUp()));
            for (ExpertRanker.Ranked ranked : batch) {
                long memberId = ranked.candidate().memberId();
                Availability availability = availabilities.getOrDefault(memberId,
                        FollowUpRepository.AvailabilityRow.NONE).availability();
                FollowUpRepository.MentionCounts counts = mentions.getOrDefault(memberId,
                        FollowUpRepository.MentionCounts.NONE);
                Availability.Verdict verdict = availability.check(now, counts.inLimitWindow());
                if (verdict == Availability.Verdict.AVAILABLE) {
                    available.add(new Available(ranked, counts.openLoad()));
                    continue;
                }
                if (decisions.size() < DECISIONS_LISTED) {
                    decisions.add(new FollowUpRepository.PendingDecision(memberId, "SKIPPED", verdict.reason()));
                } else {
                    skippedUnlisted++;
                }
                Optional<Instant> back = verdict == Availability.Verdict.OVER_LIMIT ? Optional.empty()
                        : availability.nextAvailable(now);
                if (back.isPresent() && (firstBack.isEmpty() || back.get().isBefore(firstBack.get()))) {
                    firstBack = back;
                }
            }
        }
        int notChecked = ranking.size() - evaluated;
        if (skippedUnlisted > 0) {
            decisions.add(new FollowUpRepository.PendingDecision(null, "SKIPPED",
                    Texts.plural(skippedUnlisted, "more expert", "more experts") + " away, off hours or over their limit"));
        }
        available.sort(Comparator.comparingInt(Available::load)); // stable: ties keep the ranker's order

        List<MemberRow> chosen = new ArrayList<>();
        int rank = followUps.nextMentionRank(sql, questionId);
        int notChosenListed = 0;
        int notChosenUnlisted = 0;
        for (Available expert : available) {
            long memberId = expert.ranked().candidate().memberId();
            String reason = "score " + expert.ranked().score() + ", "
                    + Texts.plural(expert.load(), "open question", "open questions")
                    + (learned.contains(memberId) ? ", learned expert" : "");
            if (chosen.size() >= limit) {
                if (notChosenListed++ < DECISIONS_LISTED) {
                    decisions.add(new FollowUpRepository.PendingDecision(memberId, "NOT_CHOSEN", reason));
                } else {
                    notChosenUnlisted++;
                }
                continue;
            }
            stores.questions().recordMention(sql, questionId, memberId, rank++, expert.ranked().score(), now);
            stores.members().markMentioned(sql, memberId, now);
            decisions.add(new FollowUpRepository.PendingDecision(memberId, "CHOSEN", reason));
            chosen.add(stores.members().get(sql, memberId));
        }
        if (notChosenUnlisted > 0) {
            decisions.add(new FollowUpRepository.PendingDecision(null, "NOT_CHOSEN",
                    Texts.plural(notChosenUnlisted, "more available expert", "more available experts")
                            + " ranked lower"));
        }
        if (notChecked > 0) {
            decisions.add(new FollowUpRepository.PendingDecision(null, "NOT_CHOSEN",
                    Texts.plural(notChecked, "more expert", "more experts") + " ranked lower (not checked: "
                            + (enoughIdle(available, limit) ? "enough idle experts ranked above them"
                            : "the least loaded are chosen among the " + evaluated + " best ranked") + ")"));
        }
        Optional<Instant> queuedUntil = chosen.isEmpty() ? firstBack : Optional.empty();
        if (queuedUntil.isPresent()) {
            decisions.add(new FollowUpRepository.PendingDecision(null, "QUEUED",
                    "nobody available; queued until " + UTC_TIME.format(queuedUntil.get())));
        }
        followUps.recordDecisions(sql, questionId, stage, decisions, now);
        return new Routed(chosen, queuedUntil);
    }
}
