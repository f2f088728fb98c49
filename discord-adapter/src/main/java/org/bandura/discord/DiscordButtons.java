package org.bandura.discord;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's buttons pressed on Discord ("I'm on it", "Accept", "Not yet"). A press runs the button's command line
 * through the core as the person who pressed it, exactly as if they had typed it, so the core alone decides who
 * may. The press is acknowledged at once (privately), and answered after the core has committed.
 *
 * <p>In a server the presser is the member Discord sends. In a direct message Discord sends only the user, so the
 * button's id names the guild ({@link Action#idIn}) and the bot asks Discord whether the user is still a member
 * there; a user who is not is refused politely and nothing runs.
 *
 * <p>What the reply shows follows the typed command: the presser sees the reply privately; a reply for the whole
 * channel with no event of its own (a claim) is also posted in the channel, pinging nobody; events (an accept) are
 * shown by the listener's usual path, as for {@code /accept}. A DM prompt that was answered loses its buttons and
 * shows the outcome.
 */
final class DiscordButtons {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordButtons.class);
    static final String NOT_A_MEMBER = "You're not a member of %s any more, so I can't do that for you.";
    static final String GUILD_GONE = "That button belongs to a server I'm no longer in, so it can't do anything now.";
    static final String OTHER_GUILD = "That button belongs to another server, so it can't do anything here.";

    /** Leaves one Discord operation in the outbox (see {@link BanduraListener#enqueue}). */
    @FunctionalInterface
    interface Enqueuer {
        void enqueue(Guild guild, String orderKey, String kind, DiscordOp op, Long questionNumber);
    }

    private final BanduraCore core;
    private final Actors actors;
    private final BiConsumer<Guild, Reply> present;
    private final Enqueuer outbox;

    /**
     * @param present shows what a reply's event changed (an accepted answer's notice and solved mark), the same way
     *                for a press as for the slash command
     * @param outbox  where what is shown after the core committed goes: the reply, the claim, the DM prompt's edit
     */
    DiscordButtons(BanduraCore core, Actors actors, BiConsumer<Guild, Reply> present, Enqueuer outbox) {
        this.core = core;
        this.actors = actors;
        this.present = present;
        this.outbox = outbox;
    }

    /** @return false when the button is not one of Bandura's; it is then left alone */
    boolean press(ButtonInteractionEvent event) {
        Optional<Action.Pressed> pressed = Action.pressed(event.getComponentId());
        if (pressed.isEmpty()) {
            return false;
        }
        try {
            run(event, pressed.get());
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED) {
                // Delivered twice (a resume, or a second process): the first delivery ran it, once.
                LOG.warn("Button press {} was already acknowledged: a duplicate delivery, handled once", event.getId());
            } else {
                failed(event, e);
            }
        } catch (RuntimeException e) {
            failed(event, e);
        }
        return true;
    }

    private void run(ButtonInteractionEvent event, Action.Pressed pressed) {
        InteractionHook hook = event.deferReply(true).complete();
        Optional<Actor> presser = presser(event, pressed, hook);
        if (presser.isEmpty()) {
            return;
        }
        CommandLineParser.Result parsed = CommandLineParser.parseLine(pressed.commandLine());
        if (parsed instanceof CommandLineParser.Invalid invalid) {
            LOG.warn("Button {} names no command the core knows: {}", event.getComponentId(), invalid.message());
            tell(hook, "This button is out of date and does nothing now.");
            return;
        }
        Command command = ((CommandLineParser.Parsed) parsed).command();
        Reply reply = core.handle(presser.get(), command, CommandMapping.interactionKey(event.getId()));
        if (reply.isIgnored()) {
            tell(hook, "Already done.");
            return;
        }
        Guild guild = guildOf(event, pressed);
        String text = DiscordText.render(reply.text());
        String told = text.isBlank() ? "Done." : text;
        if (guild == null) {
            tell(hook, told);
            return;
        }
        // From here on the core has committed: what the press shows goes through the outbox, retried until done.
        outbox.enqueue(guild, null, DiscordOp.REPLY, DiscordOp.reply(event.getToken(), told, event.getUser().getId(),
                guild.getId()), null);
        if (!reply.isOk()) {
            return;
        }
        if (reply.visibility() == Reply.Visibility.CHANNEL && reply.event().isEmpty() && event.isFromGuild()) {
            // A claim: everyone in the thread sees who is on it; the message names the claimer but pings nobody.
            String channel = event.getChannel().getId();
            outbox.enqueue(guild, channel, DiscordOp.SEND, DiscordOp.send(channel, text, List.of(), List.of()), null);
        }
        present.accept(guild, reply);
        if (!event.isFromGuild()) {
            Message prompt = event.getMessage();
            String before = prompt == null ? "" : prompt.getContentRaw();
            String outcome = (before.isBlank() ? "" : before + "\n\n") + "→ " + text;
            String channel = event.getChannel().getId();
            outbox.enqueue(guild, channel, DiscordOp.EDIT, new DiscordOp(channel, event.getMessageId(),
                    event.getUser().getId(), outcome, null, null, guild.getId(), null, null, null), null);
        }
    }

    /** The guild a press acts in: the server it came from, or the one a DM button names. */
    private static Guild guildOf(ButtonInteractionEvent event, Action.Pressed pressed) {
        if (event.isFromGuild()) {
            return event.getGuild();
        }
        String guildId = pressed.workspaceExternalId().orElse(null);
        if (guildId == null) {
            return null;
        }
        return event.getJDA().getShardManager() != null
                ? event.getJDA().getShardManager().getGuildById(guildId) : event.getJDA().getGuildById(guildId);
    }

    /** Who pressed: the member in a server; in a DM, the user as a member of the guild the button names. */
    private Optional<Actor> presser(ButtonInteractionEvent event, Action.Pressed pressed, InteractionHook hook) {
        if (event.isFromGuild() && event.getMember() != null) {
            if (pressed.workspaceExternalId().isPresent()
                    && !pressed.workspaceExternalId().get().equals(event.getGuild().getId())) {
                tell(hook, OTHER_GUILD);
                return Optional.empty();
            }
            return Optional.of(actors.of(event.getMember()));
        }
        if (pressed.workspaceExternalId().isEmpty()) {
            tell(hook, "Use this button in the server it was posted in.");
            return Optional.empty();
        }
        String guildId = pressed.workspaceExternalId().get();
        Guild guild = event.getJDA().getShardManager() != null
                ? event.getJDA().getShardManager().getGuildById(guildId) : event.getJDA().getGuildById(guildId);
        if (guild == null) {
            tell(hook, GUILD_GONE);
            return Optional.empty();
        }
        try {
            Member member = guild.retrieveMemberById(event.getUser().getId()).useCache(false).complete();
            return Optional.of(actors.of(member));
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER || e.getErrorResponse() == ErrorResponse.UNKNOWN_USER) {
                LOG.info("Button {} pressed by {}, who is not a member of guild {}", event.getComponentId(),
                        event.getUser().getId(), guildId);
                tell(hook, NOT_A_MEMBER.formatted(guild.getName()));
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void tell(InteractionHook hook, String text) {
        hook.editOriginal(DiscordText.silentEdit(text)).queue(ok -> { }, failure ->
                LOG.warn("Could not answer a button press: {}", failure.toString()));
    }

    private static void failed(ButtonInteractionEvent event, RuntimeException e) {
        LOG.error("Button press {} failed", event.getId(), e);
        try {
            if (event.isAcknowledged()) {
                tell(event.getHook(), BanduraListener.SORRY);
            } else {
                event.reply(DiscordText.silent(BanduraListener.SORRY)).setEphemeral(true).queue(ok -> { }, failure ->
                        LOG.warn("Could not tell the user about the failure: {}", failure.toString()));
            }
        } catch (RuntimeException again) {
            LOG.warn("Could not tell the user about the failure: {}", again.toString());
        }
    }
}
