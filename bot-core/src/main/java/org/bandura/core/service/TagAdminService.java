package org.bandura.core.service;

import java.sql.SQLException;
import org.bandura.core.command.Command;
import org.bandura.core.persistence.TagRepository.Tag;
import org.bandura.core.reply.Reply;

/** Moderators tidy tags: remove one made in error, or merge a duplicate spelling into the tag people should use. */
final class TagAdminService {

    private final Stores stores;

    TagAdminService(Stores stores) {
        this.stores = stores;
    }

    Reply remove(Context context, Command.TagRemove remove) throws SQLException {
        requireModerator(context, "remove tags");
        Tag tag = existing(context, remove.tag());
        long questions = questionsWith(context, tag);
        stores.tags().remove(context.sql(), tag.id());
        return Reply.ok("#" + tag.name() + " is gone: it was taken off " + Texts.plural(questions, "question",
                "questions") + " and its experts no longer follow it. The questions themselves stay.");
    }

    Reply merge(Context context, Command.TagMerge merge) throws SQLException {
        requireModerator(context, "merge tags");
        Tag from = existing(context, merge.from());
        Tag into = existing(context, merge.into());
        if (from.id() == into.id()) {
            throw new Refusal("#" + from.name() + " and #" + into.name() + " are already the same tag, "
                    + "so there is nothing to merge.");
        }
        long questions = questionsWith(context, from);
        stores.tags().merge(context.sql(), context.workspaceId(), from, into);
        return Reply.ok("#" + from.name() + " is merged into #" + into.name() + ": "
                + Texts.plural(questions, "question", "questions") + ", its experts and their tag reputation moved "
                + "over, and #" + from.name() + " now means #" + into.name() + ".");
    }

    private static void requireModerator(Context context, String what) {
        if (!context.isModerator()) {
            throw new Refusal("Only moderators can " + what + ". Ask one if a tag looks wrong.");
        }
    }

    private Tag existing(Context context, String raw) throws SQLException {
        String name = ExpertService.normalized(java.util.List.of(raw)).iterator().next();
        return stores.tags().resolve(context.sql(), context.workspaceId(), name)
                .orElseThrow(() -> new Refusal("There is no tag #" + name + " here. /tags lists the known ones."));
    }

    private long questionsWith(Context context, Tag tag) throws SQLException {
        return stores.tags().questionCount(context.sql(), tag.id());
    }
}
