package org.bandura.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bandura.core.testing.TestCore.moderator;
import static org.bandura.core.testing.TestCore.user;

import org.bandura.core.model.Actor;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.Backend;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 9 §2 and the /top, /profile and lone-expert wording of §5, with the production community rules. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
class TrustedTagsTest {

    private final TestCore bandura;
    private final Actor mod = moderator("mod");
    private final Actor alice = user("alice");
    private final Actor bob = user("bob");
    private final Actor carol = user("carol");

    TrustedTagsTest(Backend backend) {
        bandura = backend.open(CoreSettings.defaults().withCommunity(new CommunityRules(3, 10, 3, 20)));
    }

    @AfterEach
    void close() {
        bandura.close();
    }

    private String say(Actor actor, String line) {
        return bandura.run(actor, line).text().toPlainString();
    }

    private java.util.List<String> tagsOf(Reply ask) {
        return ask.event(Event.QuestionAsked.class).orElseThrow().tags();
    }

    @Test
    @DisplayName("a member with less than 10 reputation can't create a tag, is told why, and nothing is saved")
    void creatingTagsNeedsReputation() {
        Reply refused = bandura.run(alice, "/expert add how");

        assertThat(refused.isError()).isTrue();
        assertThat(refused.text().toPlainString()).isEqualTo("#how would be a new tag, and creating tags takes 10 "
                + "reputation (you have 1). Use a tag from /tags, or ask a moderator to create #how.");
        assertThat(bandura.rows("tag")).isZero();
        assertThat(bandura.run(bob, "/ask Why is my build slow? #gradle").isError()).isTrue();
        assertThat(bandura.rows("question")).isZero();
    }

    @Test
    @DisplayName("moderators and members with 10 reputation create tags; everyone may use existing ones")
    void creatingTagsWithRightsOrReputation() {
        assertThat(bandura.run(mod, "/expert add java").isOk()).isTrue();
        assertThat(bandura.run(alice, "/expert add java").isOk()).isTrue();
        bandura.run(bob, "/ask How do I size a pool? #java");
        bandura.run(alice, "/answer Q1 Start with cores * 2 and measure the wait time.");
        bandura.run(bob, "/upvote A1");

        assertThat(bandura.reputation("alice")).isEqualTo(11);
        assertThat(bandura.run(alice, "/expert add kotlin").isOk()).isTrue();
        assertThat(bandura.rows("tag")).isEqualTo(2);
    }

    @Test
    @DisplayName("inference uses only established tags: moderator-made or used by 3 questions, never stop words")
    void inferenceUsesEstablishedTagsOnly() {
        createTags("how", "gradle");
        bandura.run(mod, "/alias j java");
        // GIVEN #java exists but only one question uses it, and nobody moderated it into being
        giveReputation(alice);
        bandura.run(alice, "/ask Which collection? #kotlin");

        Reply untagged = bandura.run(bob, "/ask How do I speed up gradle with kotlin?");
        assertThat(tagsOf(untagged)).containsExactly("gradle");

        bandura.run(carol, "/ask Kotlin coroutines or threads? #kotlin");
        bandura.run(carol, "/ask Kotlin null safety? #kotlin");
        Reply established = bandura.run(bob, "/ask How does kotlin compile?");
        assertThat(tagsOf(established)).containsExactly("kotlin");
    }

    @Test
    @DisplayName("one-letter tags are never inferred from a word")
    void oneLetterTagsAreNotInferred() {
        createTags("c");
        assertThat(tagsOf(bandura.run(bob, "/ask What does c mean in this formula?"))).isEmpty();
        assertThat(tagsOf(bandura.run(bob, "/ask Pointer arithmetic? #c"))).containsExactly("c");
    }

    @Test
    @DisplayName("/expert add accepts at most experts.max-tags tags per member and changes nothing when refused")
    void expertTagLimit() {
        createTags("java", "sql", "kotlin", "rust");
        assertThat(bandura.run(alice, "/expert add java sql").isOk()).isTrue();

        Reply refused = bandura.run(alice, "/expert add kotlin rust");

        assertThat(refused.text().toPlainString()).isEqualTo("You can follow at most 3 tags; you follow 2 and asked "
                + "for 2 more. Drop some with /expert remove <tags> first, or pick the ones you know best.");
        assertThat(say(alice, "/expert list")).contains("Your expert tags: #java #sql\n");
        assertThat(bandura.run(alice, "/expert add java kotlin").isOk()).isTrue();
    }

    @Test
    @DisplayName("moderators remove a tag: it leaves questions, experts and tag reputation; the questions stay")
    void removeTag() {
        createTags("how", "java");
        bandura.run(alice, "/expert add how");
        bandura.run(bob, "/ask How does this work? #how #java");

        assertThat(bandura.run(alice, "/tag remove how").text().toPlainString())
                .isEqualTo("Only moderators can remove tags. Ask one if a tag looks wrong.");
        assertThat(say(mod, "/tag remove how")).isEqualTo("#how is gone: it was taken off 1 question and its experts "
                + "no longer follow it. The questions themselves stay.");

        assertThat(say(alice, "/expert list")).startsWith("You are not an expert for any tag yet.");
        assertThat(say(bob, "/unanswered")).contains("Q1 How does this work? #how #java");
        assertThat(say(bob, "/tags")).doesNotContain("#how");
        assertThat(bandura.run(bob, "/tag remove how").isError()).isTrue();
    }

    @Test
    @DisplayName("merging moves questions, experts, tag reputation and aliases, and the old name becomes an alias")
    void mergeTags() {
        createTags("js", "javascript");
        bandura.run(mod, "/alias ecmascript js");
        bandura.run(alice, "/expert add js");
        bandura.run(bob, "/ask Why is this undefined? #js");
        bandura.run(alice, "/answer Q1 Because the variable is hoisted but not yet assigned.");
        bandura.run(bob, "/accept A1");
        bandura.run(carol, "/upvote A1");
        // A question carrying both tags counts once in the merged tag.
        bandura.run(bob, "/ask Which bundler? #js #javascript");
        bandura.run(alice, "/answer Q2 Use esbuild for speed and keep the config tiny.");
        bandura.run(carol, "/upvote A2");

        assertThat(say(mod, "/tag merge js javascript")).isEqualTo("#js is merged into #javascript: 2 questions, its "
                + "experts and their tag reputation moved over, and #js now means #javascript.");

        assertThat(say(alice, "/profile")).contains("By tag: #javascript 35").doesNotContain("#js ");
        boolean agree = bandura.database().inTransaction(sql -> {
            long workspace = sql.count("SELECT id FROM workspace");
            var ledger = new org.bandura.core.persistence.ReputationLedger();
            return ledger.storedTagTotals(sql, workspace).equals(ledger.tagTotalsFromLedger(sql, workspace));
        });
        assertThat(agree).as("per-tag totals agree with the ledger").isTrue();
        assertThat(say(alice, "/expert list")).contains("Your expert tags: #javascript");
        assertThat(say(bob, "/top javascript")).contains("1. alice — 35");
        Reply viaOldName = bandura.run(carol, "/ask Promise or callback? #js");
        assertThat(tagsOf(viaOldName)).containsExactly("javascript");
        assertThat(tagsOf(bandura.run(carol, "/ask Is ecmascript strict? #ecmascript"))).containsExactly("javascript");
        assertThat(viaOldName.event(Event.QuestionAsked.class).orElseThrow().mentioned())
                .extracting(MemberView::userId).containsExactly("alice");
        assertThat(bandura.run(mod, "/tag merge javascript js").text().toPlainString())
                .isEqualTo("#javascript and #javascript are already the same tag, so there is nothing to merge.");
    }

    @Test
    @DisplayName("/unanswered shows each tag once, even when the title carries it")
    void unansweredShowsEachTagOnce() {
        createTags("java", "sql");
        bandura.run(bob, "/ask How do I size a pool? #java\nIt talks to #sql too.");

        assertThat(say(bob, "/unanswered")).contains("Q1 How do I size a pool? #java #sql")
                .doesNotContain("#java #java");
    }

    @Test
    @DisplayName("/top lists only people who gained reputation: never someone still at the starting 1")
    void topListsOnlyGains() {
        createTags("java");
        bandura.run(bob, "/ask How do I size a pool? #java");
        bandura.run(alice, "/answer Q1 Start with cores * 2 and measure the wait time.");
        bandura.run(carol, "/upvote A1");

        String top = say(carol, "/top");
        assertThat(top).isEqualTo("Top helpers:\n1. alice — 11");
        assertThat(say(carol, "/top week")).doesNotContain("carol").doesNotContain("bob");
    }

    @Test
    @DisplayName("/profile of someone who never used the bot names them by the platform's display name")
    void profileOfNewcomerUsesDisplayName() {
        Reply reply = bandura.run(alice, new org.bandura.core.command.Command.Profile("157612345678", "Dana Scully"));

        assertThat(reply.isOk()).isTrue();
        assertThat(reply.text().toPlainString()).isEqualTo("Dana Scully hasn't used Bandura yet, so there is no "
                + "reputation or badge to show. Answering a question is the quickest way to start.");
        assertThat(bandura.run(alice, "/profile 157612345678").text().toPlainString())
                .startsWith("I don't know anyone called '157612345678'");
    }

    @Test
    @DisplayName("when the asker is the only expert of the tag, the reply says so instead of 'nobody follows'")
    void onlyExpertIsTheAsker() {
        createTags("java");
        bandura.run(alice, "/expert add java");

        String reply = say(alice, "/ask How do I size a pool? #java");

        assertThat(reply).contains("You're the only expert for #java, so nobody else was mentioned.")
                .doesNotContain("No experts follow");
    }

    /** A moderator makes the tags (established at once) without following them. */
    private void createTags(String... names) {
        for (String name : names) {
            bandura.run(mod, "/expert add " + name);
            bandura.run(mod, "/expert remove " + name);
        }
    }

    /** Answer a question and get an upvote: 1 + 10 = 11 reputation, enough to create tags. */
    private void giveReputation(Actor member) {
        bandura.run(mod, "/ask Warm-up question? #gradle");
        long question = bandura.rows("question");
        bandura.run(member, "/answer Q" + question + " Here is a warm-up answer of some length.");
        bandura.run(mod, "/upvote A" + bandura.rows("answer"));
    }
}
