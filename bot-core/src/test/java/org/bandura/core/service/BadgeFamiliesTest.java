package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.reply.Reply;
import org.bandura.core.reputation.Badges;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The badge families through real commands, with small thresholds: each badge is earned on the path that can earn
 * it, kept once earned, and announced exactly once, mentioning exactly its member (or privately to them).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class BadgeFamiliesTest {

    /** Helpful at 2, Quick at 1 (within 15 min), Mentor at 2 askers, Curious at 1. */
    static final Badges.Thresholds SMALL = new Badges.Thresholds(List.of(2), List.of(1), Duration.ofMinutes(15),
            List.of(2), List.of(1));

    private final TestCore bandura;
    private final DatabaseOutbox outbox;
    private final List<List<String>> mentions = new ArrayList<>();
    private final Actor alice = user("alice");
    private final Actor bob = user("bob");
    private final Actor carol = user("carol");
    private final Actor dave = user("dave");

    BadgeFamiliesTest(Backend backend) {
        bandura = backend.open(TestCore.settings().withProgress(ProgressSettings.defaults().withBadges(SMALL)));
        outbox = new DatabaseOutbox(bandura.database(), bandura.clock());
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private List<String> posted() {
        List<String> lines = new ArrayList<>();
        outbox.deliver(Platform.CONSOLE, message -> {
            lines.add("[" + message.audience() + (message.recipientUserId() == null ? "" : " "
                    + message.recipientUserId()) + "] " + message.render(userId -> "@" + userId));
            mentions.add(message.mentionUserIds());
        });
        return lines;
    }

    private void ok(Actor actor, String line) {
        Reply reply = bandura.run(actor, line);
        assertThat(reply.isOk()).as(line + " → " + reply.text().toPlainString()).isTrue();
    }

    @Test
    @DisplayName("Quick, Helpful, Solved, Curious and Mentor are earned where they can be, announced once, kept")
    void families() {
        ok(bob, "/ask How do I size a pool? #java");
        bandura.clock().advance(Duration.ofMinutes(5));
        ok(alice, "/answer Q1 Start with cores times two and measure.");
        assertThat(posted()).containsExactly(
                "[THREAD] 🏅 @alice earned the badges First Answer, Quick ×1. Congratulations!");
        assertThat(mentions).containsExactly(List.of("alice"));

        ok(bob, "/ask Which pool library is fastest? #java");
        bandura.clock().advance(Duration.ofMinutes(20));
        ok(alice, "/answer Q2 HikariCP, by most benchmarks I have seen.");
        ok(carol, "/upvote A1");
        assertThat(posted()).as("not quick, and one helpful answer is below Helpful ×2").isEmpty();

        ok(carol, "/upvote A2");
        assertThat(posted()).containsExactly("[THREAD] 🏅 @alice earned the badge Helpful ×2. Congratulations!");
        ok(carol, "/unvote A2");
        ok(carol, "/upvote A2");
        assertThat(posted()).as("kept once earned, announced once").isEmpty();
        ok(carol, "/unvote A2");

        ok(bob, "/accept A1");
        assertThat(posted()).containsExactly(
                "[THREAD] 🏅 @alice earned the badge Solved. Congratulations!",
                "[THREAD] 🏅 @bob earned the badge Curious ×1. Congratulations!");
        ok(bob, "/unaccept A1");
        ok(bob, "/accept A1");
        assertThat(posted()).as("an accept undone and redone earns nothing new").isEmpty();

        ok(alice, "/privacy announcements off");
        ok(dave, "/ask Is a pool needed for one query a minute? #java");
        bandura.clock().advance(Duration.ofHours(1));
        ok(alice, "/answer Q3 No, open a connection when you need one then.");
        ok(dave, "/accept A3");
        assertThat(posted()).containsExactly(
                "[PRIVATE alice] 🏅 You earned the badge Mentor ×2 (with Q3). Congratulations!",
                "[THREAD] 🏅 @dave earned the badge Curious ×1. Congratulations!");
        assertThat(mentions.get(mentions.size() - 2)).as("a private notice pings nobody").isEmpty();

        assertThat(badges("alice")).containsExactlyInAnyOrder("first-answer", "quick-1", "helpful-2", "solved-1",
                "mentor-2");
        String profile = bandura.run(alice, "/profile").text().toPlainString();
        assertThat(profile)
                .contains("Badges: First Answer, Quick ×1, Helpful ×2, Solved, Mentor ×2")
                .contains("This week: +40 reputation · streak: 1 week in a row with an accepted answer")
                .contains("Next badge: 1 more question of yours with an accepted answer to Curious ×1");
    }

    @Test
    @DisplayName("Helpful counts answers at a score of 1 or more: a downvote and its retraction don't earn it twice")
    void helpfulOnlyWhenAnAnswerReachesOne() {
        ok(bob, "/ask How do I size a pool? #java");
        bandura.clock().advance(Duration.ofHours(1));
        ok(alice, "/answer Q1 Start with cores times two and measure.");
        ok(alice, "/answer Q1 Or read the HikariCP wiki about it.");
        posted();
        ok(carol, "/upvote A1"); // A1 reaches score 1: one helpful answer, below the step
        ok(carol, "/downvote A2");
        assertThat(posted()).isEmpty();
        ok(carol, "/unvote A2");
        ok(dave, "/upvote A2");
        assertThat(posted()).containsExactly("[THREAD] 🏅 @alice earned the badge Helpful ×2. Congratulations!");
    }

    private List<String> badges(String userId) {
        return bandura.database().inTransaction(sql -> sql.list("SELECT b.code FROM badge b JOIN member m "
                + "ON m.id = b.member_id WHERE m.user_id = ?", row -> row.getString(1), userId));
    }
}
