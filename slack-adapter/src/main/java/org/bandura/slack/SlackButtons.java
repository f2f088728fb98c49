package org.bandura.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.Message;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bandura's buttons ("I'm on it", "Accept", "Not yet"): a {@code block_actions} press runs the button's command line
 * through the core as the member who pressed it, exactly as if they had typed it, so the core decides who may. The
 * command runs before the ack, so the press is committed when Slack hears back; what the reply says is posted
 * afterwards on Bolt's executor.
 *
 * <p>Replies are shown like the same slash command's: a refusal or other private reply only to the presser
 * (through the press's response URL), a claim visibly in the question's thread, an accept confirmed in the thread
 * with the question marked solved ({@link QuestionFlow#onEvent}). A private accept prompt, once answered, is
 * replaced by its outcome, so its buttons can't be pressed twice.
 */
final class SlackButtons {

    private static final Logger LOG = LoggerFactory.getLogger(SlackButtons.class);
    private static final Pattern BANDURA_BUTTON = Pattern.compile("^" + Pattern.quote(Action.ID_PREFIX) + ".+");

    private final BanduraCore core;
    private final SlackOutbox outbox;
    private final QuestionFlow questions;
    private final BiFunction<Origin, String, Actor> actors;
    private final ExecutorService executor;

    SlackButtons(BanduraCore core, SlackOutbox outbox, QuestionFlow questions,
                 BiFunction<Origin, String, Actor> actors, ExecutorService executor) {
        this.core = core;
        this.outbox = outbox;
        this.questions = questions;
        this.actors = actors;
        this.executor = executor;
    }

    void register(App app) {
        app.blockAction(BANDURA_BUTTON, this::onPress);
    }

    /** What one press is about: who pressed which command where, and the message the button sits on. */
    private record Press(Origin origin, String commandLine, String promptText, String triggerId) {
    }

    private Response onPress(BlockActionRequest request, ActionContext ctx) {
        Optional<Press> press = press(request.getPayload());
        if (press.isEmpty()) {
            return ctx.ack();
        }
        Press pressed = press.get();
        Reply reply;
        Optional<Command> command = Optional.empty();
        try {
            CommandLineParser.Result parsed = CommandLineParser.parseLine(pressed.commandLine());
            if (parsed instanceof CommandLineParser.Invalid invalid) {
                reply = Reply.error(invalid.message());
            } else if (((CommandLineParser.Parsed) parsed).command() instanceof Command.Ask) {
                // A question needs its channel message and thread: only /ask and the shortcuts post one.
                reply = Reply.error("Ask with /ask in a channel, please.");
            } else {
                command = Optional.of(((CommandLineParser.Parsed) parsed).command());
                Actor actor = actors.apply(pressed.origin(), request.getPayload().getUser().getName());
                reply = pressed.triggerId() == null ? core.handle(actor, command.get())
                        : core.handle(actor, command.get(), "button:" + pressed.triggerId());
            }
        } catch (RuntimeException e) {
            LOG.error("Button {} pressed by {} failed", pressed.commandLine(), pressed.origin().userId(), e);
            reply = Reply.error(SlackListeners.SORRY);
        }
        Reply result = reply;
        Optional<Command> ran = command;
        executor.execute(() -> {
            try {
                show(pressed, ran, result);
            } catch (RuntimeException e) {
                LOG.error("Answering the button {} pressed by {} failed", pressed.commandLine(),
                        pressed.origin().userId(), e);
            }
        });
        return ctx.ack();
    }

    private static Optional<Press> press(BlockActionPayload p) {
        if (p.getActions() == null || p.getUser() == null || p.getUser().getId() == null) {
            return Optional.empty();
        }
        Optional<String> commandLine = p.getActions().stream()
                .map(action -> Action.commandLineOf(action.getActionId()))
                .flatMap(Optional::stream).findFirst();
        String teamId = p.getTeam() != null && p.getTeam().getId() != null ? p.getTeam().getId()
                : p.getUser().getTeamId();
        if (commandLine.isEmpty() || teamId == null) {
            return Optional.empty();
        }
        BlockActionPayload.Container container = p.getContainer();
        Message message = p.getMessage();
        String channel = p.getChannel() != null ? p.getChannel().getId()
                : container == null ? null : container.getChannelId();
        String threadTs = message == null ? null
                : message.getThreadTs() != null ? message.getThreadTs() : message.getTs();
        if (threadTs == null && container != null) {
            threadTs = container.getThreadTs() != null ? container.getThreadTs() : container.getMessageTs();
        }
        Origin origin = new Origin(teamId, p.getTeam() == null ? null : p.getTeam().getDomain(), channel, threadTs,
                p.getUser().getId(), p.getResponseUrl());
        return Optional.of(new Press(origin, commandLine.get(), message == null ? null : message.getText(),
                p.getTriggerId()));
    }

    private void show(Press press, Optional<Command> command, Reply reply) {
        if (reply.isIgnored()) {
            return;
        }
        String text = SlackText.render(reply.text());
        boolean promptAnswered = reply.isOk() && command.isPresent()
                && (command.get() instanceof Command.Accept || command.get() instanceof Command.NotYet);
        if (reply.isError()) {
            tellPresser(press, text);
        } else if (promptAnswered && press.origin().responseUrl() != null) {
            String outcome = reply.event(Event.AnswerAccepted.class)
                    .map(accepted -> ":white_check_mark: *Accepted A" + accepted.answerNumber() + ".*")
                    .orElse(command.get() instanceof Command.NotYet ? "*OK, not yet.* " + text : text);
            String prompt = press.promptText() == null || press.promptText().isBlank() ? "" : press.promptText();
            String replaced = prompt.isEmpty() ? outcome : prompt + "\n" + outcome;
            outbox.replacePressed(press.origin().teamId(), press.origin().responseUrl(), replaced, SlackViews.answered(prompt, outcome));
        } else if (!text.isEmpty()) {
            if (reply.visibility() == Reply.Visibility.CHANNEL && press.origin().channel() != null) {
                // Visibly in the thread of the pressed message, as the claim of a typed /claim is shown.
                outbox.post(press.origin().teamId(), press.origin().channel(), press.origin().threadTs(), text,
                        null);
            } else {
                tellPresser(press, text);
            }
        }
        reply.event().ifPresent(event -> questions.onEvent(press.origin(), event));
    }

    private void tellPresser(Press press, String text) {
        if (press.origin().responseUrl() != null) {
            outbox.tellPresser(press.origin().teamId(), press.origin().responseUrl(), text);
        } else {
            outbox.tellCaller(press.origin(), text);
        }
    }
}
