package org.bandura.slack;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.model.event.ReactionRemovedEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.model.Actor;
import org.bandura.core.model.PostRef;
import org.bandura.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt listeners. Acknowledged means durable: each listener reads the payload and runs the core command (which
 * commits, or refuses and changes nothing) <em>before</em> it returns the ack; what shows the result (posting the
 * question, the private reply, the solved status) goes through the outbox after the ack ({@link SlackOutbox}), and a
 * question's post is committed with the question itself ({@link QuestionFlow#throughOutbox}). A crash
 * between the commit and the ack makes Slack deliver again, and the event key makes that delivery a no-op. Requests
 * that change nothing (App Home, opening a modal) keep their work after the ack. While the process stops, events
 * the core refused are not acked at all (Slack delivers them again); commands and buttons get the polite refusal.
 */
final class SlackListeners {

    private static final Logger LOG = LoggerFactory.getLogger(SlackListeners.class);

    static final String SORRY = "Sorry, something went wrong on my side. Please try again in a minute.";

    private final BanduraCore core;
    private final SlackOutbox outbox;
    private final Members members;
    private final SlackViews views;
    private final EventMapping mapping;
    private final QuestionFlow questions;
    private final ExecutorService executor;

    SlackListeners(BanduraCore core, SlackSettings settings, SlackOutbox outbox, Members members,
                   ExecutorService executor) {
        this.core = core;
        this.outbox = outbox;
        this.members = members;
        this.views = new SlackViews(settings);
        this.mapping = new EventMapping(settings);
        this.questions = new QuestionFlow(outbox, views);
        outbox.use(views);
        this.executor = executor;
    }

    /** Every listener in one place: slash commands, chat messages, reactions, App Home, shortcuts and modals. */
    void register(App app) {
        for (String name : SlackCommands.SLASH_COMMANDS) {
            app.command("/" + name, this::onCommand);
        }
        registerMessages(app);
        registerReactions(app);
        registerHome(app);
        registerShortcuts(app);
        registerModals(app);
        new SlackButtons(core, outbox, questions, this::actor, executor).register(app);
    }

    /** Thread replies become answers; edits and deletions follow them. */
    private void registerMessages(App app) {
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            return onChatMessage(ctx, payload.getEventId(), e.getChannel(), e.getUser(),
                    mapping.message(e.getChannel(), e.getTs(), e.getThreadTs(), e.getText(), e.getBotId()),
                    e.getThreadTs());
        });
        app.event(MessageThreadBroadcastEvent.class, (payload, ctx) -> {
            MessageThreadBroadcastEvent e = payload.getEvent();
            return onChatMessage(ctx, payload.getEventId(), e.getChannel(), e.getUser(),
                    mapping.message(e.getChannel(), e.getTs(), e.getThreadTs(), e.getText(), null),
                    e.getThreadTs());
        });
        app.event(MessageChangedEvent.class, (payload, ctx) -> {
            MessageChangedEvent e = payload.getEvent();
            MessageChangedEvent.Message m = e.getMessage();
            if (m == null) {
                return ctx.ack();
            }
            return onChatMessage(ctx, payload.getEventId(), e.getChannel(), m.getUser(),
                    mapping.edit(e.getChannel(), m.getTs(), m.getText(), m.getBotId()), m.getThreadTs());
        });
        app.event(MessageDeletedEvent.class, (payload, ctx) -> {
            MessageDeletedEvent e = payload.getEvent();
            MessageDeletedEvent.Message previous = e.getPreviousMessage();
            String author = previous == null ? null : previous.getUser();
            return onChatMessage(ctx, payload.getEventId(), e.getChannel(), author,
                    mapping.delete(e.getChannel(), e.getDeletedTs()), null);
        });
    }

    /** 👍 / 👎 vote, ✅ accepts; removing the reaction takes it back. */
    private void registerReactions(App app) {
        app.event(ReactionAddedEvent.class, (payload, ctx) -> {
            ReactionAddedEvent e = payload.getEvent();
            return onReaction(ctx, payload.getEventId(), e.getUser(), e.getItem().getChannel(),
                    mapping.reaction(e.getItem().getType(), e.getItem().getChannel(), e.getItem().getTs(),
                            e.getReaction(), true));
        });
        app.event(ReactionRemovedEvent.class, (payload, ctx) -> {
            ReactionRemovedEvent e = payload.getEvent();
            return onReaction(ctx, payload.getEventId(), e.getUser(), e.getItem().getChannel(),
                    mapping.reaction(e.getItem().getType(), e.getItem().getChannel(), e.getItem().getTs(),
                            e.getReaction(), false));
        });
    }

    private void registerHome(App app) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent e = payload.getEvent();
            if ("home".equals(e.getTab()) && e.getUser() != null) {
                Origin origin = new Origin(ctx.getTeamId(), null, null, null, e.getUser(), null);
                later(origin, () -> {
                    Reply reply = core.handle(actor(origin, null), new Command.Home());
                    outbox.publishHome(e.getUser(), views.home(reply.text()));
                });
            }
            return ctx.ack();
        });
    }

    private void registerShortcuts(App app) {
        app.messageShortcut(SlackCommands.ASK_SHORTCUT, (req, ctx) -> {
            MessageShortcutPayload p = req.getPayload();
            Origin origin = origin(p);
            String text = SlackText.fromSlack(p.getMessage().getText());
            String author = p.getMessage().getUser();
            // The message's author asks (and may accept); whoever used the shortcut is recorded as the poster.
            Actor user = actor(origin, p.getUser().getName());
            boolean someoneElses = author != null && !author.equals(origin.userId());
            Actor asker = someoneElses ? actor(new Origin(origin.teamId(), origin.teamName(), origin.channel(),
                    null, author, null), null) : user;
            Reply reply = core.handle(asker, QuestionFlow.throughOutbox(
                    new Command.Ask(text, List.of(), someoneElses ? user : null), origin), "shortcut:" + p.getTriggerId());
            later(origin, () -> questions.publish(asker, origin, reply));
            return ctx.ack();
        });
        app.messageShortcut(SlackCommands.ANSWER_SHORTCUT, (req, ctx) -> {
            MessageShortcutPayload p = req.getPayload();
            Origin origin = origin(p);
            String author = p.getMessage().getUser() != null ? p.getMessage().getUser() : origin.userId();
            String metadata = String.join(" ", origin.channel(), p.getMessage().getTs(), author);
            String text = SlackText.fromSlack(p.getMessage().getText());
            String threadTs = p.getMessage().getThreadTs();
            later(origin, () -> {
                // Inside a question's thread the question is known: prefill its id.
                String questionId = threadTs == null ? null : core.questionOfThread(
                        Members.workspace(origin.teamId(), origin.teamName()), SlackKeys.key(origin.channel(), threadTs))
                        .map(number -> "Q" + number).orElse(null);
                outbox.openView(p.getTriggerId(), views.answerModal(metadata, text, questionId));
            });
            return ctx.ack();
        });
    }

    private void registerModals(App app) {
        app.viewSubmission(SlackViews.ASK_MODAL, (req, ctx) -> {
            ViewSubmissionPayload p = req.getPayload();
            String text = SlackViews.typed(p.getView().getState(), SlackViews.QUESTION_BLOCK,
                    SlackViews.QUESTION_ACTION).strip();
            if (text.isEmpty()) {
                return ctx.ackWithErrors(Map.of(SlackViews.QUESTION_BLOCK, "Type your question."));
            }
            List<String> tags = SlackViews.pickedTags(p.getView().getState());
            Origin origin = new Origin(p.getTeam().getId(), p.getTeam().getDomain(), p.getView().getPrivateMetadata(),
                    null, p.getUser().getId(), null);
            Actor asker = actor(origin, p.getUser().getName());
            Reply reply = core.handle(asker, QuestionFlow.throughOutbox(new Command.Ask(text, tags), origin),
                    "view:" + p.getView().getId() + ":" + p.getView().getHash());
            later(origin, () -> questions.publish(asker, origin, reply));
            return ctx.ack();
        });
        app.viewSubmission(SlackViews.ANSWER_MODAL, (req, ctx) -> {
            ViewSubmissionPayload p = req.getPayload();
            String id = SlackViews.typed(p.getView().getState(), SlackViews.ANSWER_QUESTION_BLOCK,
                    SlackViews.ANSWER_QUESTION_ACTION);
            Optional<PostRef> question = PostRef.parse(id).filter(PostRef::isQuestion);
            if (question.isEmpty()) {
                return ctx.ackWithErrors(Map.of(SlackViews.ANSWER_QUESTION_BLOCK,
                        "Type a question id, for example Q12."));
            }
            String text = SlackViews.typed(p.getView().getState(), SlackViews.ANSWER_TEXT_BLOCK,
                    SlackViews.ANSWER_TEXT_ACTION);
            String[] meta = p.getView().getPrivateMetadata().split(" ");
            Origin invoker = new Origin(p.getTeam().getId(), p.getTeam().getDomain(), meta[0], null,
                    p.getUser().getId(), null);
            Origin author = new Origin(invoker.teamId(), invoker.teamName(), meta[0], null, meta[2], null);
            Command answer = new Command.Answer(question.get().number(), text, SlackKeys.key(meta[0], meta[1]));
            Reply reply = core.handle(actor(author, null), answer, "shortcut:" + p.getTriggerId());
            later(invoker, () -> questions.deliver(invoker, reply));
            return ctx.ack();
        });
    }

    private Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        Origin origin = new Origin(p.getTeamId(), p.getTeamDomain(), p.getChannelId(), null,
                Objects.requireNonNull(p.getUserId(), "user_id"), p.getResponseUrl());
        String name = p.getCommand().startsWith("/") ? p.getCommand().substring(1) : p.getCommand();
        CommandLineParser.Result parsed = CommandLineParser.parse(name, SlackText.fromSlack(p.getText()));
        if (parsed instanceof CommandLineParser.Invalid invalid) {
            return ctx.ack(SlackText.escape(invalid.message()));
        }
        Command command = ((CommandLineParser.Parsed) parsed).command();
        if (command instanceof Command.Ask ask && ask.text().isBlank()) {
            later(origin, () -> outbox.openView(p.getTriggerId(), views.askModal(origin.channel(),
                    core.tagNames(Members.workspace(origin.teamId(), origin.teamName()), "", 100))));
        } else if (command instanceof Command.Ask ask) {
            Actor asker = actor(origin, p.getUserName());
            Reply reply = core.handle(asker, QuestionFlow.throughOutbox(ask, origin), slashKey(p));
            later(origin, () -> questions.publish(asker, origin, reply));
        } else if (command instanceof Command.Profile && SlackText.mentionedUserId(p.getText()).isPresent()) {
            String userId = SlackText.mentionedUserId(p.getText()).get();
            Origin mentioned = new Origin(origin.teamId(), origin.teamName(), origin.channel(), null, userId, null);
            Reply reply = core.handle(actor(origin, p.getUserName()),
                    new Command.Profile(userId, actor(mentioned, userId).displayName()), slashKey(p));
            later(origin, () -> questions.deliver(origin, reply));
        } else {
            Reply reply = core.handle(actor(origin, p.getUserName()), command, slashKey(p));
            later(origin, () -> questions.deliver(origin, reply));
        }
        return ctx.ack();
    }

    /** A slash command's trigger id is unique per invocation: a retried delivery is processed once. */
    private static String slashKey(com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload p) {
        return "slash:" + p.getTriggerId();
    }

    private Response onChatMessage(EventContext ctx, String eventId, String channel, String user,
                                   Optional<Command> command, String threadTs) {
        if (command.isPresent() && user != null) {
            Origin origin = new Origin(ctx.getTeamId(), null, channel, threadTs, user, null);
            Reply reply = core.handle(actor(origin, null), command.get(), eventId);
            if (reply.isStopping()) {
                return notAcknowledged(eventId);
            }
            later(origin, () -> questions.deliver(origin, reply));
        }
        return ctx.ack();
    }

    private Response onReaction(EventContext ctx, String eventId, String user, String channel,
                                Optional<Command> command) {
        if (command.isPresent() && user != null) {
            Origin origin = new Origin(ctx.getTeamId(), null, channel, null, user, null);
            Reply reply = core.handle(actor(origin, null), command.get(), eventId);
            if (reply.isStopping()) {
                return notAcknowledged(eventId);
            }
            later(origin, () -> questions.deliverQuietly(reply.isError() ? inThreadOf(origin, command.get()) : origin,
                    reply));
        }
        return ctx.ack();
    }

    /**
     * An event the stopping core refused (nothing saved) is not acknowledged: acking it would lose it, since Slack
     * never sends an acked event again and nobody saw an error. Without the ack Slack delivers it again, to another
     * connection or to this app after its restart, and catch-up at the next start reads the thread back too; the
     * event key makes whichever comes first count and the others no-ops. Nothing is said to the member: it will
     * count. (A response other than 200 would not do: Bolt then auto-acks the event, as it does unhandled ones.)
     */
    private static Response notAcknowledged(String eventId) {
        LOG.info("Slack event {} arrived while stopping: not acknowledged, so Slack delivers it again", eventId);
        throw new LeaveUnacknowledged(eventId);
    }

    /** Thrown by a listener whose event must not be acked; the front door then sends no ack (HTTP mode: a 503). */
    static final class LeaveUnacknowledged extends RuntimeException {
        LeaveUnacknowledged(String eventId) {
            super("event " + eventId + " left unacknowledged while stopping", null, false, false);
        }

        /** True when {@code failure} or one of its causes is a {@link LeaveUnacknowledged}. */
        static boolean in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof LeaveUnacknowledged) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A refusal for a reaction inside a thread is said in that thread, where the member is looking. */
    private Origin inThreadOf(Origin origin, Command command) {
        if (!(command instanceof Command.React react)) {
            return origin;
        }
        return core.threadOfMessage(Members.workspace(origin.teamId(), origin.teamName()), react.messageKey())
                .flatMap(SlackKeys::parse)
                .map(thread -> new Origin(origin.teamId(), origin.teamName(), origin.channel(), thread.ts(),
                        origin.userId(), origin.responseUrl()))
                .orElse(origin);
    }

    private static Origin origin(MessageShortcutPayload p) {
        return new Origin(p.getTeam().getId(), p.getTeam().getDomain(), p.getChannel().getId(),
                null, Objects.requireNonNull(p.getUser().getId(), "user"), p.getResponseUrl());
    }

    private Actor actor(Origin origin, String nameHint) {
        return members.actor(outbox.client(), origin.teamId(), origin.teamName(), origin.userId(), nameHint);
    }

    /**
     * Runs the showing after the ack (the core already committed); a failure is logged and the user gets a polite
     * word, never a stack trace.
     */
    private void later(Origin origin, Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("Slack request from {} failed", origin.userId(), e);
                outbox.tellCaller(origin, SORRY);
            }
        });
    }
}
