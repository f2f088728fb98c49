package org.bandura.core.service;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bandura.core.persistence.TagRepository.Tag;
import org.bandura.core.text.InferableWords;

/**
 * Who may create tags and which tags the bot applies on its own. Tags route questions to people, so a tag made on
 * a whim pings someone: new tags need reputation (or a moderator), and inference only uses established tags.
 */
final class TagPolicy {

    private final Stores stores;
    private final CommunityRules rules;

    TagPolicy(Stores stores, CommunityRules rules) {
        this.stores = stores;
        this.rules = rules;
    }

    /** The tag by name or alias; created when the member may create tags, refused politely otherwise. */
    Tag obtain(Context context, String name) throws SQLException {
        Optional<Tag> existing = stores.tags().resolve(context.sql(), context.workspaceId(), name);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!context.isModerator() && context.member().reputation() < rules.createTagMinReputation()) {
            throw new Refusal("#" + name + " would be a new tag, and creating tags takes "
                    + rules.createTagMinReputation() + " reputation (you have " + context.member().reputation()
                    + "). Use a tag from /tags, or ask a moderator to create #" + name + ".");
        }
        return stores.tags().create(context.sql(), context.workspaceId(), name, context.isModerator(), context.now());
    }

    /** Established tags whose name or alias appears as a word of an untagged question, in the text's order. */
    List<Tag> infer(Context context, String text) throws SQLException {
        List<Tag> established = new ArrayList<>();
        for (Tag tag : stores.tags().findKnown(context.sql(), context.workspaceId(), InferableWords.of(text))) {
            if (!InferableWords.isStopWord(tag.name())
                    && stores.tags().isEstablished(context.sql(), tag.id(), rules.inferMinQuestions())) {
                established.add(tag);
            }
        }
        return established;
    }

    /** Refuses an /expert add that would take the member past the most tags one may follow. */
    void requireRoomToFollow(Context context, int newTags) throws SQLException {
        long following = stores.tags().subscriptionCount(context.sql(), context.member().id());
        if (following + newTags > rules.maxExpertTags()) {
            throw new Refusal("You can follow at most " + rules.maxExpertTags() + " tags; you follow " + following
                    + " and asked for " + newTags + " more. Drop some with /expert remove <tags> first, "
                    + "or pick the ones you know best.");
        }
    }
}
