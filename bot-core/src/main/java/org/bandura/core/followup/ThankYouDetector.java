package org.bandura.core.followup;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises an asker's thank-you ("Thanks!", "that worked :)", "Danke schön") in a thread message. Case, accents
 * and punctuation don't matter; a phrase must appear as whole words; text in quotes ({@code > …} lines), code
 * blocks and inline code is ignored, so quoting someone else's "thanks" or code containing "ty" doesn't count.
 */
public final class ThankYouDetector {

    public static final List<String> DEFAULT_PHRASES = List.of("thanks", "thank you", "thank u", "thx", "ty",
            "tysm", "that worked", "it worked", "works now", "solved", "fixed it", "danke", "merci", "gracias",
            "grazie", "obrigado", "obrigada", "dank je", "bedankt", "spasibo");

    private static final Pattern CODE_BLOCK = Pattern.compile("```.*?(```|$)", Pattern.DOTALL);
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern QUOTE_LINE = Pattern.compile("(?m)^\\s*>.*$");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final List<String> phrases;

    public ThankYouDetector(List<String> phrases) {
        this.phrases = phrases.stream().map(ThankYouDetector::words).filter(phrase -> !phrase.isBlank()).toList();
    }

    public static ThankYouDetector withDefaults() {
        return new ThankYouDetector(DEFAULT_PHRASES);
    }

    public boolean isThankYou(String message) {
        if (message == null || message.isBlank()) {
            return false;
        }
        String prose = QUOTE_LINE.matcher(INLINE_CODE.matcher(CODE_BLOCK.matcher(message).replaceAll(" "))
                .replaceAll(" ")).replaceAll(" ");
        String padded = " " + words(prose) + " ";
        return phrases.stream().anyMatch(phrase -> padded.contains(" " + phrase + " "));
    }

    /** Lower case, accents dropped, every run of non-letters one space. */
    private static String words(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return NOT_WORD.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").strip();
    }
}
