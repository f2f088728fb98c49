package org.bandura.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat formatting people type (``` code blocks, `inline code`, **bold**, *bold*, links) turned into plain records
 * a template renders. Nothing here produces HTML: the template engine escapes every piece of text, so a question
 * containing {@code <script>} shows as text.
 */
public final class ChatMarkup {

    public enum Kind {
        TEXT, CODE, BOLD, LINK
    }

    /** @param href only for LINK, and only http(s) */
    public record Span(Kind kind, String text, String href) {
    }

    /** A paragraph of spans, or a code block ({@code code} true, its text in the single span). */
    public record Block(boolean code, List<Span> spans) {
        public String text() {
            return spans.isEmpty() ? "" : spans.get(0).text();
        }
    }

    private static final Pattern FENCE = Pattern.compile("```(?:[a-zA-Z0-9_+-]*\\n)?(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile(
            "`([^`\\n]+)`|\\*\\*([^*\\n]+)\\*\\*|\\*([^*\\n]+)\\*|<?(https?://[^\\s<>|]+?)(?:\\|([^>]+))?>?(?=[\\s)]|$)");

    private ChatMarkup() {
    }

    public static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(text == null ? "" : text);
        int at = 0;
        while (fence.find()) {
            paragraphs(text.substring(at, fence.start()), blocks);
            blocks.add(new Block(true, List.of(new Span(Kind.CODE, fence.group(1).stripTrailing(), null))));
            at = fence.end();
        }
        paragraphs(text == null ? "" : text.substring(at), blocks);
        return blocks;
    }

    private static void paragraphs(String text, List<Block> blocks) {
        for (String paragraph : text.split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) {
                blocks.add(new Block(false, spans(paragraph.strip())));
            }
        }
    }

    static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher inline = INLINE.matcher(text);
        int at = 0;
        while (inline.find()) {
            if (inline.start() > at) {
                spans.add(new Span(Kind.TEXT, text.substring(at, inline.start()), null));
            }
            if (inline.group(1) != null) {
                spans.add(new Span(Kind.CODE, inline.group(1), null));
            } else if (inline.group(2) != null || inline.group(3) != null) {
                spans.add(new Span(Kind.BOLD, inline.group(2) != null ? inline.group(2) : inline.group(3), null));
            } else {
                String href = inline.group(4);
                spans.add(new Span(Kind.LINK, inline.group(5) != null ? inline.group(5) : href, href));
            }
            at = inline.end();
        }
        if (at < text.length()) {
            spans.add(new Span(Kind.TEXT, text.substring(at), null));
        }
        return spans;
    }
}
