package org.bandura.core.service;


import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.followup.EscalationSchedule;
import org.bandura.core.command.CommandCatalog;
import org.bandura.core.model.Period;
import org.bandura.core.model.Platform;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.Sql;
import org.bandura.core.persistence.TagRepository;
import org.bandura.core.persistence.TagRepository.Tag;
import org.bandura.core.reply.Reply;
import org.bandura.core.reply.RichText;
import org.bandura.core.reputation.Badges;
import org.bandura.core.search.QuestionSearch;
import org.bandura.core.search.SearchFilter;
import org.bandura.core.search.SearchResults;
import org.bandura.core.text.TagSyntax;
import org.bandura.core.text.Titles;
import org.bandura.core.text.VisibleText;

/** The read-only commands: tags, leaderboards, profiles, search, open questions, help. */
final class BrowseService {

    private static final int LIST_LIMIT = 10;
    static final String WARMING_UP = "The search index is warming up after a restart, so I can't search yet. "
            + "Please try again in a minute.";

    private final Stores stores;
    private final QuestionSearch search;
    private final EscalationSchedule.Timing escalation;
    private final BadgeAwards badgeAwards;
    private final java.time.ZoneId zone;

    BrowseService(Stores stores, QuestionSearch search, EscalationSchedule.Timing escalation, BadgeAwards badgeAwards,
                  java.time.ZoneId zone) {
        this.stores = stores;
        this.search = search;
        this.escalation = escalation;
        this.badgeAwards = badgeAwards;
        this.zone = zone;
    }

    /** How far back a streak of weeks is read: longer streaks show as this many weeks. */
    static final java.time.Duration STREAK_HORIZON = java.time.Duration.ofDays(7L * 160);

    /** This week's reputation, the streak of weeks with an accepted answer, and the nearest badge. */
    private void progress(Context context, MemberRow member, List<String> badges, RichText.Builder text)
            throws SQLException {
        java.time.Instant weekStart = org.bandura.core.reputation.Progress.weekStart(context.now(), zone);
        long thisWeek = stores.ledger().gainedSince(context.sql(), member.id(), weekStart);
        int streak = org.bandura.core.reputation.Progress.streak(stores.badges().acceptedTimes(context.sql(),
                member.id(), context.now().minus(STREAK_HORIZON)), context.now(), zone);
        text.line("This week: " + (thisWeek > 0 ? "+" : "") + thisWeek + " reputation · streak: "
                + Texts.plural(streak, "week", "weeks") + " in a row with an accepted answer");
        Optional<Badges.Next> next = Badges.next(badgeAwards.counts(context.sql(), member.id()), badges,
                badgeAwards.thresholds());
        text.line("Next badge: " + next.map(Badges.Next::text).orElse("you hold every badge there is. Wow!"));
    }

    Reply tags(Context context) throws SQLException {
        List<TagRepository.TagStats> stats = stores.tags().stats(context.sql(), context.workspaceId(), 50);
        if (stats.isEmpty()) {
            return Reply.ok("No tags yet. Tag a question like this: /ask How do I size a pool? #java");
        }
        RichText.Builder text = RichText.builder().line("Tags:");
        for (TagRepository.TagStats tag : stats) {
            text.line("  #" + tag.name() + " — " + Texts.plural(tag.questions(), "question", "questions") + ", "
                    + Texts.plural(tag.experts(), "expert", "experts"));
        }
        return Reply.ok(text.build());
    }

    /** Names only, never mentions: a leaderboard must not ping anyone. */
    Reply top(Context context, Command.Top top) throws SQLException {
        Tag tag = top.tag() == null ? null : knownTag(context, top.tag());
        String scope = (tag == null ? "" : " in #" + tag.name())
                + (top.period() == Period.ALL ? "" : " this " + top.period().label());
        List<ReputationLedger.Standing> standings;
        if (top.period() == Period.ALL) {
            standings = tag == null
                    ? stores.members().top(context.sql(), context.workspaceId(), LIST_LIMIT).stream()
                            .map(m -> new ReputationLedger.Standing(m.id(), m.displayName(), m.reputation())).toList()
                    : stores.ledger().topInTag(context.sql(), tag.id(), LIST_LIMIT);
        } else {
            Duration window = top.period().length().orElseThrow();
            standings = stores.ledger().topSince(context.sql(), context.workspaceId(), tag == null ? null : tag.id(),
                    context.now().minus(window), LIST_LIMIT);
        }
        if (standings.isEmpty()) {
            return Reply.ok("Nobody has earned reputation" + scope + " yet. Answer a question to be first!");
        }
        RichText.Builder text = RichText.builder().line("Top helpers" + scope + ":");
        int place = 1;
        for (ReputationLedger.Standing standing : standings) {
            text.line(place++ + ". " + standing.displayName() + " — " + standing.points());
        }
        return Reply.ok(text.build());
    }

    Reply profile(Context context, Command.Profile profile) throws SQLException {
        if (profile.user() == null) {
            return Reply.ok(profileText(context, context.member()).build());
        }
        Optional<MemberRow> member = stores.members().find(context.sql(), context.workspaceId(), profile.user());
        if (member.isPresent()) {
            return Reply.ok(profileText(context, member.get()).build());
        }
        if (profile.displayName() != null && !profile.displayName().isBlank()) {
            return Reply.ok(profile.displayName().strip() + " hasn't used Bandura yet, so there is no reputation "
                    + "or badge to show. Answering a question is the quickest way to start.");
        }
        throw new Refusal("I don't know anyone called '" + VisibleText.quote(profile.user())
                + "' here yet. People appear once they use Bandura.");
    }

    private RichText.Builder profileText(Context context, MemberRow member) throws SQLException {
        RichText.Builder text = RichText.builder()
                .line(member.displayName() + " — reputation " + member.reputation());
        Map<String, Long> byTag = stores.ledger().tagPoints(context.sql(), member.id());
        if (!byTag.isEmpty()) {
            text.line("By tag: " + byTag.entrySet().stream().limit(LIST_LIMIT)
                    .map(entry -> "#" + entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
        }
        text.line("Answers: " + member.answerCount() + " · accepted: " + member.acceptedCount());
        List<String> badges = stores.badges().of(context.sql(), member.id());
        text.line("Badges: " + (badges.isEmpty() ? "none yet"
                : badges.stream().map(Badges::label).collect(Collectors.joining(", "))));
        progress(context, member, badges, text);
        List<String> expertTags = stores.tags().subscriptionsOf(context.sql(), member.id());
        if (!expertTags.isEmpty()) {
            text.line("Expert in: " + Texts.hashTags(expertTags));
        }
        return text;
    }

    /** Answered questions only: /search is for finding an answer someone already gave. */
    Reply search(Context context, Command.Search command) {
        String query = command.query() == null ? "" : command.query().strip();
        if (query.isEmpty()) {
            throw new Refusal("Give me a few words to look for, for example: /search connection pool size");
        }
        SearchResults results = search.search(context.workspaceId(), query, SearchFilter.ANSWERED_ONLY, 0, LIST_LIMIT);
        if (results.warmingUp()) {
            return Reply.ok(WARMING_UP);
        }
        String quoted = VisibleText.quote(query);
        if (results.onlyCommonWords()) {
            return Reply.ok("'" + quoted + "' has only words too common to search for (like \"the\", \"how\" or "
                    + "\"is\"). Add a word that says what it is about, for example: /search connection pool size");
        }
        String respelled = results.didYouMean().map(words -> " Did you mean: /search " + words + " ?").orElse("");
        if (results.hits().isEmpty()) {
            return Reply.ok("No answered question matches '" + quoted + "' yet." + respelled
                    + " Ask it with /ask and add #tags.");
        }
        RichText.Builder text = RichText.builder().line(results.fuzzy()
                ? "Nothing matches '" + quoted + "' exactly; answered questions with similar words:" + respelled
                : "Answered questions matching '" + quoted + "':");
        for (SearchResults.SearchHit hit : results.hits()) {
            text.text("  Q" + hit.questionNumber() + " ").quoted(hit.title()).line(" — "
                    + Texts.plural(hit.answerCount(), "answer", "answers") + (hit.accepted() ? ", accepted" : ""));
            text.text("    ").highlighted(hit.snippet()).newline();
        }
        return Reply.ok(text.build());
    }

    Reply unanswered(Context context, Command.Unanswered unanswered) throws SQLException {
        Tag tag = unanswered.tag() == null ? null : knownTag(context, unanswered.tag());
        List<QuestionRow> open = stores.questions().unanswered(context.sql(), context.workspaceId(),
                tag == null ? null : List.of(tag.id()), LIST_LIMIT);
        String scope = tag == null ? "" : " in #" + tag.name();
        if (open.isEmpty()) {
            return Reply.ok("No unanswered questions" + scope + ". Nice work, everyone!");
        }
        return Reply.ok(questionList("Unanswered questions" + scope + ":", context, open).build());
    }

    Reply home(Context context) throws SQLException {
        RichText.Builder text = profileText(context, context.member());
        List<String> expertTags = stores.tags().subscriptionsOf(context.sql(), context.member().id());
        if (expertTags.isEmpty()) {
            text.line("Follow tags with /expert add <tags> to see open questions you could answer here.");
            return Reply.ok(text.build());
        }
        List<Long> tagIds = new java.util.ArrayList<>();
        for (String name : expertTags) {
            stores.tags().resolve(context.sql(), context.workspaceId(), name).ifPresent(tag -> tagIds.add(tag.id()));
        }
        List<QuestionRow> open = stores.questions().unanswered(context.sql(), context.workspaceId(), tagIds, LIST_LIMIT);
        if (open.isEmpty()) {
            text.line("No open questions in your tags right now.");
        } else {
            text.append(questionList("Open questions in your tags:", context, open).build());
        }
        return Reply.ok(text.build());
    }

    List<BanduraCore.PostChoice> postsInThread(Sql sql, long workspaceId, String threadKey, int limit)
            throws SQLException {
        Optional<QuestionRow> question = stores.questions().byThread(sql, workspaceId, threadKey);
        if (question.isEmpty()) {
            return List.of();
        }
        List<BanduraCore.PostChoice> choices = new ArrayList<>();
        choices.add(new BanduraCore.PostChoice("Q" + question.get().number(),
                "Q" + question.get().number() + ": " + question.get().title()));
        for (AnswerRow answer : stores.answers().ofQuestion(sql, question.get().id())) {
            MemberRow author = stores.members().get(sql, answer.authorId());
            choices.add(new BanduraCore.PostChoice("A" + answer.number(),
                    "A" + answer.number() + " by " + author.displayName() + ": " + Titles.of(answer.body())));
        }
        return choices.stream().limit(limit).toList();
    }

    /** Needs no storage, so it also works during an outage. */
    Reply help(Platform platform) {
        RichText.Builder text = RichText.builder().line("Bandura commands:");
        for (CommandCatalog.Entry entry : CommandCatalog.on(platform)) {
            text.line("  " + entry.usage() + " — " + entry.summary());
        }
        text.line("In chat: reply in a question's thread to answer, react 👍/👎 to vote and ✅ to accept.");
        return Reply.ok(text.build());
    }

    private RichText.Builder questionList(String heading, Context context, List<QuestionRow> questions)
            throws SQLException {
        RichText.Builder text = RichText.builder().line(heading);
        for (QuestionRow question : questions) {
            text.text("  Q" + question.number() + " ").quoted(question.title())
                    .line(tagsNotInTitle(context, question)
                            + (question.answerCount() == 0 && EscalationSchedule.isStale(question.createdAt(), escalation,
                                    context.now()) ? " (stale)" : ""));
        }
        return text;
    }

    /** A title often carries its tags already ("… #java"); each tag is shown once. */
    private String tagsNotInTitle(Context context, QuestionRow question) throws SQLException {
        List<String> inTitle = TagSyntax.extract(question.title());
        List<String> rest = stores.questions().tagNames(context.sql(), question.id()).stream()
                .filter(tag -> !inTitle.contains(tag))
                .toList();
        return rest.isEmpty() ? "" : " " + Texts.hashTags(rest);
    }

    private Tag knownTag(Context context, String raw) throws SQLException {
        String name = TagSyntax.normalize(raw)
                .orElseThrow(() -> new Refusal("'" + VisibleText.quote(raw) + "' is not a valid tag. " + TagSyntax.RULE));
        Optional<Tag> tag = stores.tags().resolve(context.sql(), context.workspaceId(), name);
        return tag.orElseThrow(() -> new Refusal("There is no tag #" + name + " here yet. /tags lists the known ones."));
    }
}
