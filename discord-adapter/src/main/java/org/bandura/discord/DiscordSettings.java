package org.bandura.discord;

import java.util.List;
import java.util.Objects;

/**
 * Everything the Discord front door needs from configuration.
 *
 * @param token              the bot token ({@code DISCORD_TOKEN}); never logged
 * @param restUrl            REST base URL ({@code discord.rest-url}), Discord's own by default; must end with a slash
 * @param gatewayUrl         gateway override ({@code discord.gateway-url}); null to use what {@code GET /gateway/bot} says
 * @param qaChannelId        where {@code /ask} posts (a text or forum channel); null for the channel the command ran in
 * @param moderatorRoleNames members with one of these roles are moderators, besides those with Manage Server
 * @param devGuildIds        register slash commands in these guilds only (instant, for development); empty for global
 * @param upvoteEmoji        reaction that upvotes
 * @param downvoteEmoji      reaction that downvotes
 * @param acceptEmoji        reaction that accepts an answer
 * @param shardTotal         shards of the whole bot
 * @param shardMin           first shard this process runs
 * @param shardMax           last shard this process runs
 * @param answerReaction     the bot's reaction on a thread reply it recorded as an answer (not a vote or accept emoji)
 */
public record DiscordSettings(String token, String restUrl, String gatewayUrl, String qaChannelId,
                              List<String> moderatorRoleNames, List<String> devGuildIds, String upvoteEmoji,
                              String downvoteEmoji, String acceptEmoji, int shardTotal, int shardMin, int shardMax,
                              String answerReaction) {

    public static final String DISCORD_REST_URL = "https://discord.com/api/v10/";

    public DiscordSettings {
        Objects.requireNonNull(token, "token");
        restUrl = blankToNull(restUrl) == null ? DISCORD_REST_URL : withTrailingSlash(restUrl.strip());
        gatewayUrl = blankToNull(gatewayUrl);
        qaChannelId = blankToNull(qaChannelId);
        moderatorRoleNames = List.copyOf(moderatorRoleNames == null ? List.of() : moderatorRoleNames);
        devGuildIds = List.copyOf(devGuildIds == null ? List.of() : devGuildIds);
        upvoteEmoji = blankToNull(upvoteEmoji) == null ? "👍" : upvoteEmoji.strip();
        downvoteEmoji = blankToNull(downvoteEmoji) == null ? "👎" : downvoteEmoji.strip();
        acceptEmoji = blankToNull(acceptEmoji) == null ? "✅" : acceptEmoji.strip();
        answerReaction = blankToNull(answerReaction) == null ? "📝" : answerReaction.strip();
        shardTotal = Math.max(1, shardTotal);
        shardMin = Math.max(0, shardMin);
        shardMax = shardMax < shardMin ? shardTotal - 1 : Math.min(shardMax, shardTotal - 1);
        if (shardMin > shardMax) {
            throw new IllegalArgumentException("discord shard range " + shardMin + ".." + shardMax
                    + " is outside 0.." + (shardTotal - 1));
        }
    }

    /** Defaults everywhere: Discord's URLs, one shard, commands registered globally. */
    public static DiscordSettings of(String token) {
        return new DiscordSettings(token, null, null, null, List.of(), List.of(), null, null, null, 1, 0, 0, null);
    }

    public DiscordSettings withRestUrl(String url) {
        return new DiscordSettings(token, url, gatewayUrl, qaChannelId, moderatorRoleNames, devGuildIds, upvoteEmoji,
                downvoteEmoji, acceptEmoji, shardTotal, shardMin, shardMax, answerReaction);
    }

    public DiscordSettings withGatewayUrl(String url) {
        return new DiscordSettings(token, restUrl, url, qaChannelId, moderatorRoleNames, devGuildIds, upvoteEmoji,
                downvoteEmoji, acceptEmoji, shardTotal, shardMin, shardMax, answerReaction);
    }

    public DiscordSettings withQaChannelId(String channelId) {
        return new DiscordSettings(token, restUrl, gatewayUrl, channelId, moderatorRoleNames, devGuildIds, upvoteEmoji,
                downvoteEmoji, acceptEmoji, shardTotal, shardMin, shardMax, answerReaction);
    }

    public DiscordSettings withModeratorRoleNames(List<String> names) {
        return new DiscordSettings(token, restUrl, gatewayUrl, qaChannelId, names, devGuildIds, upvoteEmoji,
                downvoteEmoji, acceptEmoji, shardTotal, shardMin, shardMax, answerReaction);
    }

    public DiscordSettings withDevGuildIds(List<String> guildIds) {
        return new DiscordSettings(token, restUrl, gatewayUrl, qaChannelId, moderatorRoleNames, guildIds, upvoteEmoji,
                downvoteEmoji, acceptEmoji, shardTotal, shardMin, shardMax, answerReaction);
    }

    @Override
    public String toString() {
        return "DiscordSettings[token=***, restUrl=" + restUrl + ", gatewayUrl=" + gatewayUrl + ", qaChannelId="
                + qaChannelId + ", moderatorRoleNames=" + moderatorRoleNames + ", devGuildIds=" + devGuildIds
                + ", emoji=" + upvoteEmoji + "/" + downvoteEmoji + "/" + acceptEmoji + "/" + answerReaction + ", shards=" + shardMin + ".."
                + shardMax + " of " + shardTotal + "]";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String withTrailingSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
