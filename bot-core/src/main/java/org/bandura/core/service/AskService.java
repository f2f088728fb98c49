package org.bandura.core.service;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.bandura.core.Outbox;
import org.bandura.core.command.Command;
import org.bandura.core.persistence.OutboxRepository;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.MemberRow;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.TagRepository.Tag;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.QuestionPost;
import org.bandura.core.reply.Reply;
import org.bandura.core.reply.RichText;
import org.bandura.core.routing.ExpertRanker;
import org.bandura.core.search.QuestionSearch;
import org.bandura.core.search.SimilarQuestion;
import org.bandura.core.text.TagSyntax;
import org.bandura.core.text.Titles;
import org.bandura.core.text.VisibleText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates questions and routes them to the experts of their tags. */
final class AskService {

    private static final Logger log = LoggerFactory.getLogger(AskService.class);

    static final int SIMILAR_LIMIT = 3;

    private final Stores stores;
    private final CoreSettings settings;
    private final QuestionSearch search;
    private final FollowUpRouter router;
    private final FollowUpJobs followUpJobs;
    private final TagPolicy tagPolicy;
    private final OutboxRepository outbox = new OutboxRepository();

    AskService(Stores stores, CoreSettings settings, QuestionSearch search, FollowUpRouter router,
               FollowUpJobs followUpJobs) {
        this.stores = stores;
        this.settings = settings;
        this.search = search;
        this.router = router;
        this.followUpJobs = followUpJobs;
        this.tagPolicy = new TagPolicy(stores, settings.community());
    }

    Reply ask(Context context, Command.Ask ask) throws SQLException {
        String text = ask.text().strip();
        if (VisibleText.isBlank(text)) {
            throw new Refusal("Your question is empty. Type it after /ask, for example: "
                    + "/ask How do I size a connection pool? #java");
        }
        if (!VisibleText.hasWordsBesideTags(text)) {
            throw new Refusal("Your question has tags but no words. Write the question itself, for example: "
                    + "/ask How do I size a connection pool? #java");
        }
        Texts.requireWithinLimit(text, settings.maxTextLength(), "Your question");
        List<Tag> tags = tagsOf(context, text, ask.tags());
        // Looked up on the search threads while this one stores and routes the question (at a million questions
        // the two take about as long); the question is not in the index before its commit.
        CompletableFuture<List<SimilarQuestion>> similarLookup = search.similarMeanwhile(context.workspaceId(), text,
                SIMILAR_LIMIT);

        long number = stores.workspaces().nextQuestionNumber(context.sql(), context.workspaceId());
        String title = Titles.of(text);
        long questionId = stores.questions().insert(context.sql(), context.workspaceId(), number,
                context.member().id(), title, text, context.now());
        for (Tag tag : tags) {
            stores.questions().addTag(context.sql(), questionId, tag.id());
        }
        Actor postedBy = ask.postedBy();
        if (postedBy != null && !postedBy.userId().equals(context.actor().userId())) {
            MemberRow poster = stores.members().ensure(context.sql(), context.workspaceId(), postedBy.userId(),
                    postedBy.displayName(), context.now());
            stores.questions().setPostedBy(context.sql(), questionId, poster.id());
        }
        boolean throughOutbox = ask.postTo() != null;
        if (throughOutbox) {
            // hidden until its post succeeds; the post appends the search change (DatabaseOutbox)
            stores.questions().markPostPending(context.sql(), questionId, context.now());
        } else {
            stores.searchChanges().record(context.sql(), questionId, context.now());
        }

        FollowUpRouter.Routed routed = router.route(context.sql(), questionId, context.member().id(),
                tags.stream().map(Tag::id).toList(), "ASK", settings.expertsPerQuestion(), context.now());
        List<MemberView> mentioned = routed.chosen().stream().map(MemberRow::view).toList();
        followUpJobs.startLadder(context.sql(), stores.questions().byId(context.sql(), questionId), context.now());
        if (routed.queuedUntil().isPresent()) {
            followUpJobs.queueRouting(context.sql(), questionId, routed.queuedUntil().get(), context.now());
        }
        List<Event.SimilarQuestion> similar = similarOf(similarLookup).stream()
                .map(question -> new Event.SimilarQuestion(question.questionNumber(), question.title(),
                        question.answered()))
                .toList();

        List<String> tagNames = tags.stream().map(Tag::name).toList();
        RichText.Builder reply = RichText.builder().line("Q" + number + " posted: " + title);
        if (!tagNames.isEmpty()) {
            reply.line("Tags: " + Texts.hashTags(tagNames));
        }
        if (!mentioned.isEmpty()) {
            reply.text("Mentioned: ").mentions(mentioned, ", ").newline();
        } else if (routed.queuedUntil().isPresent()) {
            reply.line("The experts of " + Texts.hashTags(tagNames) + " are away or off hours right now; I'll mention "
                    + "the first one back at " + FollowUpRouter.UTC_TIME.format(routed.queuedUntil().get()) + ".");
        } else if (tagNames.isEmpty()) {
            reply.line("No tags, so no experts were mentioned. Add #tags to reach the people who know, "
                    + "for example: /ask How do I size a pool? #java");
        } else if (onlyTheAskerFollows(context, tags)) {
            reply.line("You're the only expert for " + Texts.hashTags(tagNames)
                    + ", so nobody else was mentioned. The question is listed in /unanswered for others to find.");
        } else {
            reply.line("No experts follow " + Texts.hashTags(tagNames) + " yet. Know the answer? Run /expert add "
                    + String.join(" ", tagNames) + " to be mentioned next time.");
        }
        if (!similar.isEmpty()) {
            reply.line("Similar questions:");
            for (Event.SimilarQuestion question : similar) {
                reply.text("  Q" + question.number() + " ").quoted(question.title())
                        .line(question.answered() ? " (answered)" : "");
            }
        }
        Event.QuestionAsked asked = new Event.QuestionAsked(number, title, text, tagNames, context.member().view(),
                mentioned, similar);
        if (throughOutbox) {
            outbox.enqueue(context.sql(), context.workspaceId(), questionId, Outbox.QUESTION,
                    ask.postTo().channelKey(), new QuestionPost(asked, ask.postTo().origin(), null).toJson(),
                    context.now());
        }
        return Reply.ok(reply.build(), asked);
    }

    /** Similar questions are a help beside the question, never a reason to lose it: a failed lookup shows none. */
    private static List<SimilarQuestion> similarOf(CompletableFuture<List<SimilarQuestion>> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException | CancellationException e) {
            log.warn("Similar questions could not be looked up; the question is posted without them: {}",
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            return List.of();
        }
    }

    private List<Tag> tagsOf(Context context, String text, List<String> optionTags) throws SQLException {
        List<String> names = new ArrayList<>(TagSyntax.extract(text));
        for (String raw : optionTags) {
            for (String part : raw.split("[\\s,]+")) {
                if (part.isBlank()) {
                    continue;
                }
                String name = TagSyntax.normalize(part)
                        .orElseThrow(() -> new Refusal("'" + VisibleText.quote(part) + "' is not a valid tag. " + TagSyntax.RULE));
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        Map<Long, Tag> tags = new LinkedHashMap<>();
        if (names.isEmpty()) {
            for (Tag tag : tagPolicy.infer(context, text)) {
                tags.putIfAbsent(tag.id(), tag);
            }
        } else {
            for (String name : names) {
                Tag tag = tagPolicy.obtain(context, name);
                tags.putIfAbsent(tag.id(), tag);
            }
        }
        if (tags.size() > settings.maxTagsPerQuestion()) {
            throw new Refusal("A question takes at most " + settings.maxTagsPerQuestion() + " tags; yours has "
                    + tags.size() + ". Keep the ones that matter most.");
        }
        return new ArrayList<>(tags.values());
    }

    private boolean onlyTheAskerFollows(Context context, List<Tag> tags) throws SQLException {
        List<ExpertRanker.Candidate> candidates =
                stores.tags().candidates(context.sql(), tags.stream().map(Tag::id).toList());
        return !candidates.isEmpty()
                && candidates.stream().allMatch(candidate -> candidate.memberId() == context.member().id());
    }

    Reply link(Context context, Command.LinkQuestion link) throws SQLException {
        Optional<QuestionRow> question =
                stores.questions().byNumber(context.sql(), context.workspaceId(), link.questionNumber());
        if (question.isEmpty()) {
            question = stores.questions().pendingByNumber(context.sql(), context.workspaceId(), link.questionNumber());
        }
        if (question.isEmpty()) {
            throw new Refusal("There is no question Q" + link.questionNumber() + " here.");
        }
        stores.questions().link(context.sql(), question.get().id(), link.channelKey(), link.messageKey(),
                link.threadKey());
        if (stores.questions().markPosted(context.sql(), question.get().id())) {
            stores.searchChanges().record(context.sql(), question.get().id(), context.now());
        }
        return Reply.ok("Q" + link.questionNumber() + " linked.");
    }

    /** The adapter gave up posting a question: an unposted one stays hidden for good and its asker hears why. */
    Reply postFailed(Context context, Command.QuestionPostFailed failed) throws SQLException {
        Optional<QuestionRow> question =
                stores.questions().pendingByNumber(context.sql(), context.workspaceId(), failed.questionNumber());
        if (question.isEmpty() || !stores.questions().markPostFailed(context.sql(), question.get().id())) {
            return Reply.ok("Q" + failed.questionNumber() + " is not waiting for its post; nothing changed.");
        }
        String reason = failed.reason() == null || failed.reason().isBlank()
                ? "the platform refused the post." : failed.reason();
        DatabaseOutbox.tellAskerPrivately(context.sql(), context.workspaceId(), question.get().id(), reason,
                context.now());
        return Reply.ok("Q" + failed.questionNumber() + " removed: " + reason);
    }
}
