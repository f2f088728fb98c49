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

    private final Stores stores;
    private final FollowUpRepository followUps;
    private final FollowUpSettings settings;

    FollowUpRouter(Stores stores, FollowUpRepository followUps, FollowUpSettings settings) {
        this.stores = stores;
        this.followUps = followUps;
        this.settings = settings;
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

        List<Long> ids = List.copyOf(candidates.keySet());
        Map<Long, FollowUpRepository.AvailabilityRow> availabilities = followUps.availabilities(sql, ids);
        Map<Long, Integer> recentMentions = followUps.mentionsSince(sql, ids, now.minus(Availability.LIMIT_WINDOW));
        Map<Long, Integer> loads = followUps.openLoads(sql, ids, now.minus(settings.timing().giveUp()));
        List<FollowUpRepository.PendingDecision> decisions = new ArrayList<>();
        int skippedUnlisted = 0;
        List<Available> available = new ArrayList<>();
        Optional<Instant> firstBack = Optional.empty();
        for (ExpertRanker.Ranked ranked : ExpertRanker.rank(List.copyOf(candidates.values()), askerId,
                Integer.MAX_VALUE, now)) {
            long memberId = ranked.candidate().memberId();
            Availability availability = availabilities.getOrDefault(memberId, FollowUpRepository.AvailabilityRow.NONE)
                    .availability();
            Availability.Verdict verdict = availability.check(now, recentMentions.getOrDefault(memberId, 0));
            if (verdict == Availability.Verdict.AVAILABLE) {
                available.add(new Available(ranked, loads.getOrDefault(memberId, 0)));
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
        Optional<Instant> queuedUntil = chosen.isEmpty() ? firstBack : Optional.empty();
        if (queuedUntil.isPresent()) {
            decisions.add(new FollowUpRepository.PendingDecision(null, "QUEUED",
                    "nobody available; queued until " + UTC_TIME.format(queuedUntil.get())));
        }
        followUps.recordDecisions(sql, questionId, stage, decisions, now);
        return new Routed(chosen, queuedUntil);
    }
}
