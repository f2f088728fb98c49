package org.bandura.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private final DatabaseSettings settings = new DatabaseSettings(
            "jdbc:postgresql://bandura:Pa55word@db.example:5432/bandura?password=Other5ecret", "bandura",
            "Config5ecret", null, 4, Duration.ofSeconds(5));

    @Test
    @DisplayName("a password in the URL's user-info is masked like the password= option")
    void redactsUserInfo() {
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://bandura:***@db.example:5432/bandura");
        assertThat(settings.toString()).doesNotContain("Pa55word").doesNotContain("Other5ecret")
                .doesNotContain("Config5ecret");
        assertThat(DatabaseSettings.of("jdbc:postgresql://db.example/bandura").redactedUrl())
                .isEqualTo("jdbc:postgresql://db.example/bandura");
    }

    @Test
    @DisplayName("an error message that quotes the URL or a password can be printed once redacted")
    void redactsMessages() {
        String driverMessage = "Driver org.postgresql.Driver claims to not accept jdbcUrl, " + settings.url()
                + " (user bandura, password Config5ecret)";
        assertThat(settings.redact(driverMessage)).doesNotContain("Pa55word").doesNotContain("Other5ecret")
                .doesNotContain("Config5ecret")
                .contains("jdbcUrl, jdbc:postgresql://bandura:***@db.example:5432/bandura");
    }
}
