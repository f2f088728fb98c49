package org.bandura.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a long text into pieces that each fit a platform's limit, so the whole text can be shown in several
 * messages or blocks. Cuts fall at a line break when one is near, else at a space, and never inside a character
 * (surrogate pair, letter with combining marks, emoji sequence). A code block that has to be cut is closed at the
 * end of one piece and reopened, with its language, at the start of the next, so every piece renders as code.
 * The limit counts UTF-16 units, the stricter of the ways platforms count.
 */
public final class TextChunks {

    static final String FENCE = "```";
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    /** A cut at a line break is preferred when it keeps at least this share of the piece. */
    private static final int MIN_SHARE = 2;

    private TextChunks() {
    }

    public static List<String> split(String text, int maxLength) {
        if (maxLength < 16) {
            throw new IllegalArgumentException("maxLength must leave room for a code fence, got " + maxLength);
        }
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (rest.length() > maxLength) {
            // Reserve room to close a fence left open by the cut.
            int budget = maxLength - (FENCE.length() + 1);
            int cut = cut(rest, budget);
            String head = rest.substring(0, cut);
            String tail = rest.substring(cut);
            String openFence = openFence(head);
            if (openFence != null) {
                head = stripTrailingNewline(head) + "\n" + FENCE;
                tail = openFence + "\n" + stripLeadingNewline(tail);
            } else {
                tail = stripLeadingNewline(tail);
            }
            pieces.add(head);
            rest = tail;
        }
        pieces.add(rest);
        return pieces;
    }

    /**
     * The text if it fits, else its first piece and "…", at most {@code maxLength} units in all: for places that
     * hold one line (a thread name, a menu label).
     */
    public static String shorten(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        return split(text, maxLength - 1).get(0).stripTrailing() + "…";
    }

    /** Where to cut {@code text} so that the head has at most {@code budget} units. */
    private static int cut(String text, int budget) {
        int limit = lastBoundaryAtMost(text, budget);
        int newline = text.lastIndexOf('\n', limit - 1);
        if (newline > 0 && newline >= limit / MIN_SHARE && isBoundary(text, newline)) {
            return newline;
        }
        for (int i = limit - 1; i >= limit / MIN_SHARE; i--) {
            if (Character.isWhitespace(text.charAt(i)) && isBoundary(text, i)) {
                return i + 1;
            }
        }
        return limit;
    }

    private static int lastBoundaryAtMost(String text, int budget) {
        Matcher grapheme = GRAPHEME.matcher(text);
        int last = 0;
        while (grapheme.find() && grapheme.end() <= budget) {
            last = grapheme.end();
        }
        if (last == 0) {
            // One "character" longer than the budget (a pathological run of combining marks): cut at a code point.
            last = Character.isHighSurrogate(text.charAt(budget - 1)) ? budget - 1 : budget;
        }
        return last;
    }

    private static boolean isBoundary(String text, int index) {
        if (index == 0) {
            return true;
        }
        Matcher grapheme = GRAPHEME.matcher(text);
        grapheme.region(Math.max(0, index - 64), text.length());
        while (grapheme.find()) {
            if (grapheme.end() >= index) {
                return grapheme.end() == index;
            }
        }
        return false;
    }

    /** The opening fence line ({@code ```java}) when the text ends inside a code block, else null. */
    static String openFence(String text) {
        String opener = null;
        int from = 0;
        while (true) {
            int at = text.indexOf(FENCE, from);
            if (at < 0) {
                return opener;
            }
            if (opener == null) {
                int lineEnd = text.indexOf('\n', at);
                String rest = text.substring(at + FENCE.length(), lineEnd < 0 ? text.length() : lineEnd).strip();
                boolean language = !rest.isEmpty() && rest.length() <= 20 && rest.chars().allMatch(c -> Character.isLetterOrDigit(c)
                        || c == '+' || c == '-' || c == '#' || c == '_');
                opener = language ? FENCE + rest : FENCE;
            } else {
                opener = null;
            }
            from = at + FENCE.length();
        }
    }

    private static String stripTrailingNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static String stripLeadingNewline(String text) {
        return text.startsWith("\n") ? text.substring(1) : text;
    }
}
