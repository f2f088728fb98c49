package org.bandura.core.service;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.reputation.Badges;
import org.bandura.core.reputation.ReputationRules;

/** Applies {@link ReputationRules} through the ledger: daily cap, floor, exact reversals, badges. */
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
        for (ReputationRules.Change change : changes) {
            long memberId = parties.of(change.role());
            long current = stores.members().get(context.sql(), memberId).reputation();
            boolean capped = change.countsTowardCap() && change.delta() > 0;
            long capRoom = capped
                    ? settings.dailyVoteCap() - stores.ledger().gainedFromVotesToday(context.sql(), memberId,
                            context.now())
                    : Long.MAX_VALUE;
            int applied = ReputationRules.applied(current, change.delta(), change.countsTowardCap(), capRoom);
            stores.ledger().record(context.sql(), context.workspaceId(), memberId, applied, change.reason(), causeType,
                    causeId, questionId, change.countsTowardCap(), context.now());
        }
        for (long memberId : involved) {
            awardBadges(context, memberId);
        }
    }

    /** Undoes everything one cause added, member by member, exactly (but never below the floor). */
    void reverse(Context context, String causeType, long causeId, long questionId, String reason) throws SQLException {
        Map<Long, Long> net = stores.ledger().netByMember(context.sql(), causeType, causeId);
        stores.members().lock(context.sql(), net.keySet());
        for (Map.Entry<Long, Long> entry : net.entrySet()) {
            long current = stores.members().get(context.sql(), entry.getKey()).reputation();
            int applied = ReputationRules.reversal(current, entry.getValue());
            stores.ledger().record(context.sql(), context.workspaceId(), entry.getKey(), applied, reason, causeType,
                    causeId, questionId, false, context.now());
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
