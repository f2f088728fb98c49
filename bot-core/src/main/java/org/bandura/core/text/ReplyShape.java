package org.bandura.core.text;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a reply in a question's thread reads as an answer or as a comment: "thanks!", "+1" and "Which version are
 * you on?" help the conversation but answer nothing, so they must not count as answers.
 */
public final class ReplyShape {

    /** Short replies that only thank, agree or ask back; anything longer than this is read as an answer. */
    private static final int SHORT_REPLY_WORDS = 10;
    private static final Pattern THANKS = Pattern.compile(
            "^(thanks|thank you|thank u|thx|ty|tysm|cheers|much appreciated|appreciate it|great,? thanks|merci|danke)\\b.*");
    private static final Pattern AGREEMENT = Pattern.compile(
            "^(\\+1|same here|same problem|same issue|same for me|me too|i have the same|i'm having the same"
                    + "|i am having the same|also interested)\\b.*|^\\+1.*");
    private static final Pattern SENTENCE_BREAK = Pattern.compile("[.!?][\\s]+\\S");

    private ReplyShape() {
    }

    public static boolean isAnswer(String text, int minVisibleChars) {
        String stripped = text == null ? "" : text.strip();
        if (visibleLength(stripped) < minVisibleChars) {
            return false;
        }
        return !isOnlyThanksOrAgreement(stripped) && !isQuestionBack(stripped);
    }

    /** Characters a reader sees: no white space, no zero-width or other format characters. */
    public static int visibleLength(String text) {
        return (int) text.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                        && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.NON_SPACING_MARK)
                .count();
    }

    private static boolean isOnlyThanksOrAgreement(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return wordCount(lower) <= SHORT_REPLY_WORDS && !hasCode(lower)
                && (THANKS.matcher(lower).matches() || AGREEMENT.matcher(lower).matches());
    }

    /** One sentence on one line, ending in a question mark and carrying no code: a question back to the asker. */
    private static boolean isQuestionBack(String text) {
        String body = trimTrailingSymbols(text);
        return body.endsWith("?") && !hasCode(body) && body.lines().count() == 1
                && !SENTENCE_BREAK.matcher(body.substring(0, body.length() - 1)).find();
    }

    private static String trimTrailingSymbols(String text) {
        int end = text.length();
        while (end > 0) {
            int c = text.codePointBefore(end);
            if (Character.isLetterOrDigit(c) || c == '?' || c == '.' || c == '!' || c == '`') {
                break;
            }
            end -= Character.charCount(c);
        }
        return text.substring(0, end);
    }

    private static boolean hasCode(String text) {
        return text.contains("`");
    }

    private static int wordCount(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }
}
