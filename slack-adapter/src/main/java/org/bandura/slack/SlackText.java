package org.bandura.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bandura.core.reply.MemberView;
import org.bandura.core.reply.RichText;

/**
 * Text crossing the Slack border. Incoming text is Slack markup (entities escaped, mentions as {@code <@U…>}); the
 * core stores plain text. Outgoing text is escaped again, so nothing a user typed can ping anyone: only
 * {@link RichText.Mention} spans, which the core fills with routed experts, become real mentions.
 */
public final class SlackText {

    /** Renders core replies as Slack mrkdwn. */
    public static final RichText.Renderer RENDERER = new RichText.Renderer() {
        @Override
        public String plain(String text) {
            return escape(text);
        }

        @Override
        public String emphasis(String text) {
            return "*" + escape(text).replace("*", "") + "*";
        }

        @Override
        public String mention(MemberView member) {
            return SlackText.mention(member.userId());
        }
    };

    private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");

    private SlackText() {
    }

    public static String render(RichText text) {
        return text.render(RENDERER);
    }

    /** Escapes the three characters Slack treats as control characters, so user text stays text. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A real mention; only for user ids the core chose (routed experts, accepted authors). */
    public static String mention(String userId) {
        return "<@" + userId + ">";
    }

    /**
     * Turns Slack message markup into plain text: {@code <@U1|ann>} becomes {@code @ann}, {@code <!here>} becomes
     * {@code @here}, {@code <#C1|general>} becomes {@code #general}, {@code <https://x|label>} becomes
     * {@code label (https://x)}, and {@code &lt; &gt; &amp;} become the characters they stand for.
     */
    /** The user id when the whole text is one user mention ({@code <@U123>} or {@code <@U123|name>}). */
    public static java.util.Optional<String> mentionedUserId(String markup) {
        Matcher matcher = USER_MENTION.matcher(markup == null ? "" : markup.strip());
        return matcher.matches() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    private static final java.util.regex.Pattern USER_MENTION =
            java.util.regex.Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

    public static String fromSlack(String markup) {
        if (markup == null) {
            return "";
        }
        Matcher matcher = MARKUP.matcher(markup);
        StringBuilder out = new StringBuilder(markup.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(plainToken(matcher.group(1))));
        }
        matcher.appendTail(out);
        return unescape(out.toString());
    }

    private static String plainToken(String token) {
        int bar = token.indexOf('|');
        String target = bar < 0 ? token : token.substring(0, bar);
        String label = bar < 0 ? null : token.substring(bar + 1);
        if (target.startsWith("@")) {
            return label != null ? "@" + label : target;
        }
        if (target.startsWith("#")) {
            return label != null ? "#" + label : target;
        }
        if (target.startsWith("!")) {
            if (label != null) {
                return label.startsWith("@") ? label : "@" + label;
            }
            String special = target.substring(1);
            int caret = special.indexOf('^');
            return "@" + (caret < 0 ? special : special.substring(0, caret));
        }
        String link = target.startsWith("mailto:") ? target.substring("mailto:".length()) : target;
        if (label != null && !label.equals(link)) {
            return label + " (" + link + ")";
        }
        return link;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
