package org.bandura.config;

import java.time.Duration;
import java.util.List;

/** Every configuration key Bandura reads, in one list. The README's configuration table mirrors it. */
final class ConfigKeys {

    static final List<Key> ALL = List.of(
            string("database.url", "jdbc:h2:file:./data/bandura", false, List.of(),
                    "JDBC URL: an H2 file (default) or jdbc:postgresql://host:5432/db"),
            string("database.user", null, false, List.of(), "database user"),
            string("database.password", null, true, List.of(), "database password"),
            string("database.schema", null, false, List.of(), "schema to use (PostgreSQL); default: the database's"),
            integer("database.pool-size", 10, 1, 200, "most connections in the pool"),
            duration("database.connection-timeout", Duration.ofSeconds(5),
                    "how long a command waits for a connection before users are told storage is unreachable"),
            duration("database.retry-after", Duration.ofSeconds(2),
                    "after a failed connection, how long commands answer 'can't reach storage' at once before trying again"),
            duration("shutdown.grace", Duration.ofSeconds(20),
                    "on stop (SIGTERM), how long commands in flight may take to finish before the database closes"),
            integer("catch-up.days", 14, 1, 365,
                    "after downtime, read back the threads of open questions asked within this many days"),

            integer("questions.max-length", 4000, 1, 8000, "longest question or answer, in characters"),
            integer("questions.max-tags", 5, 1, 20, "most tags one question may carry"),
            integer("routing.experts-per-question", 3, 0, 25, "how many experts a new question mentions"),
            integer("routing.learned-expert-threshold", 50, 1, 1_000_000,
                    "per-tag reputation from which a member is routed for the tag without /expert add"),
            duration("escalation.first", Duration.ofMinutes(30), "unanswered and unclaimed this long: mention the next experts"),
            duration("escalation.second", Duration.ofHours(4), "then: post in the fallback place"),
            duration("escalation.last", Duration.ofHours(24), "then: tell the moderators and the asker what was tried"),
            duration("escalation.give-up", Duration.ofDays(7), "older unanswered questions are stale: never pinged again"),
            duration("escalation.claim-hold", Duration.ofHours(2), "how long /claim (\"I'm on it\") holds escalation"),
            duration("accept.reminder", Duration.ofHours(24), "an upvoted answer unaccepted this long: remind the asker once"),
            list("accept.thank-you-phrases", "what counts as the asker's thank-you; empty: the built-in list"),
            integer("reputation.daily-vote-cap", 200, 0, 100_000, "most reputation gained from votes per user per day"),
            integer("reputation.tag-expert-threshold", 100, 1, 1_000_000, "per-tag reputation for the <tag> Expert badge"),
            integer("tags.infer-min-questions", 3, 0, 1_000_000,
                    "questions a tag needs before untagged questions get it by inference (moderator-made tags: at once)"),
            integer("tags.create-min-reputation", 10, 0, 1_000_000,
                    "reputation needed to create a new tag (moderators always may)"),
            integer("experts.max-tags", 20, 1, 1_000, "most tags one member may follow with /expert add"),
            integer("answers.min-chars", 20, 0, 8000,
                    "visible characters a thread reply needs to be an answer; shorter replies are comments"),

            bool("http.enabled", true, "serve the knowledge base, /healthz, /metrics and Slack HTTP mode"),
            integer("http.port", 8080, 0, 65535, "port of the embedded HTTP server; 0 picks a free one"),
            string("http.bind", "127.0.0.1", false, List.of(), "address the HTTP server listens on"),
            url("http.public-url", null, List.of(), "base URL of links to the web pages; default http://<bind>:<port>"),
            bool("http.metrics", true, "serve Prometheus metrics at /metrics (default: only when bound to 127.0.0.1)"),
            string("web.visibility", "members", false, List.of(),
                    "who may read the knowledge base: members (signed in), public, or off"),
            map("web.workspace-visibility",
                    "per-workspace override of web.visibility: workspace id (Slack team, Discord guild, console) to members, public or off"),

            string("workspace.time-zone", "UTC", false, List.of(),
                    "the community's time zone (IANA id like Europe/Berlin): where health weeks and months begin"),
            duration("health.sla", Duration.ofHours(4), "a question first answered within this is answered in time"),
            string("health.visibility", "moderators", false, List.of(),
                    "who may open the /health dashboard: moderators, or members (everyone signed in)"),

            steps("badges.helpful", List.of("10", "50", "200"), "answers with a score of 1 or more for each Helpful badge"),
            steps("badges.quick", List.of("5", "25"), "answers within badges.quick-within of the question for each Quick badge"),
            duration("badges.quick-within", Duration.ofMinutes(15), "how soon after its question an answer is quick"),
            steps("badges.mentor", List.of("10"), "distinct askers who accepted the member's answers for each Mentor badge"),
            steps("badges.curious", List.of("5", "25"), "the member's questions with an accepted answer for each Curious badge"),
            string("digest.day", "monday", false, List.of(), "day the weekly digest is posted (monday … sunday)"),
            string("digest.time", "09:00", false, List.of(), "time of day (HH:MM, workspace.time-zone) the digest is posted"),
            string("digest.channel", null, false, List.of(),
                    "where the digest is posted: a Discord channel id or a Slack channel id (the console prints it); "
                            + "discord.digest-channel and slack.digest-channel override it per platform"),

            string("search.index-dir", "./data/search/", false, List.of(),
                    "directory of this process's search index (rebuilt from the database when missing)"),
            duration("search.max-lag", Duration.ofSeconds(1),
                    "longest time before another process's new or changed question is searchable here"),

            list("console.moderators", "console users who act as moderators"),

            string("discord.token", null, true, List.of("DISCORD_TOKEN"), "bot token from the developer portal"),
            url("discord.rest-url", "https://discord.com/api/v10/", List.of("DISCORD_REST_URL"),
                    "Discord REST base URL (REST proxies, tests)"),
            url("discord.gateway-url", null, List.of("DISCORD_GATEWAY_URL"), "gateway URL override"),
            string("discord.qa-channel", null, false, List.of(), "channel id where questions are posted; default: the current channel"),
            list("discord.moderator-roles", "role names whose members act as moderators (Manage Server always does)"),
            list("discord.dev-guilds", "guild ids to register commands in at once; empty: register globally"),
            string("discord.emoji.upvote", "👍", false, List.of(), "reaction that upvotes"),
            string("discord.emoji.downvote", "👎", false, List.of(), "reaction that downvotes"),
            string("discord.emoji.accept", "✅", false, List.of(), "reaction that accepts"),
            string("discord.answer-reaction", "📝", false, List.of(),
                    "the bot's reaction on a thread reply it recorded as an answer"),
            string("discord.fallback-channel", null, false, List.of(),
                    "channel id for the 4 h escalation step and moderator notes; default: the question's thread"),
            string("discord.fallback-role", null, false, List.of(), "role id mentioned in the 4 h escalation post"),
            string("discord.digest-channel", null, false, List.of(),
                    "channel id of the weekly digest on Discord; default: digest.channel when it is a Discord id"),
            integer("discord.shards.total", 1, 1, 10_000, "total shard count across all processes"),
            integer("discord.shards.min", 0, 0, 9_999, "first shard this process runs"),
            integer("discord.shards.max", -1, -1, 9_999, "last shard this process runs; -1: total - 1"),

            string("slack.bot-token", null, true, List.of("SLACK_BOT_TOKEN"), "xoxb- bot token"),
            string("slack.app-token", null, true, List.of("SLACK_APP_TOKEN"), "xapp- app-level token: Socket Mode"),
            string("slack.signing-secret", null, true, List.of("SLACK_SIGNING_SECRET"),
                    "signing secret: HTTP mode when no app token is set"),
            url("slack.api-url", "https://slack.com/api/", List.of("SLACK_API_URL"), "Slack Web API base URL"),
            list("slack.moderators", "Slack user ids who act as moderators (workspace admins always do)"),
            string("slack.emoji.upvote", "+1", false, List.of(), "reaction name that upvotes"),
            string("slack.emoji.downvote", "-1", false, List.of(), "reaction name that downvotes"),
            string("slack.emoji.accept", "white_check_mark,heavy_check_mark,ballot_box_with_check", false, List.of(),
                    "reaction names that accept, comma-separated (every check mark by default)"),
            string("slack.fallback-channel", null, false, List.of(),
                    "channel id for the 4 h escalation step; default: the question's channel"),
            string("slack.fallback-usergroup", null, false, List.of(), "user group id (S…) mentioned in that post"),
            string("slack.digest-channel", null, false, List.of(),
                    "channel id of the weekly digest on Slack; default: digest.channel when it is a Slack id"),
            integer("slack.socket-concurrency", 4, 1, 64, "threads handling Socket Mode envelopes"));

    private ConfigKeys() {
    }

    private static Key string(String path, String value, boolean secret, List<String> env, String help) {
        return new Key(path, Key.Kind.STRING, value, secret, env, 0, 0, help);
    }

    private static Key url(String path, String value, List<String> env, String help) {
        return new Key(path, Key.Kind.URL, value, false, env, 0, 0, help);
    }

    private static Key integer(String path, int value, long min, long max, String help) {
        return new Key(path, Key.Kind.INT, value, false, List.of(), min, max, help);
    }

    private static Key bool(String path, boolean value, String help) {
        return new Key(path, Key.Kind.BOOLEAN, value, false, List.of(), 0, 0, help);
    }

    private static Key duration(String path, Duration value, String help) {
        return new Key(path, Key.Kind.DURATION, value, false, List.of(), 0, 0, help);
    }

    private static Key map(String path, String help) {
        return new Key(path, Key.Kind.MAP, java.util.Map.of(), false, List.of(), 0, 0, help);
    }

    private static Key steps(String path, List<String> value, String help) {
        return new Key(path, Key.Kind.LIST, value, false, List.of(), 0, 0, help);
    }

    private static Key list(String path, String help) {
        return new Key(path, Key.Kind.LIST, List.of(), false, List.of(), 0, 0, help);
    }
}
