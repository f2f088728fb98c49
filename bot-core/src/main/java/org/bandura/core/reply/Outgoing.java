package org.bandura.core.reply;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message a background job wants posted (an escalation step, a reminder), handed to the front door of its
 * platform by {@link org.bandura.core.Outbox}.
 *
 * @param workspaceExternalId the Discord guild, Slack team or console workspace id
 * @param questionNumber      the question it is about, if any; with its chat links
 * @param recipientUserId     for {@link Audience#PRIVATE}: the only reader
 * @param mentionUserIds      the only users the message may ping; adapters set allowed mentions to exactly these
 * @param body                text with {@code {@userId}} tokens where users are mentioned; see {@link #render}
 * @param actions             buttons to show under the message; front doors without buttons show the body only,
 *                            which names the command to type
 */
public record Outgoing(long id, String workspaceExternalId, Long questionNumber, String channelKey, String threadKey,
                       Audience audience, String recipientUserId, List<String> mentionUserIds, String body,
                       List<Action> actions) {

    /** Where a message goes; adapters map these to their places. */
    public enum Audience {
        /** The question's thread. */
        THREAD,
        /** The configured fallback role or channel. */
        FALLBACK,
        /** The moderators. */
        MODERATORS,
        /** Only {@code recipientUserId}, privately. */
        PRIVATE,
        /** The workspace's weekly digest place ({@code digest.channel}; printed on the console). */
        DIGEST
    }

    private static final Pattern MENTION = Pattern.compile("\\{@([^}\\s]+)}");

    public Outgoing {
        mentionUserIds = List.copyOf(mentionUserIds);
        actions = List.copyOf(actions);
    }

    public Outgoing(long id, String workspaceExternalId, Long questionNumber, String channelKey, String threadKey,
                    Audience audience, String recipientUserId, List<String> mentionUserIds, String body) {
        this(id, workspaceExternalId, questionNumber, channelKey, threadKey, audience, recipientUserId, mentionUserIds,
                body, List.of());
    }

    /** How a body names a user it mentions. */
    public static String mention(String userId) {
        return "{@" + userId + "}";
    }

    /** The body with each mention token replaced by the platform's mention of that user. */
    public String render(Function<String, String> mentionOf) {
        return render(Function.identity(), mentionOf);
    }

    /** Like {@link #render(Function)}, with the text between mentions passed through the platform's escaping. */
    public String render(Function<String, String> escape, Function<String, String> mentionOf) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = MENTION.matcher(body);
        int from = 0;
        while (matcher.find()) {
            out.append(escape.apply(body.substring(from, matcher.start()))).append(mentionOf.apply(matcher.group(1)));
            from = matcher.end();
        }
        return out.append(escape.apply(body.substring(from))).toString();
    }
}
