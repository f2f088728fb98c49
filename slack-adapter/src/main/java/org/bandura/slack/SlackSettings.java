package org.bandura.slack;

import java.util.List;

/**
 * How the Slack front door connects and which emoji mean what.
 *
 * @param botToken          {@code xoxb-…}, always required
 * @param appToken          {@code xapp-…}; when set the bot uses Socket Mode, otherwise HTTP mode
 * @param signingSecret     verifies HTTP mode requests; required when {@code appToken} is null
 * @param apiUrl            the Web API base URL ending in {@code /}, e.g. {@code https://slack.com/api/}
 * @param moderatorUserIds  Slack user ids with moderator rights besides workspace admins and owners
 * @param upvoteEmoji       reaction name (without colons) that upvotes
 * @param downvoteEmoji     reaction name that downvotes
 * @param acceptEmoji       reaction names that accept an answer, comma-separated; by default every check mark
 *                          (✅ white_check_mark, ✔️ heavy_check_mark, ☑️ ballot_box_with_check)
 * @param socketConcurrency threads handling Socket Mode envelopes, so one slow handler never delays other acks
 */
public record SlackSettings(String botToken, String appToken, String signingSecret, String apiUrl,
                            List<String> moderatorUserIds, String upvoteEmoji, String downvoteEmoji,
                            String acceptEmoji, int socketConcurrency) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final int DEFAULT_SOCKET_CONCURRENCY = 4;
    public static final String DEFAULT_ACCEPT_EMOJI = "white_check_mark,heavy_check_mark,ballot_box_with_check";

    public SlackSettings {
        if (botToken == null || botToken.isBlank()) {
            throw new IllegalArgumentException("The Slack bot token (SLACK_BOT_TOKEN, xoxb-…) is required");
        }
        appToken = blankToNull(appToken);
        signingSecret = blankToNull(signingSecret);
        if (appToken == null && signingSecret == null) {
            throw new IllegalArgumentException(
                    "Set SLACK_APP_TOKEN for Socket Mode or SLACK_SIGNING_SECRET for HTTP mode");
        }
        apiUrl = blankToNull(apiUrl) == null ? DEFAULT_API_URL : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        moderatorUserIds = List.copyOf(moderatorUserIds == null ? List.of() : moderatorUserIds);
        upvoteEmoji = emoji(upvoteEmoji, "+1");
        downvoteEmoji = emoji(downvoteEmoji, "-1");
        acceptEmoji = String.join(",", names(emoji(acceptEmoji, DEFAULT_ACCEPT_EMOJI)));
        socketConcurrency = socketConcurrency <= 0 ? DEFAULT_SOCKET_CONCURRENCY : socketConcurrency;
    }

    /** Socket Mode settings with the default API URL and emoji. */
    public static SlackSettings socketMode(String botToken, String appToken) {
        return new SlackSettings(botToken, appToken, null, null, List.of(), null, null, null, 0);
    }

    /** HTTP mode settings with the default API URL and emoji. */
    public static SlackSettings httpMode(String botToken, String signingSecret) {
        return new SlackSettings(botToken, null, signingSecret, null, List.of(), null, null, null, 0);
    }

    public SlackSettings withApiUrl(String url) {
        return new SlackSettings(botToken, appToken, signingSecret, url, moderatorUserIds, upvoteEmoji,
                downvoteEmoji, acceptEmoji, socketConcurrency);
    }

    public SlackSettings withModerators(List<String> userIds) {
        return new SlackSettings(botToken, appToken, signingSecret, apiUrl, userIds, upvoteEmoji,
                downvoteEmoji, acceptEmoji, socketConcurrency);
    }

    /** Every reaction name that accepts, in the configured order. */
    public List<String> acceptEmojiNames() {
        return names(acceptEmoji);
    }

    public boolean socketMode() {
        return appToken != null;
    }

    /** Never prints tokens or the signing secret. */
    @Override
    public String toString() {
        return "SlackSettings[mode=" + (socketMode() ? "socket" : "http") + ", apiUrl=" + apiUrl
                + ", moderatorUserIds=" + moderatorUserIds + ", upvoteEmoji=" + upvoteEmoji
                + ", downvoteEmoji=" + downvoteEmoji + ", acceptEmoji=" + acceptEmoji
                + ", socketConcurrency=" + socketConcurrency + "]";
    }

    private static String emoji(String name, String fallback) {
        String value = blankToNull(name);
        if (value == null) {
            return fallback;
        }
        return value.replace(":", "");
    }

    private static List<String> names(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split("[,\\s]+")).filter(name -> !name.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
