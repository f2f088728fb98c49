package org.bandura.core.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a reader actually sees of a text: invisible characters don't make a question, refusals quote a little. */
public final class VisibleText {

    /** How much of a person's input a refusal repeats back. */
    public static final int QUOTE_LENGTH = 40;

    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final Pattern HASH_TAG_TOKEN = Pattern.compile("(?<![^\\s(\\[])#[^\\s#]\\S*");

    private VisibleText() {
    }

    /** True when the text has no character anyone could see: only spaces, zero-width and format characters. */
    public static boolean isBlank(String text) {
        return text == null || text.codePoints().allMatch(VisibleText::isInvisible);
    }

    /** True when something besides {@code #tag} tokens is left to read ("{@code #java}" alone asks nothing). */
    public static boolean hasWordsBesideTags(String text) {
        return !isBlank(HASH_TAG_TOKEN.matcher(text == null ? "" : text).replaceAll(" "));
    }

    /**
     * The start of someone's input for a refusal, at most {@link #QUOTE_LENGTH} characters, cut between whole
     * characters (an emoji or a letter with its accents stays whole) and marked with "…" when cut.
     */
    public static String quote(String input) {
        if (input == null) {
            return "";
        }
        String oneLine = input.replaceAll("\\s+", " ").strip();
        Matcher grapheme = GRAPHEME.matcher(oneLine);
        int count = 0;
        int end = 0;
        while (grapheme.find()) {
            if (count == QUOTE_LENGTH) {
                return oneLine.substring(0, end) + "…";
            }
            end = grapheme.end();
            count++;
        }
        return oneLine;
    }

    static boolean isInvisible(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        // Unassigned code points count as visible: they may be emoji newer than this JDK's Unicode tables.
        if (type == Character.FORMAT || type == Character.CONTROL) {
            return true;
        }
        return isVariationSelector(codePoint) || isFiller(codePoint);
    }

    private static boolean isVariationSelector(int codePoint) {
        return (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
    }

    /** Letters by category that render as nothing (Hangul fillers, braille blank), a known way to fake content. */
    private static boolean isFiller(int codePoint) {
        return codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
                || codePoint == 0x2800 || codePoint == 0x034F;
    }
}
