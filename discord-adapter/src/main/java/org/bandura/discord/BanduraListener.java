package org.bandura.discord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command.Choice;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.RestAction;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Reaction;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns JDA events into core commands and core replies into Discord messages. Every handler is guarded: an
 * exception is logged and the person gets one polite line, never a stack trace.
 */
final class BanduraListener extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(BanduraListener.class);
    static final String SORRY = "Sorry, something went wrong on my side and it was logged. Please try again in a moment.";
    private static final int AUTOCOMPLETE_LIMIT = 25;

    private final BanduraCore core;
    private final DiscordSettings settings;
    private final CommandMapping mapping;
    private final Actors actors;
    private final QuestionPublisher publisher = new QuestionPublisher();
    private final DiscordButtons buttons;

    private final Runnable deliverSoon;
    private final DiscordPresenter presenter;

    /**
     * @param deliverSoon asks the front door to deliver the outbox now (off this thread): called after a command
     *                    left something to post
     */
    BanduraListener(BanduraCore core, DiscordSettings settings, Runnable deliverSoon) {
        this.core = core;
        this.settings = settings;
        this.mapping = new CommandMapping(settings);
        this.actors = new Actors(settings);
        this.deliverSoon = deliverSoon;
        this.presenter = new DiscordPresenter(core, settings, deliverSoon);
        this.buttons = new DiscordButtons(core, actors, presenter::present, presenter::enqueue);
    }

    // ---- buttons (I'm on it, Accept, Not yet): run as the presser, see DiscordButtons ----

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        if (!buttons.press(event)) {
            LOG.debug("Button {} is not Bandura's; left alone", event.getComponentId());
        }
    }

    // ---- slash commands ----

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        guardInteraction(event, () -> {
            if (!event.isFromGuild() || event.getMember() == null) {
                answer(event, event.reply(DiscordText.silent("Use me in a server channel.")).setEphemeral(true));
                return;
            }
            Map<String, String> options = new HashMap<>();
            for (OptionMapping option : event.getOptions()) {
                options.put(option.getName(), option.getType() == OptionType.USER ? option.getAsUser().getId()
                        : option.getAsString());
                if (option.getType() == OptionType.USER) {
                    Member mentioned = option.getAsMember();
                    options.put(option.getName() + CommandMapping.DISPLAY_NAME_SUFFIX, mentioned != null
                            ? mentioned.getEffectiveName() : option.getAsUser().getEffectiveName());
                }
            }
            CommandLineParser.Result parsed = mapping.slash(event.getName(), event.getSubcommandName(), options);
            if (parsed instanceof CommandLineParser.Invalid invalid) {
                answer(event, event.reply(DiscordText.silent(invalid.message())).setEphemeral(true));
                return;
            }
            Command command = ((CommandLineParser.Parsed) parsed).command();
            Actor actor = actors.of(event.getMember());
            String key = CommandMapping.interactionKey(event.getId());
            if (command instanceof Command.Ask ask) {
                ask(event, actor, ask, key);
                return;
            }
            Reply reply = core.handle(actor, command, key);
            if (reply.isIgnored()) {
                answer(event, event.reply(DiscordText.silent("Already done.")).setEphemeral(true));
                return;
            }
            // A state change is told in the thread by present(); the command's own reply stays private.
            boolean privately = reply.visibility() == Reply.Visibility.CALLER || reply.isError()
                    || reply.event().isPresent();
            answer(event, event.reply(DiscordText.silent(DiscordText.render(reply.text()))).setEphemeral(privately));
            presenter.present(event.getGuild(), reply);
        });
    }

    /**
     * Commits the question first, then defers: Discord sees the interaction acknowledged only once the question is
     * stored (the core answers well inside Discord's 3 s). The question is saved unposted together with its post in
     * the outbox; this process delivers it right away (any process could, after a crash), and the outbox writes the
     * deferred reply through the interaction's token: where the question went, or why Discord refused it.
     */
    private void ask(SlashCommandInteractionEvent event, Actor actor, Command.Ask ask, String key) {
        GuildChannel target;
        try {
            target = publisher.target(event.getGuild(), event.getGuildChannel(), settings.qaChannelId());
        } catch (QuestionPublisher.PublishException e) {
            answer(event, event.reply(DiscordText.silent(e.getMessage())).setEphemeral(true));
            return;
        }
        String origin = new DiscordSender.Origin(event.getToken()).toJson();
        Reply reply = core.handle(actor, ask.postedTo(new Command.PostTo(target.getId(), origin)), key);
        Optional<InteractionHook> hook = defer(event);
        Optional<Event.QuestionAsked> asked = reply.event(Event.QuestionAsked.class);
        if (reply.isIgnored()) {
            hook.ifPresent(it -> it.editOriginal(DiscordText.silentEdit("Already posted.")).queue());
            return;
        }
        if (reply.isError() || asked.isEmpty()) {
            hook.ifPresent(it -> it.editOriginal(DiscordText.silentEdit(DiscordText.render(reply.text()))).queue());
            return;
        }
        deliverSoon.run();
    }

    /** Defers privately; empty when another session (a second process) acknowledged the interaction first. */
    private static Optional<InteractionHook> defer(SlashCommandInteractionEvent event) {
        try {
            return Optional.of(event.deferReply(true).complete());
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED) {
                LOG.warn("Interaction {} was already acknowledged: a duplicate delivery, handled once", event.getId());
                return Optional.empty();
            }
            throw e;
        }
    }

    static String askConfirmation(Event.QuestionAsked question, QuestionPublisher.Posted posted) {
        StringBuilder text = new StringBuilder();
        text.append("Your question is **Q").append(question.number()).append("**: ").append(posted.jumpUrl());
        if (!question.mentioned().isEmpty()) {
            text.append("\nI mentioned ").append(question.mentioned().size())
                    .append(question.mentioned().size() == 1 ? " expert." : " experts.");
        }
        List<Event.SimilarQuestion> similar = question.similar().stream().limit(3).toList();
        if (!similar.isEmpty()) {
            text.append("\nSimilar questions:");
            for (Event.SimilarQuestion other : similar) {
                text.append("\n• Q").append(other.number()).append(": ").append(DiscordText.escapeMarkdown(other.title()))
                        .append(other.answered() ? " (answered)" : "");
            }
        }
        return text.toString();
    }

    // ---- context menu and autocomplete ----

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        guardInteraction(event, () -> {
            if (!SlashCommands.ACCEPT_ANSWER.equals(event.getName()) || event.getMember() == null) {
                answer(event, event.reply(DiscordText.silent("I don't know this command.")).setEphemeral(true));
                return;
            }
            Reply reply = core.handle(actors.of(event.getMember()),
                    new Command.AcceptMessage(event.getTarget().getId()), CommandMapping.interactionKey(event.getId()));
            String text = reply.isIgnored() ? "Already done." : DiscordText.render(reply.text());
            answer(event, event.reply(DiscordText.silent(text.isBlank() ? "Done." : text)).setEphemeral(true));
            presenter.present(event.getGuild(), reply);
        });
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        guard("autocomplete", () -> {
            if (event.getGuild() == null) {
                answer(event, event.replyChoices(List.of()));
                return;
            }
            String focused = event.getFocusedOption().getName();
            if (focused.equals(SlashCommands.ANSWER_OPTION) || focused.equals(SlashCommands.POST_OPTION)
                    || focused.equals(SlashCommands.QUESTION_OPTION)) {
                String kind = focused.equals(SlashCommands.ANSWER_OPTION) ? "A"
                        : focused.equals(SlashCommands.QUESTION_OPTION) ? "Q" : "";
                answer(event, event.replyChoices(postChoices(event, kind)));
                return;
            }
            String typed = event.getFocusedOption().getValue();
            List<String> words = new ArrayList<>(CommandLineParser.splitTags(typed));
            boolean multi = event.getFocusedOption().getName().equals("tags");
            String prefix = typed.isEmpty() || Character.isWhitespace(typed.charAt(typed.length() - 1))
                    || typed.endsWith(",") || words.isEmpty() ? "" : words.remove(words.size() - 1);
            if (!multi) {
                words.clear();
            }
            String before = words.stream().collect(Collectors.joining(" "));
            List<Choice> choices = new ArrayList<>();
            LinkedHashSet<String> names = new LinkedHashSet<>(core.tagNames(Actors.workspace(event.getGuild()),
                    prefix.replace("#", ""), AUTOCOMPLETE_LIMIT));
            for (String name : names) {
                String value = before.isEmpty() ? name : before + " " + name;
                if (value.length() <= 100 && !words.contains(name)) {
                    choices.add(new Choice(value, value));
                }
            }
            answer(event, event.replyChoices(choices.stream().limit(AUTOCOMPLETE_LIMIT).toList()));
        });
    }

    /** The thread's question and answers matching what was typed; {@code kind} "A" or "Q" keeps only that kind. */
    private List<Choice> postChoices(CommandAutoCompleteInteractionEvent event, String kind) {
        String typed = event.getFocusedOption().getValue().strip().toLowerCase(java.util.Locale.ROOT);
        return core.postsInThread(Actors.workspace(event.getGuild()), event.getChannel().getId(), AUTOCOMPLETE_LIMIT)
                .stream()
                .filter(post -> post.id().startsWith(kind))
                .filter(post -> post.label().toLowerCase(java.util.Locale.ROOT).contains(typed))
                .map(post -> new Choice(DiscordText.choiceLabel(post.label()), post.id()))
                .limit(AUTOCOMPLETE_LIMIT)
                .toList();
    }

    // ---- thread messages ----

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        guard("message", () -> {
            if (!event.isFromGuild() || !event.isFromThread() || event.isWebhookMessage() || event.getMember() == null
                    || event.getAuthor().isBot() || event.getAuthor().isSystem()) {
                return;
            }
            Reply reply = core.handle(actors.of(event.getMember()), new Command.ThreadMessage(
                    event.getChannel().getId(), event.getMessageId(), event.getMessage().getContentRaw(),
                    repliedTo(event.getMessage())), CommandMapping.messageKey(event.getMessageId()));
            markAnswer(event.getGuildChannel(), event.getMessageId(), reply);
            presenter.present(event.getGuild(), reply);
        });
    }

    /** The message a Discord reply answers (a thank-you replying to one answer proposes that answer), else null. */
    static String repliedTo(Message message) {
        MessageReference reference = message.getMessageReference();
        return reference != null && reference.getType() == MessageReference.MessageReferenceType.DEFAULT
                ? reference.getMessageId() : null;
    }

    @Override
    public void onMessageUpdate(MessageUpdateEvent event) {
        guard("edit", () -> {
            if (!event.isFromGuild() || !event.isFromThread() || event.getMember() == null
                    || event.getAuthor().isBot()) {
                return;
            }
            core.handle(actors.of(event.getMember()),
                    new Command.EditMessage(event.getMessageId(), event.getMessage().getContentRaw()));
        });
    }

    @Override
    public void onMessageDelete(MessageDeleteEvent event) {
        guard("delete", () -> {
            if (!event.isFromGuild()) {
                return;
            }
            Reply reply = core.handle(platformActor(event.getGuild()), new Command.DeleteMessage(event.getMessageId()),
                    CommandMapping.deleteKey(event.getMessageId()));
            presenter.present(event.getGuild(), reply);
        });
    }

    @Override
    public void onChannelDelete(ChannelDeleteEvent event) {
        guard("thread delete", () -> {
            if (!event.isFromGuild() || !event.getChannelType().isThread()) {
                return;
            }
            core.handle(platformActor(event.getGuild()), new Command.DeleteThread(event.getChannel().getId()),
                    CommandMapping.deleteKey(event.getChannel().getId()));
        });
    }

    /** Discord does not say who deleted something: deletions are platform facts, told by the bot itself. */
    private static Actor platformActor(Guild guild) {
        Member self = guild.getSelfMember();
        return new Actor(Actors.workspace(guild), self.getId(), self.getEffectiveName(), true);
    }

    // ---- reactions ----

    @Override
    public void onMessageReactionAdd(MessageReactionAddEvent event) {
        guard("reaction", () -> {
            Reply reply = react(event.getJDA(), event.isFromGuild() ? event.getGuild() : null,
                    event.getMember(), event.getUser(), event.getUserId(), event.getMessageId(),
                    event.getEmoji().getFormatted(), true, event.getResponseNumber());
            if (reply.isError() && !reply.isStopping() && event.getUser() != null && event.isFromGuild()) {
                // A vote that didn't count must not look like one: take the reaction back. Not while stopping:
                // the reaction stays, and catch-up at the next start counts it.
                presenter.enqueue(event.getGuild(), event.getChannel().getId(), DiscordOp.UNREACT, DiscordOp.onMessage(
                        event.getChannel().getId(), event.getMessageId()).withEmoji(event.getEmoji().getFormatted(),
                        event.getUserId()), null);
            }
            markAnswer(event.getGuildChannel(), event.getMessageId(), reply);
        });
    }

    @Override
    public void onMessageReactionRemove(MessageReactionRemoveEvent event) {
        guard("reaction", () -> react(event.getJDA(), event.isFromGuild() ? event.getGuild() : null,
                event.getMember(), event.getUser(), event.getUserId(), event.getMessageId(),
                event.getEmoji().getFormatted(), false, event.getResponseNumber()));
    }

    private Reply react(JDA jda, Guild guild, Member member, User user, String userId, String messageId,
                        String emoji, boolean added, long sequence) {
        if (guild == null || userId.equals(jda.getSelfUser().getId()) || (user != null && user.isBot())) {
            return Reply.ignored();
        }
        Optional<Reaction> reaction = mapping.reaction(emoji);
        if (reaction.isEmpty()) {
            return Reply.ignored();
        }
        Actor actor = actors.of(guild, member, user, userId);
        Reply reply = core.handle(actor, new Command.React(messageId, reaction.get(), added),
                CommandMapping.reactionKey(messageId, userId, emoji, added, sequence));
        if (reply.isError()) {
            LOG.debug("Reaction {} by {} on {} refused: {}", emoji, userId, messageId, reply.text());
        }
        presenter.present(guild, reply);
        return reply;
    }

    /** Discord can't answer a message privately, so a reply recorded as an answer (or promoted to one) gets a reaction. */
    private void markAnswer(GuildMessageChannel channel, String messageId, Reply reply) {
        presenter.markAnswer(channel.getGuild(), channel.getId(), messageId, reply);
    }

    // ---- the error handler ----

    private static void guardInteraction(IReplyCallback interaction, Runnable work) {
        try {
            work.run();
        } catch (ErrorResponseException e) {
            if (isAlreadyAcknowledged(e)) {
                warnDuplicate(interaction);
            } else {
                failed(interaction, e);
            }
        } catch (RuntimeException e) {
            failed(interaction, e);
        }
    }

    /**
     * Discord delivered an interaction twice (a gateway resume, or a second process): the first delivery answered
     * it and the core ran it once. Known and harmless, so one line, no trace, and no "sorry" over the real reply.
     */
    private static void warnDuplicate(Interaction interaction) {
        LOG.warn("Interaction {} was already acknowledged: a duplicate delivery, handled once", interaction.getId());
    }

    private static boolean isAlreadyAcknowledged(Throwable failure) {
        return failure instanceof ErrorResponseException response
                && response.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED;
    }

    /** Sends the answer to an interaction; a duplicate is a warning line, any other failure is logged in full. */
    private static void answer(Interaction interaction, RestAction<?> reply) {
        reply.queue(ok -> { }, failure -> acknowledgeFailed(interaction, failure));
    }

    private static void acknowledgeFailed(Interaction interaction, Throwable failure) {
        if (isAlreadyAcknowledged(failure)) {
            warnDuplicate(interaction);
        } else {
            LOG.error("Replying to interaction {} failed", interaction.getId(), failure);
        }
    }

    private static void failed(IReplyCallback interaction, RuntimeException e) {
        LOG.error("Interaction {} failed", interaction.getId(), e);
        try {
            if (interaction.isAcknowledged()) {
                interaction.getHook().editOriginal(DiscordText.silentEdit(SORRY)).queue(ok -> { }, failure ->
                        LOG.warn("Could not tell the user about the failure: {}", failure.toString()));
            } else {
                interaction.reply(DiscordText.silent(SORRY)).setEphemeral(true).queue(ok -> { }, failure ->
                        LOG.warn("Could not tell the user about the failure: {}", failure.toString()));
            }
        } catch (RuntimeException again) {
            LOG.warn("Could not tell the user about the failure: {}", again.toString());
        }
    }

    private static void guard(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("Handling a Discord {} event failed", what, e);
        }
    }
}
