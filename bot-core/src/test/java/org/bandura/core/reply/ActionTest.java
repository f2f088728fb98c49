package org.bandura.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActionTest {

    @Test
    void buttonIdsCarryTheCommandAndFitEveryPlatform() {
        Action claim = Action.claim(123456789L);
        assertThat(claim.id()).isEqualTo("bandura:/claim Q123456789").hasSizeLessThanOrEqualTo(100);
        assertThat(Action.commandLineOf(claim.id())).contains("/claim Q123456789");
        assertThat(Action.commandLineOf("vote-up")).isEmpty();
        assertThat(Action.commandLineOf("bandura:claim")).isEmpty();
        assertThat(Action.commandLineOf(null)).isEmpty();
    }

    @Test
    void directMessageIdsCarryTheWorkspace() {
        String id = Action.accept(7).idIn("123456789012345678");
        assertThat(id).isEqualTo("bandura:123456789012345678:/accept A7");
        assertThat(Action.pressed(id)).contains(new Action.Pressed(java.util.Optional.of("123456789012345678"),
                "/accept A7"));
        assertThat(Action.pressed("bandura:/claim Q3")).contains(new Action.Pressed(java.util.Optional.empty(),
                "/claim Q3"));
        assertThat(Action.pressed("bandura:nocommand")).isEmpty();
    }

    @Test
    void storedFormRoundTrips() {
        List<Action> choices = Action.acceptChoices(42);
        assertThat(Action.decode(Action.encode(choices))).isEqualTo(choices);
        assertThat(choices).extracting(Action::label).containsExactly("Accept", "Not yet");
        assertThat(choices).extracting(Action::primary).containsExactly(true, false);
        assertThat(Action.decode("")).isEmpty();
        assertThat(Action.decode(null)).isEmpty();
    }
}
