package org.bandura.core.service;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bandura.core.command.Command;
import org.bandura.core.persistence.FollowUpRepository;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.TagRepository.Tag;
import org.bandura.core.reply.Reply;
import org.bandura.core.reply.RichText;
import org.bandura.core.text.TagSyntax;
import org.bandura.core.text.VisibleText;

/** Declaring, dropping and listing expertise. */
final class ExpertService {

    private static final int LIST_LIMIT = 20;

    private final Stores stores;
    private final TagPolicy tagPolicy;
    private final FollowUpRepository followUps;
    private final int learnedExpertThreshold;

    ExpertService(Stores stores, CoreSettings settings, FollowUpRepository followUps, int learnedExpertThreshold) {
        this.stores = stores;
        this.tagPolicy = new TagPolicy(stores, settings.community());
        this.followUps = followUps;
        this.learnedExpertThreshold = learnedExpertThreshold;
    }

    /** All or nothing: a refused tag (new without the reputation, or one too many) leaves every subscription as is. */
    Reply add(Context context, Command.ExpertAdd add) throws SQLException {
        List<Tag> tags = new ArrayList<>();
        for (String name : normalized(add.tags())) {
            tags.add(tagPolicy.obtain(context, name));
        }
        List<String> following = stores.tags().subscriptionsOf(context.sql(), context.member().id());
        tagPolicy.requireRoomToFollow(context,
                (int) tags.stream().distinct().filter(tag -> !following.contains(tag.name())).count());
        List<String> added = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (Tag tag : tags) {
            (stores.tags().subscribe(context.sql(), context.member().id(), tag.id(), context.now()) ? added : already)
                    .add(tag.name());
        }
        RichText.Builder text = RichText.builder();
        if (!added.isEmpty()) {
            text.line("You're now an expert for " + Texts.hashTags(added)
                    + ". New questions with these tags may mention you.");
        }
        if (!already.isEmpty()) {
            text.line("You already follow " + Texts.hashTags(already) + ".");
        }
        return Reply.ok(text.build());
    }

    Reply remove(Context context, Command.ExpertRemove remove) throws SQLException {
        List<String> removed = new ArrayList<>();
        List<String> notFollowed = new ArrayList<>();
        for (String name : normalized(remove.tags())) {
            Optional<Tag> tag = stores.tags().resolve(context.sql(), context.workspaceId(), name);
            boolean learned = tag.isPresent() && followUps.isLearnedExpert(context.sql(), context.member().id(),
                    tag.get().id(), learnedExpertThreshold);
            if (learned) {
                followUps.optOut(context.sql(), context.member().id(), tag.get().id(), context.now()); // for good
            }
            if (tag.isPresent() && (stores.tags().unsubscribe(context.sql(), context.member().id(), tag.get().id())
                    || learned)) {
                removed.add(tag.get().name());
            } else {
                notFollowed.add(name);
            }
        }
        RichText.Builder text = RichText.builder();
        if (!removed.isEmpty()) {
            text.line("You're no longer mentioned for " + Texts.hashTags(removed) + ".");
        }
        if (!notFollowed.isEmpty()) {
            text.line("You weren't an expert for " + Texts.hashTags(notFollowed)
                    + ". /expert list shows the tags you follow.");
        }
        return Reply.ok(text.build());
    }

    /** Names only, never mentions: listing experts must not ping them. */
    Reply list(Context context, Command.ExpertList list) throws SQLException {
        if (list.tag() != null) {
            String name = TagSyntax.normalize(list.tag())
                    .orElseThrow(() -> new Refusal("'" + VisibleText.quote(list.tag()) + "' is not a valid tag. " + TagSyntax.RULE));
            Optional<Tag> tag = stores.tags().resolve(context.sql(), context.workspaceId(), name);
            List<MemberRow> experts = tag.isEmpty() ? List.of() : stores.tags().expertsOf(context.sql(), tag.get().id());
            List<String> learned = tag.isEmpty() ? List.of() : followUps.learnedExpertNames(context.sql(),
                    tag.get().id(), learnedExpertThreshold, LIST_LIMIT);
            if (experts.isEmpty() && learned.isEmpty()) {
                return Reply.ok("Nobody is an expert for #" + name + " yet. Know it? /expert add " + name);
            }
            List<String> names = new ArrayList<>(experts.stream().limit(LIST_LIMIT)
                    .map(expert -> expert.displayName() + " (" + expert.reputation() + ")").toList());
            names.addAll(learned);
            return Reply.ok("Experts for #" + tag.get().name() + ": " + names.stream().limit(LIST_LIMIT)
                    .collect(Collectors.joining(", ")));
        }
        List<String> mine = stores.tags().subscriptionsOf(context.sql(), context.member().id());
        RichText.Builder text = RichText.builder();
        text.line(mine.isEmpty()
                ? "You are not an expert for any tag yet. Try /expert add java"
                : "Your expert tags: " + Texts.hashTags(mine));
        List<String> withExperts = stores.tags().stats(context.sql(), context.workspaceId(), LIST_LIMIT).stream()
                .filter(stats -> stats.experts() > 0)
                .map(stats -> "#" + stats.name() + " (" + Texts.plural(stats.experts(), "expert", "experts") + ")")
                .toList();
        if (!withExperts.isEmpty()) {
            text.line("Tags with experts: " + String.join(", ", withExperts));
        }
        return Reply.ok(text.build());
    }

    /** Moderators only: another spelling that finds the same tag in questions, /expert and /top. */
    Reply alias(Context context, Command.TagAlias alias) throws SQLException {
        if (!context.isModerator()) {
            throw new Refusal("Only moderators can add tag aliases.");
        }
        String aliasName = normalized(List.of(alias.alias())).iterator().next();
        String tagName = normalized(List.of(alias.tag())).iterator().next();
        if (stores.tags().resolve(context.sql(), context.workspaceId(), aliasName).isPresent()) {
            throw new Refusal("#" + aliasName + " is already a tag or an alias, so it can't become an alias.");
        }
        Tag tag = tagPolicy.obtain(context, tagName);
        stores.tags().addAlias(context.sql(), context.workspaceId(), aliasName, tag.id());
        return Reply.ok("#" + aliasName + " now means #" + tag.name() + ".");
    }

    static final int MAX_DESCRIPTION_LENGTH = 4000;

    Reply describe(Context context, Command.DescribeTag describe) throws SQLException {
        if (!context.isModerator()) {
            throw new Refusal("Only moderators can edit tag descriptions.");
        }
        if (describe.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw new Refusal("A tag description can be at most " + MAX_DESCRIPTION_LENGTH + " characters; this one has "
                    + describe.description().length() + ".");
        }
        String name = normalized(List.of(describe.tag())).iterator().next();
        Tag tag = stores.tags().resolve(context.sql(), context.workspaceId(), name)
                .orElseThrow(() -> new Refusal("There is no tag #" + name + " here yet. /tags lists the known ones."));
        stores.tags().describe(context.sql(), tag.id(), describe.description().isEmpty() ? null : describe.description());
        return Reply.ok("Saved the description of #" + tag.name() + ".");
    }

    static Set<String> normalized(List<String> raw) {
        Set<String> names = new LinkedHashSet<>();
        for (String tag : raw) {
            names.add(TagSyntax.normalize(tag)
                    .orElseThrow(() -> new Refusal("'" + VisibleText.quote(tag) + "' is not a valid tag. " + TagSyntax.RULE)));
        }
        return names;
    }
}
