package org.bandura.config;

import java.time.Duration;
import java.util.List;

/** The whole, validated configuration, split by concern. */
public record BanduraConfig(DatabaseConfig database, CoreConfig core, HttpConfig http, ConsoleConfig console,
                            DiscordConfig discord, SlackConfig slack, ShutdownConfig shutdown,
                            FollowUpConfig followUp, SearchConfig search, HealthConfig health,
                            CatchUpConfig catchUp, ProgressConfig progress) {

    /**
     * Badge families and the weekly digest (README: Progress and the weekly digest).
     *
     * @param digestChannel        {@code digest.channel}: the shared default, a Discord channel id (digits) or a Slack
     *                             channel id (C…/G…); each platform uses it when the id is one of its own
     * @param discordDigestOverride {@code discord.digest-channel}: Discord's own digest channel, or null
     * @param slackDigestOverride   {@code slack.digest-channel}: Slack's own digest channel, or null
     */
    public record ProgressConfig(List<Integer> helpful, List<Integer> quick, Duration quickWithin, List<Integer> mentor,
                                 List<Integer> curious, java.time.DayOfWeek digestDay, java.time.LocalTime digestTime,
                                 String digestChannel, String discordDigestOverride, String slackDigestOverride) {

        static final String DISCORD_CHANNEL = "[0-9]{17,20}";
        static final String SLACK_CHANNEL = "[CG][A-Z0-9]{2,30}";

        /**
         * Where Discord posts the digest: {@code discord.digest-channel}, else {@code digest.channel} when it is a
         * Discord channel id; null: not posted on Discord.
         */
        public String discordDigestChannel() {
            if (discordDigestOverride != null) {
                return discordDigestOverride;
            }
            return digestChannel != null && digestChannel.matches(DISCORD_CHANNEL) ? digestChannel : null;
        }

        /**
         * Where Slack posts the digest: {@code slack.digest-channel}, else {@code digest.channel} when it is a Slack
         * channel id; null: not posted on Slack.
         */
        public String slackDigestChannel() {
            if (slackDigestOverride != null) {
                return slackDigestOverride;
            }
            return digestChannel != null && digestChannel.matches(SLACK_CHANNEL) ? digestChannel : null;
        }
    }

    /**
     * Community health (README: Community health).
     *
     * @param timeZone   {@code workspace.time-zone}, an IANA zone id
     * @param sla        {@code health.sla}
     * @param visibility {@code health.visibility}: moderators or members
     */
    public record HealthConfig(String timeZone, Duration sla, String visibility) {
        public boolean membersMaySee() {
            return "members".equals(visibility);
        }
    }

    public record DatabaseConfig(String url, String user, String password, String schema, int poolSize,
                                 Duration connectionTimeout, Duration retryAfter) {
        @Override
        public String toString() {
            return "DatabaseConfig[url=" + redactUrl(url) + ", user=" + user
                    + ", password=" + (password == null ? "unset" : "***") + ", schema=" + schema + ", poolSize="
                    + poolSize + ", connectionTimeout=" + connectionTimeout + ", retryAfter=" + retryAfter + "]";
        }
    }

    /** @param grace how long commands in flight may take to finish on stop before the database closes */
    public record ShutdownConfig(Duration grace) {
    }

    /** @param days after downtime, the threads of open questions asked within this many days are read back */
    public record CatchUpConfig(int days) {
        public Duration window() {
            return Duration.ofDays(days);
        }
    }

    /** A JDBC URL safe to print: user-info and {@code password=} passwords become {@code ***}. */
    private static String redactUrl(String url) {
        return url.replaceAll("(//[^/@?;:]*:)[^/@?;]*@", "$1***@")
                .replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public record CoreConfig(int maxQuestionLength, int maxTagsPerQuestion, int expertsPerQuestion, int dailyVoteCap,
                             int tagExpertThreshold, CommunityConfig community) {
    }

    /** Tag governance and what makes a thread reply an answer. */
    public record CommunityConfig(int inferMinQuestions, int createTagMinReputation, int maxExpertTags,
                                  int answerMinChars) {
    }

    /** Learned experts, the escalation ladder and accept reminders (README: Follow-through). */
    public record FollowUpConfig(int learnedExpertThreshold, Duration first, Duration second, Duration last,
                                 Duration giveUp, Duration claimHold, Duration acceptReminder,
                                 List<String> thankYouPhrases, String slackFallbackChannel,
                                 String slackFallbackUsergroup, String discordFallbackChannel,
                                 String discordFallbackRole) {
    }

    /**
     * @param explicit  whether http.enabled or http.port was set by the operator: then a taken port stops the start
     * @param publicUrl base of every link to a web page, without a trailing slash; null: http://bind:port
     * @param workspaceVisibility per-workspace overrides of {@code webVisibility}, by workspace external id
     */
    public record HttpConfig(boolean enabled, String bind, int port, boolean explicit, String publicUrl,
                             boolean metrics, String webVisibility, java.util.Map<String, String> workspaceVisibility) {
        public HttpConfig {
            workspaceVisibility = workspaceVisibility == null ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(workspaceVisibility));
        }

        public HttpConfig(boolean enabled, String bind, int port, boolean explicit, String publicUrl,
                          boolean metrics, String webVisibility) {
            this(enabled, bind, port, explicit, publicUrl, metrics, webVisibility, java.util.Map.of());
        }

        public HttpConfig(boolean enabled, String bind, int port) {
            this(enabled, bind, port, true, null, true, "members");
        }
    }

    /** YAML 1.1 reads an unquoted {@code off} as the boolean false: that is what the operator meant. */
    private static String visibilityWord(String value) {
        return "false".equals(value) ? "off" : value;
    }

    private static java.util.Map<String, String> overrides(java.util.Map<String, String> raw) {
        java.util.Map<String, String> words = new java.util.LinkedHashMap<>();
        raw.forEach((workspace, visibility) -> words.put(workspace, visibilityWord(visibility)));
        return words;
    }

    private static boolean loopback(String bind) {
        return List.of("127.0.0.1", "localhost", "::1").contains(bind);
    }

    /** Where this process keeps its search index and how far it may trail other processes' writes. */
    public record SearchConfig(String indexDir, Duration maxLag) {
    }

    public record ConsoleConfig(List<String> moderators) {
    }

    public record DiscordConfig(String token, String restUrl, String gatewayUrl, String qaChannel,
                                List<String> moderatorRoles, List<String> devGuilds, String upvoteEmoji,
                                String downvoteEmoji, String acceptEmoji, int shardTotal, int shardMin,
                                int shardMax, String answerReaction) {
        public boolean enabled() {
            return token != null;
        }

        @Override
        public String toString() {
            return "DiscordConfig[token=" + (token == null ? "unset" : "***") + ", restUrl=" + restUrl
                    + ", gatewayUrl=" + gatewayUrl + ", qaChannel=" + qaChannel + ", shards=" + shardMin + ".."
                    + shardMax + "/" + shardTotal + "]";
        }
    }

    public record SlackConfig(String botToken, String appToken, String signingSecret, String apiUrl,
                              List<String> moderators, String upvoteEmoji, String downvoteEmoji, String acceptEmoji,
                              int socketConcurrency) {
        public boolean enabled() {
            return botToken != null;
        }

        public boolean socketMode() {
            return appToken != null;
        }

        @Override
        public String toString() {
            return "SlackConfig[botToken=" + (botToken == null ? "unset" : "***") + ", appToken="
                    + (appToken == null ? "unset" : "***") + ", signingSecret="
                    + (signingSecret == null ? "unset" : "***") + ", apiUrl=" + apiUrl + "]";
        }
    }

    /** Platform front doors that are configured; the console runs when this is empty. */
    public boolean anyChatPlatform() {
        return discord.enabled() || slack.enabled();
    }

    static BanduraConfig from(ConfigLoader.Values v, List<String> problems) {
        DatabaseConfig database = new DatabaseConfig(v.string("database.url"), v.string("database.user"),
                v.string("database.password"), v.string("database.schema"), v.integer("database.pool-size"),
                v.duration("database.connection-timeout"), v.duration("database.retry-after"));
        if (!database.url().startsWith("jdbc:h2:") && !database.url().startsWith("jdbc:postgresql:")) {
            problems.add("database.url: expected an H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...) JDBC URL.");
        }
        if (database.connectionTimeout().compareTo(Duration.ofMillis(250)) < 0) {
            problems.add("database.connection-timeout: must be at least 250ms.");
        }
        if (database.retryAfter().isNegative() || database.retryAfter().compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("database.retry-after: must be from 0s to 10m, got " + database.retryAfter() + ".");
        }
        ShutdownConfig shutdown = new ShutdownConfig(v.duration("shutdown.grace"));
        if (shutdown.grace().isNegative() || shutdown.grace().compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("shutdown.grace: must be from 0s to 10m, got " + shutdown.grace() + ".");
        }
        if (database.schema() != null && !database.schema().matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            problems.add("database.schema: use letters, digits and _ only, starting with a letter.");
        }
        CoreConfig core = new CoreConfig(v.integer("questions.max-length"), v.integer("questions.max-tags"),
                v.integer("routing.experts-per-question"), v.integer("reputation.daily-vote-cap"),
                v.integer("reputation.tag-expert-threshold"), new CommunityConfig(v.integer("tags.infer-min-questions"),
                        v.integer("tags.create-min-reputation"), v.integer("experts.max-tags"),
                        v.integer("answers.min-chars")));
        String publicUrl = v.string("http.public-url");
        HttpConfig http = new HttpConfig(v.bool("http.enabled"), v.string("http.bind"), v.integer("http.port"),
                v.explicit("http.enabled") || v.explicit("http.port"),
                publicUrl == null ? null : publicUrl.replaceAll("/+$", ""),
                // Metrics stay off the public path: by default only a loopback-bound server serves them.
                v.explicit("http.metrics") ? v.bool("http.metrics") : v.bool("http.metrics") && loopback(v.string("http.bind")),
                visibilityWord(v.string("web.visibility")), overrides(v.map("web.workspace-visibility")));
        if (!List.of("members", "public", "off").contains(http.webVisibility())) {
            problems.add("web.visibility: expected members, public or off, got '" + http.webVisibility() + "'.");
        }
        http.workspaceVisibility().forEach((workspace, visibility) -> {
            if (workspace.isEmpty() || workspace.length() > 64) {
                problems.add("web.workspace-visibility: '" + workspace + "' is not a workspace id (the Slack team id "
                        + "T…, the Discord server id, or console).");
            } else if (!List.of("members", "public", "off").contains(visibility)) {
                problems.add("web.workspace-visibility: workspace '" + workspace + "': expected members, public or "
                        + "off, got '" + visibility + "'.");
            }
        });
        ConsoleConfig console = new ConsoleConfig(v.list("console.moderators"));

        int shardTotal = v.integer("discord.shards.total");
        int shardMax = v.integer("discord.shards.max") < 0 ? shardTotal - 1 : v.integer("discord.shards.max");
        DiscordConfig discord = new DiscordConfig(v.string("discord.token"), v.string("discord.rest-url"),
                v.string("discord.gateway-url"), v.string("discord.qa-channel"), v.list("discord.moderator-roles"),
                v.list("discord.dev-guilds"), v.string("discord.emoji.upvote"), v.string("discord.emoji.downvote"),
                v.string("discord.emoji.accept"), shardTotal, v.integer("discord.shards.min"), shardMax,
                v.string("discord.answer-reaction"));
        if (discord.shardMin() > discord.shardMax() || discord.shardMax() >= shardTotal) {
            problems.add("discord.shards.min/max: need 0 <= min <= max < discord.shards.total (" + shardTotal
                    + "), got " + discord.shardMin() + ".." + discord.shardMax() + ".");
        }
        if (discord.qaChannel() != null && !discord.qaChannel().matches("\\d{5,25}")) {
            problems.add("discord.qa-channel: expected a channel id (digits; right-click the channel, Copy ID), got '"
                    + discord.qaChannel() + "'.");
        }
        for (String guild : discord.devGuilds()) {
            if (!guild.matches("\\d{5,25}")) {
                problems.add("discord.dev-guilds: '" + guild + "' is not a guild id (digits).");
            }
        }

        SlackConfig slack = new SlackConfig(v.string("slack.bot-token"), v.string("slack.app-token"),
                v.string("slack.signing-secret"), v.string("slack.api-url"), v.list("slack.moderators"),
                v.string("slack.emoji.upvote"), v.string("slack.emoji.downvote"), v.string("slack.emoji.accept"),
                v.integer("slack.socket-concurrency"));
        if (slack.botToken() != null && !slack.botToken().startsWith("xoxb-")) {
            problems.add("slack.bot-token (SLACK_BOT_TOKEN): a bot token starts with xoxb-; copy it from "
                    + "OAuth & Permissions in your Slack app.");
        }
        if (slack.appToken() != null && !slack.appToken().startsWith("xapp-")) {
            problems.add("slack.app-token (SLACK_APP_TOKEN): an app-level token starts with xapp-; create one with "
                    + "the connections:write scope under Basic Information.");
        }
        if (slack.botToken() != null && slack.appToken() == null && slack.signingSecret() == null) {
            problems.add("slack.bot-token is set, but neither slack.app-token (SLACK_APP_TOKEN, Socket Mode) nor "
                    + "slack.signing-secret (SLACK_SIGNING_SECRET, HTTP mode) is.");
        }
        if (slack.botToken() == null && (slack.appToken() != null || slack.signingSecret() != null)) {
            problems.add("slack.bot-token (SLACK_BOT_TOKEN) is missing: Slack needs it beside the app token or "
                    + "signing secret.");
        }
        FollowUpConfig followUp = new FollowUpConfig(v.integer("routing.learned-expert-threshold"),
                v.duration("escalation.first"), v.duration("escalation.second"), v.duration("escalation.last"),
                v.duration("escalation.give-up"), v.duration("escalation.claim-hold"), v.duration("accept.reminder"),
                v.list("accept.thank-you-phrases"), v.string("slack.fallback-channel"),
                v.string("slack.fallback-usergroup"), v.string("discord.fallback-channel"),
                v.string("discord.fallback-role"));
        for (String snowflakeKey : List.of("discord.fallback-channel", "discord.fallback-role")) {
            String id = v.string(snowflakeKey);
            if (id != null && !id.matches("[0-9]{17,20}")) {
                problems.add(snowflakeKey + ": expected a numeric Discord id (Developer Mode on, right-click, Copy ID), "
                        + "got '" + id + "'.");
            }
        }
        if (followUp.slackFallbackChannel() != null && !followUp.slackFallbackChannel().matches("[CG][A-Z0-9]{2,30}")) {
            problems.add("slack.fallback-channel: expected a channel id like C0123ABCD (channel details, bottom), got '"
                    + followUp.slackFallbackChannel() + "'.");
        }
        if (followUp.slackFallbackUsergroup() != null
                && !followUp.slackFallbackUsergroup().matches("S[A-Z0-9]{2,30}")) {
            problems.add("slack.fallback-usergroup: expected a user group id like S0123ABCD, got '"
                    + followUp.slackFallbackUsergroup() + "'.");
        }
        if (followUp.first().compareTo(followUp.second()) > 0 || followUp.second().compareTo(followUp.last()) > 0
                || followUp.last().compareTo(followUp.giveUp()) > 0) {
            problems.add("escalation.*: the steps must come in order, first <= second <= last <= give-up; got "
                    + followUp.first() + ", " + followUp.second() + ", " + followUp.last() + ", " + followUp.giveUp()
                    + ".");
        }
        if (followUp.acceptReminder().isZero() || followUp.acceptReminder().isNegative()) {
            problems.add("accept.reminder: must be longer than zero, like 24h.");
        }
        SearchConfig search = new SearchConfig(v.string("search.index-dir"), v.duration("search.max-lag"));
        if (search.maxLag().compareTo(Duration.ofMillis(20)) < 0 || search.maxLag().compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("search.max-lag: must be between 20ms and 10m, got " + search.maxLag() + ".");
        }
        HealthConfig health = new HealthConfig(v.string("workspace.time-zone"), v.duration("health.sla"),
                v.string("health.visibility"));
        try {
            java.time.ZoneId.of(String.valueOf(health.timeZone()));
        } catch (java.time.DateTimeException e) {
            problems.add("workspace.time-zone: '" + health.timeZone() + "' is not a time zone; use an IANA id like "
                    + "Europe/Berlin, America/New_York or UTC.");
        }
        if (health.sla().compareTo(Duration.ofMinutes(1)) < 0 || health.sla().compareTo(Duration.ofDays(30)) > 0) {
            problems.add("health.sla: must be between 1m and 30d, like 4h; got " + health.sla() + ".");
        }
        if (!List.of("moderators", "members").contains(health.visibility())) {
            problems.add("health.visibility: expected moderators or members, got '" + health.visibility() + "'.");
        }
        ProgressConfig progress = new ProgressConfig(steps(v, "badges.helpful", problems),
                steps(v, "badges.quick", problems), v.duration("badges.quick-within"), steps(v, "badges.mentor", problems),
                steps(v, "badges.curious", problems), day(v.string("digest.day"), problems),
                time(v.string("digest.time"), problems), v.string("digest.channel"), v.string("discord.digest-channel"),
                v.string("slack.digest-channel"));
        if (progress.quickWithin().compareTo(Duration.ofMinutes(1)) < 0
                || progress.quickWithin().compareTo(Duration.ofDays(1)) > 0) {
            problems.add("badges.quick-within: must be between 1m and 1d, like 15m; got " + progress.quickWithin() + ".");
        }
        if (progress.digestChannel() != null && !progress.digestChannel().matches(ProgressConfig.DISCORD_CHANNEL)
                && !progress.digestChannel().matches(ProgressConfig.SLACK_CHANNEL)) {
            problems.add("digest.channel: expected a Discord channel id (digits: Developer Mode on, right-click the "
                    + "channel, Copy ID) or a Slack channel id like C0123ABCD, got '" + progress.digestChannel() + "'.");
        }
        if (progress.discordDigestOverride() != null
                && !progress.discordDigestOverride().matches(ProgressConfig.DISCORD_CHANNEL)) {
            problems.add("discord.digest-channel: expected a numeric Discord channel id (Developer Mode on, "
                    + "right-click the channel, Copy ID), got '" + progress.discordDigestOverride() + "'.");
        }
        if (progress.slackDigestOverride() != null
                && !progress.slackDigestOverride().matches(ProgressConfig.SLACK_CHANNEL)) {
            problems.add("slack.digest-channel: expected a channel id like C0123ABCD (channel details, bottom), got '"
                    + progress.slackDigestOverride() + "'.");
        }
        return new BanduraConfig(database, core, http, console, discord, slack, shutdown, followUp, search, health,
                new CatchUpConfig(v.integer("catch-up.days")), progress);
    }

    /** Badge steps: whole numbers from 1, rising, comma-separated ("10,50,200"). */
    private static List<Integer> steps(ConfigLoader.Values v, String key, List<String> problems) {
        List<Integer> steps = new java.util.ArrayList<>();
        for (String text : v.list(key)) {
            try {
                int step = Integer.parseInt(text.strip());
                if (step < 1 || step > 1_000_000 || (!steps.isEmpty() && step <= steps.get(steps.size() - 1))) {
                    throw new NumberFormatException();
                }
                steps.add(step);
            } catch (NumberFormatException e) {
                problems.add(key + ": expected rising whole numbers from 1, like 10,50,200; got '"
                        + String.join(",", v.list(key)) + "'.");
                return List.of(1);
            }
        }
        if (steps.isEmpty()) {
            problems.add(key + ": needs at least one number, like 10,50,200.");
            return List.of(1);
        }
        return List.copyOf(steps);
    }

    private static java.time.DayOfWeek day(String text, List<String> problems) {
        try {
            return java.time.DayOfWeek.valueOf(String.valueOf(text).strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("digest.day: expected a day of the week like monday, got '" + text + "'.");
            return java.time.DayOfWeek.MONDAY;
        }
    }

    private static java.time.LocalTime time(String text, List<String> problems) {
        String value = String.valueOf(text).strip();
        if (value.matches("\\d{1,2}:\\d{2}")) {
            try {
                return java.time.LocalTime.parse(value.length() == 4 ? "0" + value : value);
            } catch (java.time.DateTimeException e) {
                // reported below
            }
        }
        problems.add("digest.time: expected a time of day as HH:MM (24-hour, in workspace.time-zone), like 09:00; got '"
                + text + "'.");
        return java.time.LocalTime.of(9, 0);
    }
}
