package org.bandura.core.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.moderator;
import static org.bandura.core.testing.TestCore.user;

import java.time.Duration;
import java.util.List;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.Reply;
import org.bandura.core.service.CoreSettings;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The follow-through end to end on a real core and database: routing, claims, the ladder, accept prompts. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class FollowThroughTest {

    /** One expert per question, so the ladder's first step has someone left to mention. */
    static final CoreSettings ONE_EXPERT = new CoreSettings(4000, 1, 200, 100, 5).withCommunity(TestCore.OPEN_COMMUNITY);
    /** Learned experts from 25 points: one upvote (10) and one accept (15) in the tag. */
    static final FollowUpSettings LEARN_AT_25 = new FollowUpSettings(25, EscalationSchedule.Timing.defaults(),
            Duration.ofHours(24), ThankYouDetector.DEFAULT_PHRASES);

    private final FollowThrough bot;
    private final Actor alice = user("alice");
    private final Actor bob = user("bob");
    private final Actor carol = user("carol");
    private final Actor dave = user("dave");

    FollowThroughTest(Backend backend) {
        bot = new FollowThrough(TestCore.on(backend.freshDatabase(), ONE_EXPERT, LEARN_AT_25), "worker-1");
    }

    @AfterEach
    void close() {
        bot.close();
    }

    private Reply run(Actor actor, String line) {
        return bot.bandura.run(actor, line);
    }

    private List<String> mentionedIn(Reply ask) {
        return ask.event(Event.QuestionAsked.class).orElseThrow().mentioned().stream().map(MemberView::userId).toList();
    }

    @Test
    @DisplayName("an unanswered question climbs the ladder at 30 min, 4 h and 24 h, then goes stale and quiet")
    void ladder() {
        run(alice, "/expert add java");
        run(carol, "/expert add java");
        List<String> first = mentionedIn(run(bob, "/ask Why does my pool leak connections? #java"));
        assertThat(first).hasSize(1);
        String other = first.contains("alice") ? "carol" : "alice";

        assertThat(bot.after(Duration.ofMinutes(29))).isEmpty();
        assertThat(bot.after(Duration.ofMinutes(1))).containsExactly("[THREAD] Q1 still has no answer after 30 min. @"
                + other + ", could you take a look? Why does my pool leak connections? #java");
        assertThat(bot.mentioned).containsExactly(List.of(other)); // allowed mentions: exactly the named expert

        assertThat(bot.after(Duration.ofMinutes(209))).isEmpty();
        assertThat(bot.after(Duration.ofMinutes(1))).containsExactly("[FALLBACK] Q1 has been waiting 4 h for an "
                + "answer. Can anyone help? Why does my pool leak connections? #java");

        assertThat(bot.after(Duration.ofHours(19).plusMinutes(59))).isEmpty();
        assertThat(bot.after(Duration.ofMinutes(1))).containsExactly(
                "[MODERATORS] Q1 is still unanswered after 24 h. Tried so far: mentioned " + other
                        + "; asked in the fallback place. Question: Why does my pool leak connections? #java",
                "[PRIVATE bob] Nobody has answered your Q1 yet. Tried so far: mentioned " + other
                        + "; asked in the fallback place. I've now told the moderators. More detail or better #tags "
                        + "can help people find it.");

        assertThat(bot.after(Duration.ofDays(7))).isEmpty();
        assertThat(run(bob, "/unanswered").text().toPlainString()).contains("Q1 Why does my pool leak connections? "
                + "#java (stale)");
        assertThat(bot.bandura.rows("escalation_step")).isEqualTo(3);
        long pendingJobs = bot.bandura.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM job WHERE done_at IS NULL"));
        assertThat(pendingJobs).isZero();
    }

    @Test
    @DisplayName("a claim holds the ladder for 2 h; when it runs out without an answer the overdue step runs")
    void claimHolds() {
        run(alice, "/expert add java");
        run(carol, "/expert add java");
        run(bob, "/ask How do I tune G1 pauses? #java");
        bot.after(Duration.ofMinutes(10));
        Reply claim = run(dave, "/claim Q1");
        assertThat(claim.isOk()).isTrue();
        assertThat(claim.visibility()).isEqualTo(Reply.Visibility.CHANNEL);
        assertThat(claim.text().toPlainString()).startsWith("dave is on Q1");
        assertThat(run(carol, "/claim Q1").text().toPlainString())
                .isEqualTo("dave is already on Q1 until Mon 2 Nov 11:10 UTC.");

        assertThat(bot.after(Duration.ofMinutes(20))).isEmpty();          // 30 min: held
        assertThat(bot.after(Duration.ofMinutes(99))).isEmpty();          // 2 h 9 min: still held
        assertThat(bot.after(Duration.ofMinutes(1))).hasSize(1)           // 2 h 10 min: released, first step runs
                .allMatch(line -> line.startsWith("[THREAD] Q1 still has no answer after 30 min."));
        assertThat(run(bob, "/why Q1").text().toPlainString()).contains("Escalation: mentioned");
    }

    @Test
    @DisplayName("/unclaim releases a claim at once, and only the claimer or a moderator may")
    void unclaim() {
        run(alice, "/expert add java");
        run(bob, "/ask Records or Lombok? #java");
        run(dave, "/claim Q1");
        assertThat(run(carol, "/unclaim Q1").text().toPlainString())
                .isEqualTo("dave claimed Q1; only they or a moderator can release it.");
        assertThat(run(moderator("mod"), "/unclaim Q1").text().toPlainString())
                .isEqualTo("Q1 is open again; reminders to experts resume.");
        assertThat(run(dave, "/unclaim Q1").text().toPlainString()).isEqualTo("Nobody has claimed Q1.");
        assertThat(run(bob, "/claim Q1").text().toPlainString())
                .isEqualTo("Q1 is your own question, so there is nothing to claim.");
        assertThat(run(dave, "/claim Q9").text().toPlainString())
                .isEqualTo("There is no question Q9 here. /unanswered lists the open ones.");
        assertThat(bot.bandura.rows("question_claim")).isZero();
    }

    @Test
    @DisplayName("an answer stops the ladder: nothing is posted at 30 min, 4 h or 24 h")
    void answerStops() {
        run(alice, "/expert add java");
        run(carol, "/expert add java");
        run(bob, "/ask Is var good style? #java");
        bot.after(Duration.ofMinutes(20));
        run(dave, "/answer Q1 Use it when the type is obvious from the right-hand side.");
        assertThat(bot.after(Duration.ofMinutes(10))).isEmpty();
        assertThat(bot.after(Duration.ofHours(4))).isEmpty();
        assertThat(bot.after(Duration.ofHours(24))).isEmpty();
        assertThat(bot.bandura.rows("escalation_step")).isZero();
    }

    @Test
    @DisplayName("a deleted question is never escalated")
    void deletedStops() {
        run(alice, "/expert add java");
        run(carol, "/expert add java");
        run(bob, "/ask Oops, wrong channel #java");
        bot.bandura.database().inTransaction(sql -> sql.update("UPDATE question SET deleted_at = created_at"));
        assertThat(bot.after(Duration.ofHours(25))).isEmpty();
    }

    @Test
    @DisplayName("experts outside their hours are skipped; the asker learns when the first one starts, who is then mentioned")
    void offHoursQueues() {
        assertThat(run(alice, "/expert hours 09:00-17:00 mon-fri Europe/Berlin").text().toPlainString())
                .isEqualTo("You'll be mentioned only 09:00-17:00 mon-fri Europe/Berlin (it's Mon 2 Nov 2026 10:00 "
                        + "there now). /expert hours off clears it.");
        run(alice, "/expert add java");
        bot.bandura.clock().advance(Duration.ofHours(8)); // 17:00 UTC = 18:00 in Berlin
        Reply ask = run(bob, "/ask Virtual threads and pinning? #java");
        assertThat(mentionedIn(ask)).isEmpty();
        assertThat(ask.text().toPlainString()).contains("The experts of #java are away or off hours right now; I'll "
                + "mention the first one back at Tue 3 Nov 08:00 UTC.");

        assertThat(bot.after(Duration.ofMinutes(30))).isEmpty(); // first step: alice still off hours, nobody else
        assertThat(bot.after(Duration.ofMinutes(869))) // 07:59 UTC: only the fallback step (4 h) happened
                .containsExactly("[FALLBACK] Q1 has been waiting 4 h for an answer. Can anyone help? Virtual threads "
                        + "and pinning? #java");
        assertThat(bot.after(Duration.ofMinutes(1))).containsExactly(
                "[THREAD] Q1: @alice, you're back: could you take a look? Virtual threads and pinning? #java");
        assertThat(bot.mentioned).containsExactly(List.of(), List.of("alice")); // the fallback post pings nobody

        String why = run(bob, "/why Q1").text().toPlainString();
        assertThat(why).contains("[ASK] alice: skipped (outside their hours)")
                .contains("[ASK] queued (nobody available; queued until Tue 3 Nov 08:00 UTC)")
                .contains("[QUEUED] alice: chosen (score 50, 0 open questions)");
        assertThat(run(carol, "/why Q1").text().toPlainString())
                .isEqualTo("Only the asker of Q1 and moderators can see how it was routed.");
        assertThat(run(moderator("mod"), "/why Q1").isOk()).isTrue();
    }

    @Test
    @DisplayName("away, back and the weekly limit decide who is mentioned; the least loaded expert goes first")
    void awayLimitAndLoad() {
        run(alice, "/expert add java");
        run(carol, "/expert add java");
        assertThat(run(alice, "/expert away 3d").text().toPlainString())
                .isEqualTo("You're away until Thu 5 Nov 2026 09:00 UTC. /expert back ends it early.");
        assertThat(mentionedIn(run(bob, "/ask Q about streams #java"))).containsExactly("carol");
        assertThat(run(alice, "/expert back").text().toPlainString())
                .isEqualTo("Welcome back! Questions in your tags may mention you again.");
        // carol has one open question she was mentioned on, alice none: alice goes first
        assertThat(mentionedIn(run(bob, "/ask Q about collectors #java"))).containsExactly("alice");
        assertThat(run(alice, "/expert limit 1").text().toPlainString())
                .isEqualTo("You'll be mentioned at most 1 time in any 7 days.");
        run(carol, "/expert limit 1");
        Reply third = run(bob, "/ask Q about optionals #java");
        assertThat(mentionedIn(third)).isEmpty(); // both at their limit; no time to promise
        assertThat(run(bob, "/why Q3").text().toPlainString()).contains("alice: skipped (weekly limit reached)")
                .contains("carol: skipped (weekly limit reached)");
        assertThat(run(alice, "/expert limit none").isOk()).isTrue();
        assertThat(mentionedIn(run(bob, "/ask Q about sealed types #java"))).containsExactly("alice");
    }

    @Test
    @DisplayName("a tag with 50 experts: routing checks the best ranked in rounds, and chooses whom checking everyone "
            + "would")
    void manyExperts() {
        javaExperts(50, 32); // the 32 best ranked, by tag reputation far above the cool-down a mention costs

        assertThat(mentionedIn(run(bob, "/ask Question 1 #java"))).containsExactly("expert31");
        assertThat(run(bob, "/why Q1").text().toPlainString())
                .contains("expert31: chosen (score 1081, 0 open questions)")
                .contains("expert30: not chosen (score 1080, 0 open questions)")
                .contains("not chosen (19 more available experts ranked lower)")
                .contains("not chosen (20 more experts ranked lower (not checked: enough idle experts ranked above them))");
        for (int n = 2; n <= 32; n++) {
            run(bob, "/ask Question " + n + " #java");
        }
        // each of the 32 best now has an open question: the first idle one ranks 33rd, found in the second round
        assertThat(mentionedIn(run(bob, "/ask Question 33 #java"))).containsExactly("expert32");
        assertThat(run(bob, "/why Q33").text().toPlainString()).contains("expert32: chosen (score 50, 0 open questions)")
                .doesNotContain("not checked");
    }

    @Test
    @DisplayName("a tag whose best 150 experts all have open questions: the least loaded of those, the rest not read")
    void manyBusyExperts() {
        javaExperts(200, 200); // ranked by tag reputation: expert199 first, expert0 last
        run(bob, "/ask Question 1 #java");
        run(bob, "/ask Question 2 #java");
        // Q1 is open for everyone but expert10; Q2 too for the 150 best ranked but expert120
        java.time.Instant now = bot.bandura.clock().instant();
        String mention = "INSERT INTO routing_mention (question_id, member_id, mention_rank, score, mentioned_at) "
                + "SELECT q.id, m.id, 9, 0, ? FROM question q, member m WHERE q.number = ? "
                + "AND m.user_id LIKE 'expert%' AND m.user_id NOT IN ('expert10', ?) "
                + "AND CAST(SUBSTRING(m.user_id, 7) AS INT) >= ? AND NOT EXISTS (SELECT 1 FROM routing_mention r "
                + "WHERE r.question_id = q.id AND r.member_id = m.id)";
        bot.bandura.database().inTransaction(sql -> sql.update(mention, now, 1, "expert10", 0)
                + sql.update(mention, now, 2, "expert120", 50));

        // expert10 has no open question at all, but ranks 190th: only the 150 best ranked are compared
        assertThat(mentionedIn(run(bob, "/ask Question 3 #java"))).containsExactly("expert120");
        assertThat(run(bob, "/why Q3").text().toPlainString())
                .contains("expert120: chosen (score 1170, 1 open question)")
                .contains("50 more experts ranked lower (not checked: the least loaded are chosen among the 150 best "
                        + "ranked)");
    }

    /** Experts expert0 … of #java; those numbered below {@code reputed} get 1000 + their number in tag reputation. */
    private void javaExperts(int count, int reputed) {
        for (int i = 0; i < count; i++) {
            run(user("expert" + i), "/expert add java");
        }
        bot.bandura.database().inTransaction(sql -> sql.update("INSERT INTO tag_reputation (member_id, tag_id, points) "
                + "SELECT m.id, t.id, 1000 + CAST(SUBSTRING(m.user_id, 7) AS INT) FROM member m, tag t "
                + "WHERE t.name = 'java' AND m.user_id LIKE 'expert%' AND CAST(SUBSTRING(m.user_id, 7) AS INT) < ?",
                reputed));
    }

    @Test
    @DisplayName("bad availability input is refused politely and changes nothing")
    void badInput() {
        assertThat(run(alice, "/expert hours 9to5").text().toPlainString()).startsWith("'9to5' is not a time window.");
        assertThat(run(alice, "/expert hours 09:00-17:00 Mars/Olympus").text().toPlainString())
                .startsWith("'Mars/Olympus' is neither days");
        assertThat(run(alice, "/expert away until 2026-11-01").text().toPlainString())
                .startsWith("2026-11-01 has already begun");
        assertThat(run(alice, "/expert away until tomorrow").text().toPlainString())
                .startsWith("'tomorrow' is not a date like 2026-12-27.");
        assertThat(run(alice, "/expert away 0d").text().toPlainString()).startsWith("Away for 0 days?");
        assertThat(run(alice, "/expert limit lots").text().toPlainString()).startsWith("Usage: /expert limit");
        assertThat(bot.bandura.rows("expert_availability")).isZero();
    }

    @Test
    @DisplayName("learned experts: tag reputation over the threshold routes them, /expert list marks them, "
            + "/expert remove opts them out for good")
    void learnedExperts() {
        run(bob, "/ask First kotlin question #kotlin");
        run(dave, "/answer Q1 Use data classes.");
        run(carol, "/upvote A1");
        run(bob, "/accept A1"); // dave: 10 + 15 = 25 in #kotlin
        assertThat(run(carol, "/expert list kotlin").text().toPlainString())
                .isEqualTo("Experts for #kotlin: dave (25, learned)");
        assertThat(mentionedIn(run(bob, "/ask Second kotlin question #kotlin"))).containsExactly("dave");
        assertThat(run(bob, "/why Q2").text().toPlainString()).contains("dave: chosen (score 25, 0 open questions, "
                + "learned expert)");
        assertThat(run(dave, "/expert remove kotlin").text().toPlainString())
                .isEqualTo("You're no longer mentioned for #kotlin.");
        assertThat(mentionedIn(run(bob, "/ask Third kotlin question #kotlin"))).isEmpty();
        assertThat(run(carol, "/expert list kotlin").text().toPlainString()).startsWith("Nobody is an expert");
    }

    @Test
    @DisplayName("a thank-you in the thread prompts the asker privately once; accepting credits +15 and +2")
    void thankYouPrompt() {
        run(bob, "/ask How do I read a file line by line? #java");
        bot.bandura.run(bob, new Command.LinkQuestion(1, "c1", "m1", "t1"));
        bot.bandura.run(alice, new Command.ThreadMessage("t1", "m2", "Files.lines(path) in a try-with-resources."));
        bot.bandura.run(bob, new Command.ThreadMessage("t1", "m3", "> Files.lines\nhmm, which charset?"));
        assertThat(bot.delivered()).isEmpty();
        bot.bandura.run(bob, new Command.ThreadMessage("t1", "m4", "Thanks, that worked!"));
        assertThat(bot.delivered()).containsExactly("[PRIVATE bob] Did A1 by alice solve Q1? If it did, accept it "
                + "with /accept A1 (it credits them +15).");
        bot.bandura.run(bob, new Command.ThreadMessage("t1", "m5", "thank you again"));
        assertThat(bot.delivered()).isEmpty(); // never twice for the same answer

        assertThat(run(bob, "/accept A1").isOk()).isTrue();
        assertThat(bot.bandura.reputation("alice")).isEqualTo(1 + 15);
        assertThat(bot.bandura.reputation("bob")).isEqualTo(1 + 2);
    }

    @Test
    @DisplayName("an upvoted answer left unaccepted for 24 h earns the asker one private reminder, unless they opted "
            + "out or answered themselves")
    void reminder() {
        run(bob, "/ask Maven or Gradle? #build");
        run(alice, "/answer Q1 Maven for this project: it is what the team knows.");
        run(carol, "/upvote A1");
        assertThat(bot.after(Duration.ofHours(23))).isEmpty();
        assertThat(bot.after(Duration.ofHours(1))).contains("[PRIVATE bob] Did A1 by alice solve Q1? If it did, "
                + "accept it with /accept A1 (it credits them +15).");
        assertThat(bot.after(Duration.ofDays(3))).noneMatch(line -> line.startsWith("[PRIVATE bob] Did"));

        assertThat(run(dave, "/privacy reminders off").text().toPlainString())
                .isEqualTo("No more reminders to accept answers. /privacy reminders on brings them back.");
        run(dave, "/ask Tabs or spaces? #style");
        run(alice, "/answer Q2 Whatever the formatter says.");
        run(carol, "/upvote A2");
        assertThat(bot.after(Duration.ofHours(25))).noneMatch(line -> line.startsWith("[PRIVATE dave]"));

        run(bob, "/ask Why is the cache stale? #build");
        run(bob, "/answer Q3 Found it myself: clean the build cache.");
        run(carol, "/upvote A3");
        assertThat(bot.after(Duration.ofHours(25))).noneMatch(line -> line.contains("A3")); // own answers: no prompt
    }

    @Test
    @DisplayName("a thank-you that replies to an answer proposes that answer, with Accept and Not yet buttons")
    void thankYouRepliedTo() {
        run(bob, "/ask How do I read a file line by line? #java");
        bot.bandura.run(bob, new Command.LinkQuestion(1, "c1", "m1", "t1"));
        bot.bandura.run(alice, new Command.ThreadMessage("t1", "m2", "Files.lines(path) in a try-with-resources."));
        bot.bandura.run(carol, new Command.ThreadMessage("t1", "m3", "BufferedReader.readLine in a loop works too."));
        bot.bandura.run(bob, new Command.ThreadMessage("t1", "m4", "ty, that worked", "m2"));
        assertThat(bot.delivered()).containsExactly("[PRIVATE bob] Did A1 by alice solve Q1? If it did, accept it "
                + "with /accept A1 (it credits them +15).");
        assertThat(bot.actions).containsExactly(List.of(Action.accept(1), Action.notYet(1)));

        Reply notYet = bot.bandura.run(bob, Action.commandLineOf(Action.notYet(1).id()).orElseThrow());
        assertThat(notYet.text().toPlainString()).isEqualTo("Got it: Q1 stays open and I won't ask about A1 again. "
                + "When an answer solves it, accept it with /accept A<n>.");
        assertThat(run(carol, "/notyet A1").text().toPlainString())
                .isEqualTo("Only the person who asked Q1 can say whether A1 solved it.");
        run(dave, "/upvote A1");
        assertThat(bot.after(Duration.ofHours(25))).noneMatch(line -> line.contains("A1")); // no reminder after "Not yet"

        Reply accept = bot.bandura.run(bob, Action.commandLineOf(Action.accept(2).id()).orElseThrow());
        assertThat(accept.isOk()).isTrue();
        assertThat(bot.bandura.reputation("carol")).isEqualTo(1 + 15);
        assertThat(run(bob, "/notyet A9").text().toPlainString())
                .isEqualTo("There is no answer A9 here. Check the number you typed.");
    }

    @Test
    @DisplayName("the experts' mention and the first escalation step carry the I'm-on-it button")
    void claimButtons() {
        run(alice, "/expert add java");
        run(carol, "/expert add java");
        Reply ask = run(bob, "/ask Why does my pool leak connections? #java");
        assertThat(ask.event(Event.QuestionAsked.class).orElseThrow().actions()).containsExactly(Action.claim(1));
        bot.after(Duration.ofMinutes(30));
        assertThat(bot.actions).containsExactly(List.of(Action.claim(1)));

        String other = mentionedIn(ask).contains("alice") ? "carol" : "alice";
        Reply claim = bot.bandura.run(user(other), Action.commandLineOf(Action.claim(1).id()).orElseThrow());
        assertThat(claim.text().toPlainString()).startsWith(other + " is on Q1");
        assertThat(run(dave, "/ask Who wrote this? #history").event(Event.QuestionAsked.class).orElseThrow()
                .actions()).isEmpty(); // nobody mentioned: nothing to claim from a mention
    }

    @Test
    @DisplayName("the asker's edit updates the question and cancels the pending step: the ladder waits from the edit")
    void editRestartsTheWait() {
        run(alice, "/expert add java");
        run(carol, "/expert add java");
        run(bob, "/ask Why does my pool leak? #java");
        bot.bandura.run(bob, new Command.LinkQuestion(1, "c1", "m1", "t1"));
        bot.after(Duration.ofMinutes(20));
        Reply edit = bot.bandura.run(bob, new Command.EditMessage("m1",
                "Why does my Hikari pool leak connections after a failover? #java"));
        assertThat(edit.text().toPlainString()).isEqualTo("Q1 updated.");
        assertThat(bot.bandura.run(carol, new Command.EditMessage("m1", "hijacked")).isIgnored()).isTrue();

        assertThat(bot.after(Duration.ofMinutes(10))).isEmpty();  // 30 min after asking: cancelled by the edit
        assertThat(bot.after(Duration.ofMinutes(19))).isEmpty();  // 29 min after the edit
        assertThat(bot.after(Duration.ofMinutes(1))).singleElement().asString()
                .startsWith("[THREAD] Q1 still has no answer after 30 min.")
                .endsWith("Why does my Hikari pool leak connections after a failover? #java");
        assertThat(run(dave, "/unanswered").text().toPlainString())
                .contains("Q1 Why does my Hikari pool leak connections after a failover?");
    }
}
