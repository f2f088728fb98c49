package org.bandura.core.service;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bandura.core.command.Command;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.TagRepository.Tag;
import org.bandura.core.reply.Reply;
import org.bandura.core.reply.RichText;
import org.bandura.core.text.TagSyntax;

/** Declaring, dropping and listing expertise. */
final class ExpertService {

    private static final int LIST_LIMIT = 20;

    private final Stores stores;

    ExpertService(Stores stores) {
        this.stores = stores;
    }

    Reply add(Context context, Command.ExpertAdd add) throws SQLException {
        List<String> added = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (String name : normalized(add.tags())) {
            Tag tag = stores.tags().ensure(context.sql(), context.workspaceId(), name, context.now());
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
            if (tag.isPresent() && stores.tags().unsubscribe(context.sql(), context.member().id(), tag.get().id())) {
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
                    .orElseThrow(() -> new Refusal("'" + list.tag() + "' is not a valid tag. " + TagSyntax.RULE));
            Optional<Tag> tag = stores.tags().resolve(context.sql(), context.workspaceId(), name);
            List<MemberRow> experts = tag.isEmpty() ? List.of() : stores.tags().expertsOf(context.sql(), tag.get().id());
            if (experts.isEmpty()) {
                return Reply.ok("Nobody is an expert for #" + name + " yet. Know it? /expert add " + name);
            }
            return Reply.ok("Experts for #" + tag.get().name() + ": " + experts.stream().limit(LIST_LIMIT)
                    .map(expert -> expert.displayName() + " (" + expert.reputation() + ")")
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
        Tag tag = stores.tags().ensure(context.sql(), context.workspaceId(), tagName, context.now());
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

    private static Set<String> normalized(List<String> raw) {
        Set<String> names = new LinkedHashSet<>();
        for (String tag : raw) {
            names.add(TagSyntax.normalize(tag)
                    .orElseThrow(() -> new Refusal("'" + tag + "' is not a valid tag. " + TagSyntax.RULE)));
        }
        return names;
    }
}
