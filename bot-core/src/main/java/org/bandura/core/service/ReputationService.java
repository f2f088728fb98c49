package org.bandura.core.service;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.reputation.Badges;
import org.bandura.core.reputation.ReputationRules;

/** Applies {@link ReputationRules} through the ledger: daily cap, exact reversals, badges. */
final class ReputationService {

    private final Stores stores;
    private final CoreSettings settings;

    ReputationService(Stores stores, CoreSettings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    /** Who plays which role in one cause. */
    record Parties(long authorId, long actorId) {
        long of(ReputationRules.Role role) {
            return role == ReputationRules.Role.AUTHOR ? authorId : actorId;
        }
    }

    void apply(Context context, List<ReputationRules.Change> changes, Parties parties, String causeType, long causeId,
               long questionId) throws SQLException {
        List<Long> involved = new ArrayList<>();
        changes.forEach(change -> involved.add(parties.of(change.role())));
        stores.members().lock(context.sql(), involved);
        LocalDate today = ReputationLedger.day(context.now());
        for (ReputationRules.Change change : changes) {
            long memberId = parties.of(change.role());
            long capRoom = change.countsTowardCap()
                    ? settings.dailyVoteCap() - stores.ledger().gainedFromVotesToday(context.sql(), memberId,
                            context.now())
                    : Long.MAX_VALUE;
            int applied = ReputationRules.applied(change.delta(), change.countsTowardCap(), capRoom);
            stores.ledger().record(context.sql(), context.workspaceId(), memberId, applied, change.reason(), causeType,
                    causeId, questionId, change.countsTowardCap(), today, context.now());
        }
        for (long memberId : involved) {
            awardBadges(context, memberId);
        }
    }

    /**
     * Undoes exactly what one cause added and has not yet taken back. Each part is negated on the day it was earned,
     * so a retracted vote also gives back its share of that day's cap, as if it had never been cast.
     */
    void reverse(Context context, String causeType, long causeId, long questionId, String reason) throws SQLException {
        List<ReputationLedger.Open> open = stores.ledger().openByCause(context.sql(), causeType, causeId);
        stores.members().lock(context.sql(), open.stream().map(ReputationLedger.Open::memberId).toList());
        for (ReputationLedger.Open part : open) {
            stores.ledger().record(context.sql(), context.workspaceId(), part.memberId(), Math.toIntExact(-part.net()),
                    reason, causeType, causeId, questionId, part.countsTowardCap(), part.earnedOn(), context.now());
        }
    }

    /** Awards every badge the member now qualifies for; badges already held stay. */
    void awardBadges(Context context, long memberId) throws SQLException {
        MemberRow member = stores.members().get(context.sql(), memberId);
        Map<String, Long> tagPoints = stores.ledger().tagPoints(context.sql(), memberId);
        List<String> held = stores.badges().of(context.sql(), memberId);
        for (String code : Badges.earned(member.answerCount(), member.acceptedCount(), tagPoints,
                settings.tagExpertThreshold())) {
            if (!held.contains(code)) {
                stores.badges().award(context.sql(), memberId, code, context.now());
            }
        }
    }
}
