package org.bandura.discord;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;

/** Who did something: each guild is its own workspace; Manage Server or a configured role makes a moderator. */
final class Actors {

    private final Set<String> moderatorRoles;

    Actors(DiscordSettings settings) {
        this.moderatorRoles = settings.moderatorRoleNames().stream()
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    static WorkspaceRef workspace(Guild guild) {
        return new WorkspaceRef(Platform.DISCORD, guild.getId(), guild.getName());
    }

    Actor of(Member member) {
        return new Actor(workspace(member.getGuild()), member.getId(), member.getEffectiveName(), isModerator(member));
    }

    /** When Discord sends no member (a reaction removal), the user alone: never a moderator. */
    Actor of(Guild guild, Member member, User user, String userId) {
        if (member != null) {
            return of(member);
        }
        Member cached = guild.getMemberById(userId);
        if (cached != null) {
            return of(cached);
        }
        return new Actor(workspace(guild), userId, user == null ? null : user.getEffectiveName(), false);
    }

    boolean isModerator(Member member) {
        if (member.hasPermission(Permission.MANAGE_SERVER)) {
            return true;
        }
        for (Role role : member.getRoles()) {
            if (moderatorRoles.contains(role.getName().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
