package org.bandura.core.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.Reaction;
import org.bandura.core.model.VoteDirection;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.testing.StateSnapshot;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two bot processes on one PostgreSQL database, both fed every event, end exactly where one process would. */
class TwoProcessesTest {

    record Delivery(Actor actor, Command command, String eventKey) {
    }

    private static Actor person(String name) {
        return TestCore.user(name);
    }

    /** A chat day: experts, questions posted in threads, answers, reactions (some redelivered), accepts. */
    static List<Delivery> events() {
        List<Delivery> events = new ArrayList<>();
        String[] people = {"ann", "ben", "cat", "dan", "eve", "fay"};
        events.add(new Delivery(person("ann"), new Command.ExpertAdd(List.of("java")), "i-expert-ann"));
        events.add(new Delivery(person("ben"), new Command.ExpertAdd(List.of("java", "sql")), "i-expert-ben"));
        int key = 0;
        for (int q = 1; q <= 12; q++) {
            String asker = people[q % people.length];
            events.add(new Delivery(person(asker), new Command.Ask("Question " + q + " about pools #java #sql",
                    List.of()), "i-ask-" + q));
            events.add(new Delivery(person(asker), new Command.LinkQuestion(q, "chan", "mq" + q, "tq" + q),
                    "link-" + q));
            for (int a = 0; a < 3; a++) {
                String author = people[(q + a + 1) % people.length];
                events.add(new Delivery(person(author), new Command.ThreadMessage("tq" + q, "m" + q + "-" + a,
                        "Answer " + a + " to " + q), "msg-" + q + "-" + a));
            }
            for (String voter : people) {
                Reaction reaction = (voter.length() + q) % 4 == 0 ? Reaction.DOWNVOTE : Reaction.UPVOTE;
                String message = "m" + q + "-" + (voter.charAt(0) % 3);
                String reactionKey = message + ":" + voter + ":" + reaction + ":add:" + (key++);
                Delivery react = new Delivery(person(voter), new Command.React(message, reaction, true), reactionKey);
                events.add(react);
                if (q % 3 == 0) {
                    events.add(react); // a redelivery after a gateway resume or a Slack retry
                }
                if ((q + voter.length()) % 5 == 0) {
                    events.add(new Delivery(person(voter), new Command.React(message, reaction, false),
                            message + ":" + voter + ":" + reaction + ":remove:" + (key++)));
                }
            }
            events.add(new Delivery(person(people[(q + 2) % people.length]),
                    new Command.Vote(PostRef.question(q), VoteDirection.UP), "i-vote-q" + q));
            if (q % 2 == 0) {
                events.add(new Delivery(person(asker), new Command.React("m" + q + "-1", Reaction.ACCEPT, true),
                        "accept-" + q));
            }
        }
        return events;
    }

    @Test
    @DisplayName("every event delivered to both processes, interleaved: the same final state as one process")
    void twoProcessesEqualOne() throws Exception {
        List<Delivery> events = events();
        List<String> expected;
        long expectedClaims;
        try (TestCore single = TestCore.on(TestDatabases.postgres(), TestCore.settings())) {
            for (Delivery event : events) {
                single.core().handle(event.actor(), event.command(), event.eventKey());
            }
            expected = StateSnapshot.of(single.database());
            // Refused events (a self-vote, say) roll their claim back with everything else, so a redelivery is
            // refused again: claims are the events that changed something or were ignored.
            expectedClaims = single.rows("processed_event");
        }

        DatabaseSettings shared = TestDatabases.postgres();
        try (TestCore first = TestCore.on(shared, TestCore.settings());
             TestCore second = TestCore.attach(shared, TestCore.settings())) {
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> deliverAll(first, events));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> deliverAll(second, events));
            assertThat(a.get() + b.get()).as("events acted on by either process").isPositive();
            assertThat(StateSnapshot.of(first.database())).isEqualTo(expected);
            assertThat(first.rows("processed_event")).isEqualTo(expectedClaims);
        }
        assertThat(expected).anyMatch(line -> line.startsWith("question") && !line.endsWith("accepted=null"))
                .anyMatch(line -> line.startsWith("vote "));
    }

    private static int deliverAll(TestCore core, List<Delivery> events) {
        int handled = 0;
        for (Delivery event : events) {
            if (!core.core().handle(event.actor(), event.command(), event.eventKey()).isIgnored()) {
                handled++;
            }
        }
        return handled;
    }
}
