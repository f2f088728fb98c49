package org.bandura.discord;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.RichText;
import org.bandura.core.text.TextChunks;

/**
 * Text the bot sends. User text goes out exactly as typed ({@code @Bean}, {@code ops@example.com}, a typed
 * {@code <@id>} which Discord shows as that member's name): what stops pings is that every message carries
 * explicit allowed mentions, empty unless the core chose whom to notify.
 */
public final class DiscordText implements RichText.Renderer {

    /** Discord's message length limit. */
    public static final int MAX_LENGTH = 2000;
    private static final int CHOICE_LENGTH = 100;
    private static final EnumSet<Message.MentionType> NONE = EnumSet.noneOf(Message.MentionType.class);
    private static final String MARKDOWN = "\\*_~`|>[]()#-<:";

    public static final DiscordText RENDERER = new DiscordText();

    private DiscordText() {
    }

    @Override
    public String plain(String text) {
        return text;
    }

    /** Bold; markdown inside is escaped so user text can't end the bold early. */
    @Override
    public String emphasis(String text) {
        return "**" + escapeMarkdown(text) + "**";
    }

    @Override
    public String mention(MemberView member) {
        return member.userId().chars().allMatch(Character::isDigit)
                ? "<@" + member.userId() + ">"
                : "@" + member.displayName();
    }

    @Override
    public String quoted(String text) {
        return escapeMarkdown(text);
    }

    public static String render(RichText text) {
        return truncate(text.render(RENDERER));
    }

    /**
     * User text shown inside the bot's own sentence (a similar question's title): every markdown character is
     * escaped, so a title of {@code ```} can't swallow the rest of the reply and {@code [x](url)} stays text.
     */
    public static String escapeMarkdown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(codePoint -> {
            if (codePoint < 128 && MARKDOWN.indexOf(codePoint) >= 0) {
                out.append('\\');
            }
            out.appendCodePoint(codePoint);
        });
        return out.toString();
    }

    /** Discord's limit on an autocomplete choice's name is 100 characters. */
    public static String choiceLabel(String label) {
        return TextChunks.shorten(label, CHOICE_LENGTH);
    }

    /** The text in pieces that each fit one message, cut between lines, words and whole characters. */
    public static List<String> pieces(String text) {
        return TextChunks.split(text, MAX_LENGTH);
    }

    /** Replies that can only be one message keep their first piece; the cut is marked with "…". */
    public static String truncate(String text) {
        return TextChunks.shorten(text, MAX_LENGTH);
    }

    /** A message that pings nobody. */
    public static MessageCreateData silent(String content) {
        return new MessageCreateBuilder().setContent(truncate(content)).setAllowedMentions(NONE)
                .mentionRepliedUser(false).build();
    }

    /** A message that pings exactly these users and nobody else. */
    public static MessageCreateData pinging(String content, Collection<String> userIds) {
        return new MessageCreateBuilder().setContent(truncate(content)).setAllowedMentions(NONE)
                .mentionUsers(List.copyOf(userIds)).mentionRepliedUser(false).build();
    }

    /**
     * The message with the core's buttons under it, one row (Discord allows five per row; the core offers at most
     * two). {@code buttonId} is {@link Action#id()}, or {@link Action#idIn} where a press carries no guild (DMs).
     */
    public static MessageCreateData withButtons(MessageCreateData message, List<Action> actions,
                                                Function<Action, String> buttonId) {
        if (actions.isEmpty()) {
            return message;
        }
        return MessageCreateBuilder.from(message).setComponents(List.of(buttonRow(actions, buttonId))).build();
    }

    static ActionRow buttonRow(List<Action> actions, Function<Action, String> buttonId) {
        return ActionRow.of(actions.stream().map(action -> action.primary()
                ? Button.primary(buttonId.apply(action), action.label())
                : Button.secondary(buttonId.apply(action), action.label())).toList());
    }

    /** An edit of a message the bot sent: new text, its buttons gone, nobody pinged. */
    public static MessageEditData withoutButtons(String content) {
        return new MessageEditBuilder().setContent(truncate(content)).setComponents(List.of())
                .setAllowedMentions(NONE).mentionRepliedUser(false).build();
    }

    /** An edit (of a deferred interaction reply) that pings nobody. */
    public static MessageEditData silentEdit(String content) {
        return new MessageEditBuilder().setContent(truncate(content)).setAllowedMentions(NONE)
                .mentionRepliedUser(false).build();
    }

    /** Called once at start: JDA's own default would parse users, roles and everyone. */
    public static void installDefaults() {
        net.dv8tion.jda.api.utils.messages.MessageRequest.setDefaultMentions(NONE);
        net.dv8tion.jda.api.utils.messages.MessageRequest.setDefaultMentionRepliedUser(false);
    }
}
