package org.bandura.discord;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.RichText;

/**
 * Text the bot sends. Plain runs can never ping: {@code @} gets a zero-width joiner so that {@code @everyone},
 * {@code @here} and {@code <@id>} typed by a user stay text, and every message carries explicit allowed mentions.
 */
public final class DiscordText implements RichText.Renderer {

    /** Discord's message length limit. */
    public static final int MAX_LENGTH = 2000;
    private static final String ZERO_WIDTH_SPACE = "\u200B";
    private static final EnumSet<Message.MentionType> NONE = EnumSet.noneOf(Message.MentionType.class);

    public static final DiscordText RENDERER = new DiscordText();

    private DiscordText() {
    }

    @Override
    public String plain(String text) {
        return defuse(text);
    }

    /** Bold; asterisks inside are escaped so user text can't end the bold early. */
    @Override
    public String emphasis(String text) {
        return "**" + defuse(text).replace("*", "\\*") + "**";
    }

    @Override
    public String mention(MemberView member) {
        return member.userId().chars().allMatch(Character::isDigit)
                ? "<@" + member.userId() + ">"
                : defuse("@" + member.displayName());
    }

    public static String render(RichText text) {
        return truncate(text.render(RENDERER));
    }

    /** Breaks every mention a user could have typed, keeping the text readable. */
    public static String defuse(String text) {
        return text == null ? "" : text.replace("@", "@" + ZERO_WIDTH_SPACE);
    }

    public static String truncate(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
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
