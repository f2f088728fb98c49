package org.bandura.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private BanduraConfig load(Map<String, String> env) {
        return new ConfigLoader(env, dir.resolve("bandura.yml")).load();
    }

    private void write(String yaml) throws IOException {
        Files.writeString(dir.resolve("bandura.yml"), yaml);
    }

    @Test
    @DisplayName("no file and no environment gives working defaults: H2 under ./data, console only")
    void defaults() {
        BanduraConfig config = load(Map.of());
        assertThat(config.database().url()).isEqualTo("jdbc:h2:file:./data/bandura");
        assertThat(config.core().maxQuestionLength()).isEqualTo(4000);
        assertThat(config.core().expertsPerQuestion()).isEqualTo(3);
        assertThat(config.anyChatPlatform()).isFalse();
    }

    @Test
    @DisplayName("the YAML file sets keys and environment variables override them")
    void fileThenEnvironment() throws IOException {
        write("""
                database:
                  pool-size: 4
                  connection-timeout: 2s
                routing:
                  experts-per-question: 5
                console:
                  moderators: [dana, erin]
                """);
        BanduraConfig config = load(Map.of("BANDURA_ROUTING_EXPERTS_PER_QUESTION", "2",
                "DISCORD_TOKEN", "abc.def.ghi"));
        assertThat(config.database().poolSize()).isEqualTo(4);
        assertThat(config.database().connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.core().expertsPerQuestion()).isEqualTo(2);
        assertThat(config.console().moderators()).containsExactly("dana", "erin");
        assertThat(config.discord().enabled()).isTrue();
        assertThat(config.discord().toString()).doesNotContain("abc.def.ghi");
    }

    @Test
    @DisplayName("every bad value is reported with its key, its source and what to write instead")
    void badValuesNameTheirKeys() throws IOException {
        write("""
                database:
                  pool-size: ten
                questions:
                  max-length: 99999
                routng:
                  experts-per-question: 2
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p)
                                .startsWith("database.pool-size").contains("whole number").contains("'ten'"))
                        .anySatisfy(p -> assertThat(p).startsWith("questions.max-length").contains("1 to 8000"))
                        .anySatisfy(p -> assertThat(p).startsWith("routng").contains("unknown key")));
    }

    @Test
    @DisplayName("discord.fallback-channel and discord.fallback-role take numeric Discord ids and say how to copy one")
    void discordFallbackIds() throws IOException {
        write("""
                discord:
                  fallback-channel: "123456789012345678"
                  fallback-role: "987654321098765432"
                """);
        assertThat(load(Map.of()).followUp().discordFallbackChannel()).isEqualTo("123456789012345678");
        assertThat(load(Map.of()).followUp().discordFallbackRole()).isEqualTo("987654321098765432");

        write("""
                discord:
                  fallback-role: "@helpers"
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p)
                        .startsWith("discord.fallback-role").contains("Copy ID").contains("'@helpers'")));
    }

    @Test
    @DisplayName("a misspelt nested key gets a suggestion")
    void suggestion() throws IOException {
        write("""
                database:
                  pool-sise: 3
                """);
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("Did you mean 'database.pool-size'?");
    }

    @Test
    @DisplayName("BANDURA_CONFIG pointing at a missing file is an error, not a silent default")
    void missingExplicitFile() {
        assertThatThrownBy(() -> load(Map.of("BANDURA_CONFIG", dir.resolve("nope.yml").toString())))
                .hasMessageContaining("BANDURA_CONFIG").hasMessageContaining("does not exist");
    }

    @Test
    @DisplayName("YAML that does not parse says so with the line")
    void brokenYaml() throws IOException {
        write("database:\n  url: [unclosed\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("not valid YAML");
    }

    @Test
    @DisplayName("Slack needs an app token or a signing secret beside the bot token")
    void slackModes() {
        assertThatThrownBy(() -> load(Map.of("SLACK_BOT_TOKEN", "xoxb-1")))
                .hasMessageContaining("neither slack.app-token");
        assertThatThrownBy(() -> load(Map.of("SLACK_BOT_TOKEN", "nope", "SLACK_APP_TOKEN", "xapp-1")))
                .hasMessageContaining("slack.bot-token (SLACK_BOT_TOKEN): a bot token starts with xoxb-");
        BanduraConfig socket = load(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"));
        assertThat(socket.slack().socketMode()).isTrue();
        BanduraConfig http = load(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s3cret"));
        assertThat(http.slack().socketMode()).isFalse();
        assertThat(http.slack().toString()).doesNotContain("s3cret").doesNotContain("xoxb-1");
    }

    @Test
    @DisplayName("a YAML syntax error names file, line and column, never the line's content (it may hold a secret)")
    void brokenYamlKeepsSecrets() throws IOException {
        write("database:\n  url: jdbc:h2:mem:x\n  password: S3cr3tPa55: x\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("bandura.yml is not valid YAML at line 3, column")
                .hasMessageNotContaining("S3cr3tPa55");
    }

    @Test
    @DisplayName("every BANDURA_* variable that matches no key gets one warning with the closest key, never its value")
    void unknownVariables() {
        ConfigLoader loader = new ConfigLoader(Map.of("BANDURA_DATABASE_POOLSIZE", "abc",
                "BANDURA_DATABASE_PASWORD", "hunter2", "BANDURA_WHATEVER_ELSE_ENTIRELY", "1",
                "BANDURA_DATABASE_POOL_SIZE", "7", "BANDURA_LOG_LEVEL", "DEBUG", "HOME", "/root"),
                dir.resolve("bandura.yml"));
        assertThat(loader.load().database().poolSize()).isEqualTo(7);
        assertThat(loader.unknownVariableWarnings()).containsExactly(
                "Environment variable BANDURA_DATABASE_PASWORD matches no configuration key and is ignored. "
                        + "Did you mean BANDURA_DATABASE_PASSWORD (database.password)?",
                "Environment variable BANDURA_DATABASE_POOLSIZE matches no configuration key and is ignored. "
                        + "Did you mean BANDURA_DATABASE_POOL_SIZE (database.pool-size)?",
                "Environment variable BANDURA_WHATEVER_ELSE_ENTIRELY matches no configuration key and is ignored. "
                        + "See config/bandura.example.yml for the known keys.");
    }

    @Test
    @DisplayName("database.retry-after and shutdown.grace default to 2s and 20s and are validated")
    void retryAfterAndGrace() {
        BanduraConfig defaults = load(Map.of());
        assertThat(defaults.database().retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.shutdown().grace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(load(Map.of("BANDURA_DATABASE_RETRY_AFTER", "500ms", "BANDURA_SHUTDOWN_GRACE", "45s"))
                .shutdown().grace()).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> load(Map.of("BANDURA_DATABASE_RETRY_AFTER", "soon")))
                .hasMessageContaining("database.retry-after (from environment variable BANDURA_DATABASE_RETRY_AFTER)");
        assertThatThrownBy(() -> load(Map.of("BANDURA_SHUTDOWN_GRACE", "2h")))
                .hasMessageContaining("shutdown.grace: must be from 0s to 10m");
    }

    @Test
    @DisplayName("catch-up.days defaults to 14 and is validated: a whole number of days from 1 to 365")
    void catchUpDays() {
        assertThat(load(Map.of()).catchUp().days()).isEqualTo(14);
        assertThat(load(Map.of()).catchUp().window()).isEqualTo(Duration.ofDays(14));
        assertThat(load(Map.of("BANDURA_CATCH_UP_DAYS", "3")).catchUp().window()).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> load(Map.of("BANDURA_CATCH_UP_DAYS", "0")))
                .hasMessageContaining("catch-up.days (from environment variable BANDURA_CATCH_UP_DAYS)");
        assertThatThrownBy(() -> load(Map.of("BANDURA_CATCH_UP_DAYS", "two weeks")))
                .hasMessageContaining("catch-up.days (from environment variable BANDURA_CATCH_UP_DAYS)");
    }

    @Test
    @DisplayName("the database configuration prints without the password of the URL's user-info or options")
    void databaseConfigHidesPasswords() {
        BanduraConfig config = load(Map.of("BANDURA_DATABASE_URL",
                "jdbc:postgresql://bandura:Pa55word@db.example:5432/bandura?password=Other5ecret&ssl=true"));
        assertThat(config.database().toString()).doesNotContain("Pa55word").doesNotContain("Other5ecret")
                .contains("jdbc:postgresql://bandura:***@db.example:5432/bandura?password=***&ssl=true");
    }

    @Test
    @DisplayName("follow-through keys: days are a duration unit, phrases a list, and the ladder must climb in order")
    void followThrough() throws IOException {
        write("""
                escalation:
                  first: 15m
                  give-up: 14d
                accept:
                  thank-you-phrases: [kiitos, dziekuje]
                """);
        BanduraConfig config = load(Map.of("BANDURA_ROUTING_LEARNED_EXPERT_THRESHOLD", "80"));
        assertThat(config.followUp().first()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.followUp().second()).isEqualTo(Duration.ofHours(4));
        assertThat(config.followUp().giveUp()).isEqualTo(Duration.ofDays(14));
        assertThat(config.followUp().learnedExpertThreshold()).isEqualTo(80);
        assertThat(config.followUp().thankYouPhrases()).containsExactly("kiitos", "dziekuje");

        write("""
                escalation:
                  second: 2d
                """);
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p)
                        .startsWith("escalation.*: the steps must come in order")));
    }

    @Test
    @DisplayName("the web is on by default on 127.0.0.1:8080, members only; setting the port makes it explicit")
    void webDefaults() throws IOException {
        BanduraConfig.HttpConfig http = load(Map.of()).http();
        assertThat(http.enabled()).isTrue();
        assertThat(http.port()).isEqualTo(8080);
        assertThat(http.explicit()).isFalse();
        assertThat(http.publicUrl()).isNull();
        assertThat(http.metrics()).isTrue();
        assertThat(http.webVisibility()).isEqualTo("members");

        write("""
                http:
                  port: 0
                  public-url: https://kb.example.org/
                web:
                  visibility: public
                """);
        BanduraConfig.HttpConfig set = load(Map.of()).http();
        assertThat(set.explicit()).isTrue();
        assertThat(set.port()).isZero();
        assertThat(set.publicUrl()).isEqualTo("https://kb.example.org");
        assertThat(set.webVisibility()).isEqualTo("public");
        assertThat(load(Map.of("BANDURA_HTTP_ENABLED", "true")).http().explicit()).isTrue();
        assertThat(load(Map.of("BANDURA_HTTP_BIND", "0.0.0.0")).http().metrics()).as("off the public path").isFalse();
        assertThat(load(Map.of("BANDURA_HTTP_BIND", "0.0.0.0", "BANDURA_HTTP_METRICS", "true")).http().metrics())
                .isTrue();
    }

    @Test
    @DisplayName("an unknown web.visibility is refused with the choices named")
    void badVisibility() {
        assertThatThrownBy(() -> load(Map.of("BANDURA_WEB_VISIBILITY", "everyone")))
                .hasMessageContaining("web.visibility").hasMessageContaining("members, public or off");
    }

    @Test
    @DisplayName("community health: time zone, SLA and who sees /health, with clear errors")
    void health() throws IOException {
        BanduraConfig.HealthConfig defaults = load(Map.of()).health();
        assertThat(defaults).isEqualTo(new BanduraConfig.HealthConfig("UTC", java.time.Duration.ofHours(4), "moderators"));
        assertThat(defaults.membersMaySee()).isFalse();

        write("""
                workspace:
                  time-zone: Europe/Berlin
                health:
                  sla: 90m
                  visibility: members
                """);
        BanduraConfig.HealthConfig set = load(Map.of()).health();
        assertThat(set).isEqualTo(new BanduraConfig.HealthConfig("Europe/Berlin", java.time.Duration.ofMinutes(90),
                "members"));
        assertThat(set.membersMaySee()).isTrue();

        assertThatThrownBy(() -> load(Map.of("BANDURA_WORKSPACE_TIME_ZONE", "Mars/Olympus")))
                .hasMessageContaining("workspace.time-zone").hasMessageContaining("Europe/Berlin");
        assertThatThrownBy(() -> load(Map.of("BANDURA_HEALTH_SLA", "0s"))).hasMessageContaining("health.sla");
        assertThatThrownBy(() -> load(Map.of("BANDURA_HEALTH_VISIBILITY", "public")))
                .hasMessageContaining("health.visibility").hasMessageContaining("moderators or members");
    }

    @Test
    @DisplayName("web.workspace-visibility overrides web.visibility per workspace, from YAML or the environment")
    void workspaceVisibility() throws IOException {
        assertThat(load(Map.of()).http().workspaceVisibility()).isEmpty();
        write("""
                web:
                  visibility: members
                  workspace-visibility:
                    T0PEN: public
                    "998877665544332211": off
                """);
        assertThat(load(Map.of()).http().workspaceVisibility())
                .as("YAML's unquoted off (a boolean to YAML 1.1) means off")
                .containsExactly(Map.entry("T0PEN", "public"), Map.entry("998877665544332211", "off"));
        assertThat(load(Map.of("BANDURA_WEB_WORKSPACE_VISIBILITY", "console=public, T1=members")).http()
                .workspaceVisibility()).containsExactly(Map.entry("console", "public"), Map.entry("T1", "members"));
    }

    @Test
    @DisplayName("a bad web.workspace-visibility names the key, the workspace and the choices")
    void badWorkspaceVisibility() {
        assertThatThrownBy(() -> load(Map.of("BANDURA_WEB_WORKSPACE_VISIBILITY", "T1=everyone")))
                .hasMessageContaining("web.workspace-visibility").hasMessageContaining("'T1'")
                .hasMessageContaining("members, public or off").hasMessageContaining("'everyone'");
        assertThatThrownBy(() -> load(Map.of("BANDURA_WEB_WORKSPACE_VISIBILITY", "T1 public")))
                .hasMessageContaining("web.workspace-visibility").hasMessageContaining("name=value pairs");
    }

    @Test
    @DisplayName("badges.* and digest.* have the documented defaults, read YAML lists and env, and explain bad values")
    void badgesAndDigest() throws IOException {
        BanduraConfig.ProgressConfig defaults = load(Map.of()).progress();
        assertThat(defaults).isEqualTo(new BanduraConfig.ProgressConfig(List.of(10, 50, 200), List.of(5, 25),
                java.time.Duration.ofMinutes(15), List.of(10), List.of(5, 25), java.time.DayOfWeek.MONDAY,
                java.time.LocalTime.of(9, 0), null, null, null));

        write("""
                badges:
                  helpful: [3, 30]
                  quick-within: 10m
                digest:
                  day: Friday
                  time: "16:30"
                  channel: C0123ABCD
                """);
        BanduraConfig.ProgressConfig set = load(Map.of("BANDURA_BADGES_CURIOUS", "2,4,8")).progress();
        assertThat(set.helpful()).containsExactly(3, 30);
        assertThat(set.curious()).containsExactly(2, 4, 8);
        assertThat(set.quickWithin()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(set.digestDay()).isEqualTo(java.time.DayOfWeek.FRIDAY);
        assertThat(set.digestTime()).isEqualTo(java.time.LocalTime.of(16, 30));
        assertThat(set.slackDigestChannel()).isEqualTo("C0123ABCD");
        assertThat(set.discordDigestChannel()).isNull();
        assertThat(load(Map.of("BANDURA_DIGEST_CHANNEL", "123456789012345678")).progress().discordDigestChannel())
                .isEqualTo("123456789012345678");

        // Discord and Slack together: one channel each; digest.channel stays the default of the one not set.
        BanduraConfig.ProgressConfig both = load(Map.of("BANDURA_DISCORD_DIGEST_CHANNEL", "223456789012345678"))
                .progress();
        assertThat(both.discordDigestChannel()).isEqualTo("223456789012345678");
        assertThat(both.slackDigestChannel()).isEqualTo("C0123ABCD");
        write("""
                digest:
                  channel: "123456789012345678"
                discord:
                  digest-channel: "323456789012345678"
                slack:
                  digest-channel: G0SLACKDIGEST
                """);
        BanduraConfig.ProgressConfig yaml = load(Map.of()).progress();
        assertThat(yaml.discordDigestChannel()).isEqualTo("323456789012345678");
        assertThat(yaml.slackDigestChannel()).isEqualTo("G0SLACKDIGEST");
        assertThat(load(Map.of("BANDURA_SLACK_DIGEST_CHANNEL", "C0ENV")).progress().slackDigestChannel())
                .isEqualTo("C0ENV");
        assertThatThrownBy(() -> load(Map.of("BANDURA_DISCORD_DIGEST_CHANNEL", "C0123ABCD")))
                .hasMessageContaining("discord.digest-channel: expected a numeric Discord channel id")
                .hasMessageContaining("'C0123ABCD'");
        assertThatThrownBy(() -> load(Map.of("BANDURA_SLACK_DIGEST_CHANNEL", "#general")))
                .hasMessageContaining("slack.digest-channel: expected a channel id like C0123ABCD")
                .hasMessageContaining("'#general'");

        assertThatThrownBy(() -> load(Map.of("BANDURA_BADGES_HELPFUL", "50,10")))
                .hasMessageContaining("badges.helpful").hasMessageContaining("rising whole numbers");
        assertThatThrownBy(() -> load(Map.of("BANDURA_BADGES_MENTOR", "ten")))
                .hasMessageContaining("badges.mentor");
        assertThatThrownBy(() -> load(Map.of("BANDURA_BADGES_QUICK_WITHIN", "0s")))
                .hasMessageContaining("badges.quick-within");
        assertThatThrownBy(() -> load(Map.of("BANDURA_DIGEST_DAY", "someday")))
                .hasMessageContaining("digest.day").hasMessageContaining("monday");
        assertThatThrownBy(() -> load(Map.of("BANDURA_DIGEST_TIME", "25:00")))
                .hasMessageContaining("digest.time").hasMessageContaining("HH:MM");
        assertThatThrownBy(() -> load(Map.of("BANDURA_DIGEST_CHANNEL", "#general")))
                .hasMessageContaining("digest.channel").hasMessageContaining("C0123ABCD");
    }
}
