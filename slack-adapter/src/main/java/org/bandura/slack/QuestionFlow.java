package org.bandura.slack;

import java.util.List;
import java.util.stream.Collectors;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.Reply;

/**
 * Renders core replies in Slack, through the outbox: the question message and its thread, private answers, the
 * accept notice and the solved status.
 */
final class QuestionFlow {

    private static final int SIMILAR_SHOWN = 3;

    private final SlackOutbox outbox;
    private final SlackViews views;

    QuestionFlow(SlackOutbox outbox, SlackViews views) {
        this.outbox = outbox;
        this.views = views;
    }

    /**
     * Shows the core's answer to an {@code /ask} that is already committed. The question and its post intent were
     * committed together ({@link Command.Ask#postTo()}): this delivers the outbox now, which posts the question,
     * links it, then mentions the routed experts in its thread and tells the asker the id and similar questions.
     * A refusal is told to the asker privately.
     */
    void publish(Actor actor, Origin origin, Reply reply) {
        if (reply.event(Event.QuestionAsked.class).isEmpty()) {
            deliver(origin, reply);
            return;
        }
        outbox.deliverSoon();
    }

    /** The {@code /ask} as the core should run it: posted in the asker's channel through the outbox. */
    static Command.Ask throughOutbox(Command.Ask ask, Origin origin) {
        return origin.channel() == null ? ask
                : ask.postedTo(new Command.PostTo(origin.channel(), SlackOutbox.originJson(origin)));
    }

    /** Shows a reply to whoever should see it and acts on its event. */
    void deliver(Origin origin, Reply reply) {
        if (!reply.isIgnored() && !reply.text().spans().isEmpty()) {
            String text = SlackText.render(reply.text());
            if (reply.visibility() == Reply.Visibility.CHANNEL) {
                outbox.tellChannel(origin, text);
            } else {
                outbox.tellCaller(origin, text);
            }
        }
        reply.event().ifPresent(event -> onEvent(origin, event));
    }

    /** Reactions: votes stay silent, only errors (like an accept by someone else) are shown. */
    void deliverQuietly(Origin origin, Reply reply) {
        if (reply.isError()) {
            outbox.tellCaller(origin, SlackText.render(reply.text()));
        }
        reply.event().ifPresent(event -> onEvent(origin, event));
    }

    /** Acts on a reply's event: an accept is confirmed in the thread and the question marked solved. */
    void onEvent(Origin origin, Event event) {
        if (event instanceof Event.AnswerAccepted accepted) {
            SlackKeys.parse(accepted.links().messageKey()).ifPresent(question -> {
                removeNotice(origin, accepted.previousNoticeKey());
                String thread = SlackKeys.parse(accepted.links().threadKey()).map(SlackKeys::ts).orElse(question.ts());
                // The answerer earns +15 now: mention exactly them, unless they chose silence.
                String author = accepted.notifyAuthor() ? SlackText.mention(accepted.author().userId())
                        : SlackText.escape(accepted.author().displayName());
                outbox.postAcceptNotice(origin, question.channel(), thread, ":white_check_mark: A"
                        + accepted.answerNumber() + " by " + author + " is the accepted answer to Q"
                        + accepted.questionNumber() + " (accepted by "
                        + SlackText.escape(accepted.acceptedBy().displayName()) + ").", accepted.questionNumber());
                outbox.updateStatus(origin.teamId(), question.channel(), question.ts(), views.solvedStatus(accepted),
                        "Q" + accepted.questionNumber() + " (solved): " + SlackText.escape(accepted.questionTitle()));
            });
        } else if (event instanceof Event.AnswerUnaccepted unaccepted) {
            removeNotice(origin, unaccepted.noticeKey());
            SlackKeys.parse(unaccepted.links().messageKey()).ifPresent(question -> outbox.updateStatus(
                    origin.teamId(), question.channel(), question.ts(), views.openStatus(),
                    "Q" + unaccepted.questionNumber() + ": " + SlackText.escape(unaccepted.questionTitle())));
        }
    }

    private void removeNotice(Origin origin, String noticeKey) {
        SlackKeys.parse(noticeKey).ifPresent(notice -> outbox.delete(origin.teamId(), notice.channel(), notice.ts()));
    }

    /** The thread reply: the only place the bot pings anyone, and only the experts the core routed to. */
    /** ":white_check_mark:, :heavy_check_mark: or :ballot_box_with_check:", which Slack shows as the emoji. */
    static String emojiList(List<String> names) {
        List<String> shown = names.stream().map(name -> ":" + name + ":").toList();
        return shown.size() == 1 ? shown.get(0)
                : String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
    }

    static String expertsText(Event.QuestionAsked question) {
        if (question.mentioned().isEmpty()) {
            return "No expert follows these tags yet. Anyone can answer here, in this thread.";
        }
        String experts = question.mentioned().stream().map(MemberView::userId).map(SlackText::mention)
                .collect(Collectors.joining(" "));
        return experts + " this question is in your tags. Reply in this thread to answer.";
    }

    static String askerText(Event.QuestionAsked question, List<String> acceptEmoji) {
        StringBuilder text = new StringBuilder("Your question is *Q").append(question.number())
                .append("*. Answers come in its thread; react with ").append(emojiList(acceptEmoji))
                .append(" on the one that solves it.");
        if (!question.similar().isEmpty()) {
            text.append("\nSimilar questions:");
            question.similar().stream().limit(SIMILAR_SHOWN).forEach(similar -> text.append("\n• Q")
                    .append(similar.number()).append(' ').append(SlackText.escape(similar.title()))
                    .append(similar.answered() ? " (answered)" : ""));
        }
        return text.toString();
    }
}
