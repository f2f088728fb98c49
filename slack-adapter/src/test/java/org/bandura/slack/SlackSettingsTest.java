package org.bandura.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {

    @Test
    @DisplayName("Defaults: Slack's API URL, 👍 👎, every check mark accepts, four socket threads; app token: Socket Mode")
    void defaults() {
        SlackSettings settings = SlackSettings.socketMode("xoxb-secret-bot", "xapp-secret-app");

        assertThat(settings.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(settings.upvoteEmoji()).isEqualTo("+1");
        assertThat(settings.downvoteEmoji()).isEqualTo("-1");
        assertThat(settings.acceptEmojiNames())
                .containsExactly("white_check_mark", "heavy_check_mark", "ballot_box_with_check");
        assertThat(settings.socketConcurrency()).isEqualTo(4);
        assertThat(settings.socketMode()).isTrue();
        assertThat(SlackSettings.httpMode("xoxb-1", "secret").socketMode()).isFalse();
    }

    @Test
    @DisplayName("The API URL always ends with a slash (GovSlack: https://slack-gov.com/api)")
    void apiUrl() {
        assertThat(SlackSettings.httpMode("xoxb-1", "s").withApiUrl("https://slack-gov.com/api").apiUrl())
                .isEqualTo("https://slack-gov.com/api/");
    }

    @Test
    @DisplayName("toString never shows a token or the signing secret")
    void noSecretsInToString() {
        SlackSettings settings = new SlackSettings("xoxb-secret-bot", "xapp-secret-app", "signing-secret", null,
                List.of("U1"), null, null, null, 0);

        assertThat(settings.toString()).doesNotContain("secret").contains("socket").contains("U1");
    }

    @Test
    @DisplayName("A bot token is required, and either an app token or a signing secret")
    void required() {
        assertThatThrownBy(() -> SlackSettings.socketMode(" ", "xapp-1")).hasMessageContaining("SLACK_BOT_TOKEN");
        assertThatThrownBy(() -> SlackSettings.httpMode("xoxb-1", null)).hasMessageContaining("SLACK_APP_TOKEN");
    }
}
