package org.bandura.core.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.PostRef;
import org.bandura.core.model.Reaction;
import org.bandura.core.model.VoteDirection;
import org.bandura.core.persistence.AnswerRow;
import org.bandura.core.persistence.CommentRepository;
import org.bandura.core.persistence.MemberRepository;
import org.bandura.core.persistence.QuestionRow;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.persistence.Sql;
import org.bandura.core.persistence.VoteRepository;
import org.bandura.core.reply.Reply;
import org.bandura.core.reputation.ReputationRules;

/** Votes on questions and answers, typed or as reactions. */
final class VoteService {

    /**
     * A post resolved from an id or a chat message; when read with the member ({@link #openKnown}), also the member's
     * vote on it ({@code ownVoteRead}, {@code ownVote} null when there is none).
     */
    record Post(PostRef ref, long id, long authorId, long questionId, int score, boolean ownVoteRead,
                VoteRepository.VoteRow ownVote) {

        Post(PostRef ref, long id, long authorId, long questionId, int score) {
            this(ref, id, authorId, questionId, score, false, null);
        }
    }

    private final Stores stores;
    private final ReputationService reputation;
    private final AcceptService accepts;
    private final AnswerRecorder answers;

    VoteService(Stores stores, ReputationService reputation, AcceptService accepts, AnswerRecorder answers) {
        this.stores = stores;
        this.reputation = reputation;
        this.accepts = accepts;
        this.answers = answers;
    }

    Reply vote(Context context, Command.Vote vote) throws SQLException {
        return vote(context, votedPost(context, vote.post()), vote.direction());
    }

    Reply unvote(Context context, Command.Unvote unvote) throws SQLException {
        Post post = votedPost(context, unvote.post());
        Optional<VoteRepository.VoteRow> existing = post.ownVoteRead() ? Optional.ofNullable(post.ownVote())
                : stores.votes().find(context.sql(), context.member().id(), post.ref().kind(), post.id());
        if (existing.isEmpty() || !retract(context, post, existing.get())) {
            throw new Refusal("You have no vote on " + post.ref() + " to take back.");
        }
        return Reply.ok("Your vote on " + post.ref() + " is gone.");
    }

    /** Reactions: 👍/👎 vote and un-vote, ✅ accepts. Reactions on other messages are ignored. */
    Reply react(Context context, Command.React react) throws SQLException {
        Optional<Post> found = byMessage(context, react.messageKey());
        if (found.isEmpty()) {
            return react.added() ? endorseComment(context, react) : Reply.ignored();
        }
        Post post = found.get();
        if (react.reaction() == Reaction.ACCEPT) {
            if (post.ref().isQuestion()) {
                if (react.added() && post.authorId() == context.member().id()) {
                    throw new Refusal("That check mark is on your question " + post.ref() + " itself. To accept an "
                            + "answer, put it on the answer's message in the thread (or use Accept answer on it).");
                }
                return Reply.ignored();
            }
            return react.added()
                    ? accepts.acceptByReaction(context, post.ref().number())
                    : accepts.unacceptByReaction(context, post.ref().number());
        }
        VoteDirection direction = react.reaction() == Reaction.UPVOTE ? VoteDirection.UP : VoteDirection.DOWN;
        if (react.added()) {
            return vote(context, post, direction);
        }
        Optional<VoteRepository.VoteRow> existing =
                stores.votes().find(context.sql(), context.member().id(), post.ref().kind(), post.id());
        if (existing.isEmpty() || existing.get().direction() != direction.value()
                || !retract(context, post, existing.get())) {
            return Reply.ignored(); // removing a reaction that never counted (or was just taken back)
        }
        return Reply.ok("Your vote on " + post.ref() + " is gone.");
    }

    /** 👍 or ✅ on a comment makes it an answer, then counts as the vote or accept it is. */
    private Reply endorseComment(Context context, Command.React react) throws SQLException {
        if (react.reaction() == Reaction.ACCEPT) {
            Optional<AnswerRow> promoted = accepts.promoteToAccept(context, react.messageKey());
            return promoted.isEmpty() ? Reply.ignored() : accepts.acceptByReaction(context, promoted.get().number());
        }
        Optional<CommentRepository.CommentRow> comment = answers.comment(context, react.messageKey());
        if (comment.isEmpty() || react.reaction() != Reaction.UPVOTE) {
            return Reply.ignored();
        }
        if (comment.get().authorId() == context.member().id()) {
            throw new Refusal("You can't vote on your own reply.");
        }
        AnswerRecorder.Promotion promotion = answers.promote(context, comment.get());
        AnswerRow answer = promotion.answer();
        vote(context, new Post(PostRef.answer(answer.number()), answer.id(), answer.authorId(), answer.questionId(),
                answer.score()), VoteDirection.UP);
        return Reply.ok("Upvoted A" + answer.number() + ": your upvote made this reply an answer to Q"
                + promotion.posted().questionNumber() + ".", promotion.posted());
    }

    private Reply vote(Context context, Post post, VoteDirection direction) throws SQLException {
        if (post.ref().isQuestion() && direction == VoteDirection.DOWN) {
            throw new Refusal("Questions can only be upvoted. If " + post.ref()
                    + " needs work, say so in its thread or ask a moderator.");
        }
        if (post.authorId() == context.member().id()) {
            throw new Refusal("You can't vote on your own " + (post.ref().isQuestion() ? "question" : "answer")
                    + " (" + post.ref() + ").");
        }
        if (post.ownVote() != null) {
            throw alreadyVoted(post, post.ownVote().direction() > 0);
        }
        // One batch: the vote, the post's score (its row locked first, as /accept does), the vote's id, and the lock
        // and standing of each member whose gain is capped. Then the ledger, with the commit when no badge is due.
        List<ReputationRules.Change> changes = ReputationRules.forVote(post.ref().kind(), direction);
        long voterId = context.member().id();
        Sql.Writes writes = context.sql().writes();
        Sql.Answer<Integer> inserted = stores.votes().insertIfAbsent(writes, context.workspaceId(), voterId,
                post.ref().kind(), post.id(), direction.value(), context.now());
        addScore(writes, post, direction.value());
        Sql.Answer<Optional<VoteRepository.VoteRow>> vote = stores.votes().find(writes, voterId, post.ref().kind(),
                post.id());
        List<ReputationService.Step> steps = reputation.lockForVote(context, changes,
                new ReputationService.Parties(post.authorId(), voterId), post.questionId(),
                !post.ref().isQuestion() && direction == VoteDirection.UP && post.score() + direction.value() == 1,
                writes);
        writes.send();
        if (inserted.get() == 0) { // another command of the voter's cast it first: the score above is rolled back
            throw alreadyVoted(post, vote.get().map(existing -> existing.direction() > 0)
                    .orElse(direction == VoteDirection.UP));
        }
        VoteRepository.VoteRow cast = vote.get().orElseThrow(() -> new SQLException("the vote just cast is gone"));
        List<ReputationService.BadgeCheck> badgeChecks = reputation.record(context, steps,
                ReputationLedger.CAUSE_VOTE, cast.id(), post.questionId(), writes);
        if (badgeChecks.isEmpty()) {
            writes.sendAndCommit(); // nothing runs after this on the command's transaction
        } else {
            writes.send();
            for (ReputationService.BadgeCheck check : badgeChecks) {
                check.run();
            }
        }
        return Reply.ok((direction == VoteDirection.UP ? "Upvoted " : "Downvoted ") + post.ref() + ".");
    }

    private static Refusal alreadyVoted(Post post, boolean up) {
        return new Refusal("You already " + (up ? "upvoted" : "downvoted") + " " + post.ref()
                + ". Each person gets one vote per post; use /unvote " + post.ref() + " to take it back.");
    }

    /**
     * Takes the vote back and commits, in two round trips: the vote's deletion with the ledger read of what it
     * added (after the deletion's lock, so a concurrent retraction is seen), then the post's score, the ledger's
     * reversal and the commit. Locks in the order a vote takes them: the vote, the post, the members.
     *
     * @return false, with nothing written, when the vote was already gone (another command took it back first)
     */
    private boolean retract(Context context, Post post, VoteRepository.VoteRow vote) throws SQLException {
        Sql.Writes writes = context.sql().writes();
        Sql.Answer<Integer> deleted = stores.votes().delete(writes, vote.id());
        Sql.Answer<List<ReputationLedger.Open>> open = stores.ledger().openByCause(writes, ReputationLedger.CAUSE_VOTE,
                vote.id());
        writes.send();
        if (deleted.get() == 0) {
            return false;
        }
        addScore(writes, post, -vote.direction());
        reputation.reverse(context, open.get(), ReputationLedger.CAUSE_VOTE, vote.id(), post.questionId(),
                "vote retracted", writes);
        writes.sendAndCommit();
        return true;
    }

    private void addScore(Sql.Writes writes, Post post, int delta) {
        if (post.ref().isQuestion()) {
            stores.questions().addScore(writes, post.id(), delta);
        } else {
            stores.answers().addScore(writes, post.id(), delta);
        }
    }

    /**
     * The command's context for a vote on {@code ref} by a known member: the member and the post in one round trip
     * (the post in {@link Context#votedPost()}, null when there is no such post). Empty for an unknown or renamed
     * member: the usual open then runs.
     */
    Optional<Context> openKnown(Sql sql, long workspaceId, Actor actor, PostRef ref, Instant now) throws SQLException {
        Optional<MemberRepository.KnownWith<Post>> known = ref.isQuestion()
                ? stores.members().knownWith(sql, workspaceId, actor.userId(), actor.displayName(),
                        "question p ON p.workspace_id = m.workspace_id AND p.number = ? AND p.deleted_at IS NULL"
                                + ownVoteJoin(ref),
                        "p.id AS post_id, p.asker_id AS post_author, p.id AS post_question, p.score AS post_score, "
                                + OWN_VOTE_COLUMNS,
                        row -> post(ref, row), ref.number())
                : stores.members().knownWith(sql, workspaceId, actor.userId(), actor.displayName(),
                        "answer p ON p.workspace_id = m.workspace_id AND p.number = ?" + ownVoteJoin(ref),
                        "p.id AS post_id, p.author_id AS post_author, p.question_id AS post_question, "
                                + "p.score AS post_score, " + OWN_VOTE_COLUMNS,
                        row -> post(ref, row), ref.number());
        return known.map(found -> new Context(sql, workspaceId, actor, found.member(), now,
                found.side().orElse(null)));
    }

    /** The member's vote on the post, joined to the read of both (the kind is the enum's letter, not user input). */
    private static String ownVoteJoin(PostRef ref) {
        return " LEFT JOIN vote v ON v.voter_id = m.id AND v.post_type = '" + ref.kind().prefix()
                + "' AND v.post_id = p.id";
    }

    private static final String OWN_VOTE_COLUMNS = "v.id AS vote_id, v.direction AS vote_direction";

    private static Post post(PostRef ref, ResultSet row) throws SQLException {
        long id = row.getLong("post_id");
        if (row.wasNull()) {
            return null;
        }
        long voteId = row.getLong("vote_id");
        VoteRepository.VoteRow ownVote = row.wasNull() ? null
                : new VoteRepository.VoteRow(voteId, row.getLong("id"), row.getInt("vote_direction"));
        return new Post(ref, id, row.getLong("post_author"), row.getLong("post_question"), row.getInt("post_score"),
                true, ownVote);
    }

    /** The post the command names: read with the member already, or now (which refuses an unknown one). */
    private Post votedPost(Context context, PostRef ref) throws SQLException {
        Post read = context.votedPost();
        return read != null && read.ref().equals(ref) ? read : resolve(context, ref);
    }

    Post resolve(Context context, PostRef ref) throws SQLException {
        if (ref.isQuestion()) {
            QuestionRow question = stores.questions().byNumber(context.sql(), context.workspaceId(), ref.number())
                    .orElseThrow(() -> new Refusal("There is no question " + ref + " here. Check the number; "
                            + "/unanswered and /search list questions."));
            return new Post(ref, question.id(), question.askerId(), question.id(), question.score());
        }
        AnswerRow answer = stores.answers().byNumber(context.sql(), context.workspaceId(), ref.number())
                .orElseThrow(() -> new Refusal("There is no answer " + ref + " here. Check the number you typed."));
        return new Post(ref, answer.id(), answer.authorId(), answer.questionId(), answer.score());
    }

    Optional<Post> byMessage(Context context, String messageKey) throws SQLException {
        Optional<AnswerRow> answer = stores.answers().byMessage(context.sql(), context.workspaceId(), messageKey);
        if (answer.isPresent()) {
            return Optional.of(new Post(PostRef.answer(answer.get().number()), answer.get().id(),
                    answer.get().authorId(), answer.get().questionId(), answer.get().score()));
        }
        return stores.questions().byMessage(context.sql(), context.workspaceId(), messageKey)
                .map(question -> new Post(PostRef.question(question.number()), question.id(), question.askerId(),
                        question.id(), question.score()));
    }
}
