package org.bandura.core.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How tags are written: {@code #java}, {@code #c++}, {@code #node.js}; stored lower-case without the hash. */
public final class TagSyntax {

    public static final int MAX_LENGTH = 32;
    public static final String RULE = "Tags start with a letter, use letters, digits and + # . - _, "
            + "and have at most " + MAX_LENGTH + " characters, for example #java or #c++.";

    private static final Pattern VALID = Pattern.compile("[\\p{L}][\\p{L}\\p{N}+#._-]{0," + (MAX_LENGTH - 1) + "}");
    /** A hash at the start of a word; "C#", URLs with fragments and Discord's {@code <#channel>} don't count. */
    private static final Pattern HASH_TOKEN = Pattern.compile("(?<![^\\s(\\[])#([^\\s#][^\\s]*)");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"…";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}+#._-]*");

    /** The result of reading tags out of text: the valid ones, and the first malformed one if any. */
    public record Extracted(List<String> tags, Optional<String> malformed) {
    }

    private TagSyntax() {
    }

    /** The normal form of a tag, or empty when it is not a valid tag. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String tag = raw.strip();
        if (tag.startsWith("#")) {
            tag = tag.substring(1);
        }
        tag = tag.toLowerCase(Locale.ROOT);
        return VALID.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
    }

    /** {@code #tag} tokens anywhere in the text. Numbers such as {@code #42} are issue references, not tags. */
    public static Extracted extract(String text) {
        Set<String> tags = new LinkedHashSet<>();
        String malformed = null;
        Matcher matcher = HASH_TOKEN.matcher(text);
        while (matcher.find()) {
            String token = stripTrailingPunctuation(matcher.group(1));
            if (token.isEmpty() || token.chars().allMatch(Character::isDigit)) {
                continue;
            }
            Optional<String> tag = normalize(token);
            if (tag.isPresent()) {
                tags.add(tag.get());
            } else if (malformed == null) {
                malformed = "#" + token;
            }
        }
        return new Extracted(List.copyOf(tags), Optional.ofNullable(malformed));
    }

    /** Lower-case words of the text that could be tag names or aliases, for inferring tags. */
    public static List<String> candidateWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = stripTrailingPunctuation(matcher.group());
            if (!word.isEmpty() && word.length() <= MAX_LENGTH) {
                words.add(word);
            }
        }
        return new ArrayList<>(words);
    }

    private static String stripTrailingPunctuation(String token) {
        int end = token.length();
        while (end > 0 && TRAILING_PUNCTUATION.indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        return token.substring(0, end);
    }
}
