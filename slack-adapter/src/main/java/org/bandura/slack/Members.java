package org.bandura.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Slack user into a core {@link Actor}. Moderators are workspace admins and owners (from
 * {@code users.info}) plus the user ids in the settings. Lookups are cached for a few minutes.
 */
final class Members {

    private static final Logger LOG = LoggerFactory.getLogger(Members.class);
    private static final Duration TTL = Duration.ofMinutes(10);

    private record Known(String displayName, boolean admin, Instant fetched) {
    }

    private final Set<String> configuredModerators;
    private final Clock clock;
    private final Map<String, Known> cache = new ConcurrentHashMap<>();

    Members(SlackSettings settings, Clock clock) {
        this.configuredModerators = Set.copyOf(settings.moderatorUserIds());
        this.clock = clock;
    }

    static WorkspaceRef workspace(String teamId, String teamName) {
        return new WorkspaceRef(Platform.SLACK, teamId, teamName);
    }

    /** Looks the user up (cached) and builds the actor; on API failure the user is a plain member. */
    Actor actor(MethodsClient client, String teamId, String teamName, String userId, String nameHint) {
        if (teamId == null || userId == null) {
            throw new IllegalArgumentException("A Slack request without team or user id");
        }
        Known known = lookup(client, teamId, userId, nameHint);
        boolean moderator = known.admin() || configuredModerators.contains(userId);
        return new Actor(workspace(teamId, teamName), userId, known.displayName(), moderator);
    }

    private Known lookup(MethodsClient client, String teamId, String userId, String nameHint) {
        String cacheKey = teamId + "/" + userId;
        Known cached = cache.get(cacheKey);
        Instant now = clock.instant();
        if (cached != null && cached.fetched().plus(TTL).isAfter(now)) {
            return cached;
        }
        Known fresh = fetch(client, userId, nameHint, now);
        cache.put(cacheKey, fresh);
        return fresh;
    }

    private static Known fetch(MethodsClient client, String userId, String nameHint, Instant now) {
        try {
            UsersInfoResponse response = client.usersInfo(r -> r.user(userId));
            if (response.isOk() && response.getUser() != null) {
                User user = response.getUser();
                return new Known(displayName(user, nameHint), user.isAdmin() || user.isOwner(), now);
            }
            LOG.warn("users.info failed for {}: {}", userId, response.getError());
        } catch (Exception e) {
            LOG.warn("users.info failed for {}: {}", userId, e.toString());
        }
        // Not cached for long: try again on the next event.
        return new Known(nameHint, false, now.minus(TTL));
    }

    private static String displayName(User user, String nameHint) {
        User.Profile profile = user.getProfile();
        if (profile != null && profile.getDisplayName() != null && !profile.getDisplayName().isBlank()) {
            return profile.getDisplayName();
        }
        if (user.getRealName() != null && !user.getRealName().isBlank()) {
            return user.getRealName();
        }
        return user.getName() != null ? user.getName() : nameHint;
    }
}
