package org.bandura.core.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two bot processes (own pools, own job runners, own outbox drains) on one database. */
class EscalationTwoProcessesTest {

    private static final int QUESTIONS = 6;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Backend.class)
    @DisplayName("with two processes racing, each escalation step of each question is posted exactly once")
    void eachStepOnce(Backend backend) throws Exception {
        DatabaseSettings database = backend.freshDatabase();
        try (FollowThrough one = new FollowThrough(TestCore.on(database, FollowThroughTest.ONE_EXPERT,
                FollowUpSettings.defaults()), "process-1");
             FollowThrough two = new FollowThrough(TestCore.attach(database, FollowThroughTest.ONE_EXPERT,
                     FollowUpSettings.defaults()), "process-2")) {
            one.bandura.run(user("alice"), "/expert add go");
            two.bandura.run(user("carol"), "/expert add go");
            for (int i = 1; i <= QUESTIONS; i++) {
                (i % 2 == 0 ? one : two).bandura.run(user("bob"), "/ask Goroutine leak number " + i + "? #go");
            }
            List<String> posted = new ArrayList<>();
            for (Duration step : List.of(Duration.ofMinutes(30), Duration.ofMinutes(210), Duration.ofHours(20),
                    Duration.ofDays(7))) {
                one.bandura.clock().advance(step);
                two.bandura.clock().advance(step);
                List<CompletableFuture<Integer>> workers = Stream.of(one, two, one, two)
                        .map(process -> CompletableFuture.supplyAsync(process.jobs::runDue)).toList();
                for (CompletableFuture<Integer> worker : workers) {
                    worker.get();
                }
                List<CompletableFuture<List<String>>> drains = Stream.of(one, two)
                        .map(process -> CompletableFuture.supplyAsync(process::delivered)).toList();
                for (CompletableFuture<List<String>> drain : drains) {
                    posted.addAll(drain.get());
                }
            }
            for (int i = 1; i <= QUESTIONS; i++) {
                String question = "Q" + i + " ";
                assertThat(posted.stream().filter(line -> line.startsWith("[THREAD] " + question))).hasSize(1);
                assertThat(posted.stream().filter(line -> line.startsWith("[FALLBACK] " + question))).hasSize(1);
                assertThat(posted.stream().filter(line -> line.startsWith("[MODERATORS] " + question))).hasSize(1);
                assertThat(posted.stream().filter(line -> line.startsWith("[PRIVATE bob] Nobody has answered your "
                        + question))).hasSize(1);
            }
            assertThat(posted).hasSize(QUESTIONS * 4);
            assertThat(one.bandura.rows("escalation_step")).isEqualTo(QUESTIONS * 3L);
        }
    }
}
