package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** config/slack-manifest.yml declares exactly what the adapter registers and calls. */
class SlackManifestTest {

    private static final Path MANIFEST = Path.of("..", "config", "slack-manifest.yml");

    @Test
    @DisplayName("Slash commands: the core's catalog, in its order, each handled by the adapter")
    void commands() throws IOException {
        assertThat(values("^\\s+- command: /(\\S+)$")).containsExactlyElementsOf(SlackCommands.SLASH_COMMANDS);
    }

    @Test
    @DisplayName("Message shortcuts: the two callback ids the adapter listens for")
    void shortcuts() throws IOException {
        assertThat(values("^\\s+callback_id: (\\S+)$"))
                .containsExactly(SlackCommands.ASK_SHORTCUT, SlackCommands.ANSWER_SHORTCUT);
    }

    @Test
    @DisplayName("Bot events and scopes: only what the listeners and Web API calls need")
    void eventsAndScopes() throws IOException {
        assertThat(section("bot_events:")).containsExactlyInAnyOrder(
                "app_home_opened", "message.channels", "message.groups", "reaction_added", "reaction_removed");
        assertThat(section("bot:")).containsExactlyInAnyOrder(
                "commands", "chat:write", "users:read", "reactions:read", "channels:history", "groups:history");
        assertThat(text()).contains("socket_mode_enabled: true").contains("is_enabled: true")
                .contains("home_tab_enabled: true");
    }

    @Test
    @DisplayName("Interactivity is on: buttons, shortcuts and modals reach the bot (no extra scope; Socket Mode needs "
            + "no request URL)")
    void interactivity() throws IOException {
        assertThat(text()).containsPattern("(?m)^  interactivity:\\n    is_enabled: true$");
        assertThat(text()).doesNotContainPattern("(?m)^\\s+request_url:");
    }

    private static String text() throws IOException {
        return Files.readString(MANIFEST);
    }

    private static List<String> values(String regex) throws IOException {
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(text());
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    /** The "- item" lines right under a key, skipping comments. */
    private static List<String> section(String key) throws IOException {
        List<String> items = new ArrayList<>();
        boolean inside = false;
        for (String line : text().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.equals(key)) {
                inside = true;
            } else if (inside && trimmed.startsWith("#")) {
                continue;
            } else if (inside && trimmed.startsWith("- ")) {
                items.add(trimmed.substring(2));
            } else if (inside) {
                break;
            }
        }
        return items;
    }
}
