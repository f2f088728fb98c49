package org.bandura.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {

    @Test
    @DisplayName("the committed example configuration loads and equals the defaults")
    void exampleLoads() {
        Path example = Path.of("bandura.example.yml");
        BanduraConfig fromExample = new ConfigLoader(Map.of("BANDURA_CONFIG", example.toString()), Path.of("none"))
                .load();
        BanduraConfig defaults = new ConfigLoader(Map.of(), Path.of("none")).load();
        assertThat(fromExample).isEqualTo(defaults);
        assertThat(fromExample.discord().acceptEmoji()).isEqualTo("✅");
    }
}
