package org.bandura.core.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bandura.core.BanduraCore;
import org.bandura.core.catchup.CatchUpPlan.SeenMessage;
import org.bandura.core.catchup.CatchUpPlan.SeenReaction;
import org.bandura.core.catchup.CatchUpPlan.Snapshot;
import org.bandura.core.catchup.CatchUpPlan.Step;
import org.bandura.core.command.Command;
import org.bandura.core.model.Reaction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure decision of catch-up: what the platform shows now against what Bandura knows of a thread. */
class CatchUpPlanTest {

    private static final CatchUpPlan.Keys KEYS = new CatchUpPlan.Keys() {
        @Override
        public String message(String messageKey) {
            return "m:" + messageKey;
        }

        @Override
        public String delete(String messageKey) {
            return "d:" + messageKey;
        }

        @Override
        public String reaction(String messageKey, String userId, String emoji) {
            return "r:" + messageKey + ":" + userId + ":" + emoji;
        }
    };

    private static BanduraCore.OpenThread thread(String cursor, Map<String, String> known) {
        return new BanduraCore.OpenThread(1, "chan", "100", "100", cursor, known);
    }

    private static SeenMessage message(String key, String author, String text, SeenReaction... reactions) {
        return new SeenMessage(key, author, text, List.of(reactions));
    }

    private static SeenReaction up(String... users) {
        return new SeenReaction(Reaction.UPVOTE, "👍", List.of(users));
    }

    static Stream<Arguments> cases() {
        Map<String, String> oneAnswer = new LinkedHashMap<>(Map.of("105", "Use a bigger pool, twice the cores."));
        return Stream.of(
                Arguments.of("a new reply after the cursor is a thread message with the live key",
                        thread("101", Map.of()), new Snapshot(null, false,
                                List.of(message("102", "bob", "Use a bigger pool please")), true),
                        List.of(new Step("bob", new Command.ThreadMessage("100", "102", "Use a bigger pool please"),
                                "m:102")), "102"),
                Arguments.of("a reply at or before the cursor that Bandura does not keep was processed already",
                        thread("103", Map.of()), new Snapshot(null, false,
                                List.of(message("102", "alice", "thanks"), message("103", "alice", "more")), true),
                        List.of(), "103"),
                Arguments.of("no cursor yet: every reply is read, oldest first",
                        thread(null, Map.of()), new Snapshot(null, false,
                                List.of(message("103", "carol", "second"), message("102", "bob", "first")), true),
                        List.of(new Step("bob", new Command.ThreadMessage("100", "102", "first"), "m:102"),
                                new Step("carol", new Command.ThreadMessage("100", "103", "second"), "m:103")),
                        "103"),
                Arguments.of("a kept answer whose text changed is an edit by its author, without a key",
                        thread("105", oneAnswer), new Snapshot(null, false,
                                List.of(message("105", "bob", "Use a pool of twice the cores, measured.")), true),
                        List.of(new Step("bob", new Command.EditMessage("105",
                                "Use a pool of twice the cores, measured."), null)), "105"),
                Arguments.of("the same text with other line ends and blanks is no edit",
                        thread("105", Map.of("105", "line one\nline two")), new Snapshot(null, false,
                                List.of(message("105", "bob", "  line one\r\nline two \n")), true),
                        List.of(), "105"),
                Arguments.of("a kept answer missing from a complete window was deleted",
                        thread("105", oneAnswer), new Snapshot(null, false, List.of(), true),
                        List.of(new Step(null, new Command.DeleteMessage("105"), "d:105")), "105"),
                Arguments.of("a window that did not cover every kept message deletes nothing",
                        thread("105", oneAnswer), new Snapshot(null, false, List.of(), false),
                        List.of(), "105"),
                Arguments.of("the question's message gone: the question is deleted and nothing else runs",
                        thread("105", oneAnswer), new Snapshot(null, true, List.of(message("106", "bob", "x",
                                up("carol"))), true),
                        List.of(new Step(null, new Command.DeleteMessage("100"), "d:100")), "106"),
                Arguments.of("reactions come after the messages, one step per person with a reaction key",
                        thread("101", Map.of()), new Snapshot(message("100", "alice", "Q", up("bob")), false,
                                List.of(message("102", "bob", "An answer long enough to count", up("carol", "dave"))),
                                true),
                        List.of(new Step("bob", new Command.ThreadMessage("100", "102",
                                        "An answer long enough to count"), "m:102"),
                                new Step("bob", new Command.React("100", Reaction.UPVOTE, true), "r:100:bob:👍"),
                                new Step("carol", new Command.React("102", Reaction.UPVOTE, true), "r:102:carol:👍"),
                                new Step("dave", new Command.React("102", Reaction.UPVOTE, true), "r:102:dave:👍")),
                        "102"),
                Arguments.of("deletions run before new messages",
                        thread("105", oneAnswer), new Snapshot(null, false,
                                List.of(message("107", "carol", "A fresh answer arrives here")), true),
                        List.of(new Step(null, new Command.DeleteMessage("105"), "d:105"),
                                new Step("carol", new Command.ThreadMessage("100", "107",
                                        "A fresh answer arrives here"), "m:107")), "107"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String name, BanduraCore.OpenThread thread, Snapshot now, List<Step> steps, String cursor) {
        CatchUpPlan.Plan plan = CatchUpPlan.plan(thread, now, KEYS);
        assertThat(plan.steps()).containsExactlyElementsOf(steps);
        assertThat(plan.lastMessageKey()).isEqualTo(cursor);
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of("99", "100", -1),
                Arguments.of("1180000000000000000", "1180000000000000001", -1),
                Arguments.of("C1:1700001000.000101", "C1:1700001000.000100", 1),
                Arguments.of("C1:1700001000.000100", "C1:1700001000.000100", 0),
                Arguments.of("C1:1699999999.999999", "C1:1700000000.000000", -1));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @MethodSource("orders")
    void ordersMessageKeys(String a, String b, int sign) {
        assertThat(Integer.signum(CatchUpPlan.MESSAGE_ORDER.compare(a, b))).isEqualTo(sign);
    }

    @Test
    @DisplayName("a thread with nothing read and nothing new keeps no cursor")
    void emptyThreadHasNoCursor() {
        assertThat(CatchUpPlan.plan(thread(null, Map.of()), new Snapshot(null, false, List.of(), true), KEYS))
                .isEqualTo(new CatchUpPlan.Plan(List.of(), null));
    }
}
