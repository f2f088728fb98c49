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
    /**
     * A hash at the start of a word or right after a comma ({@code #java,#sql}); "C#", URLs with fragments and
     * Discord's {@code <#channel>} don't count.
     */
    private static final Pattern HASH_TOKEN = Pattern.compile("(?<![^\\s(\\[,])#([^\\s#,][^\\s,]*)");
    /** Code: fenced blocks (an unclosed fence runs to the end) and inline spans of one or more backticks. */
    private static final Pattern CODE = Pattern.compile("```[\\s\\S]*?(?:```|\\z)|(`+)[\\s\\S]+?(?<!`)\\1(?!`)");
    /** {@code #include <stdio.h>}, {@code #import "x.h"}: a preprocessor line, not a tag. */
    private static final Pattern INCLUDED_FILE = Pattern.compile("\\s+[<\"]");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"…";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}+#._-]*");

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

    /**
     * {@code #tag} tokens in the text outside code. A token that is not a valid tag ({@code #!/bin/bash},
     * {@code #0f0}, {@code #[derive(Debug)]}) is plain text, as are numbers such as {@code #42} (issue references)
     * and {@code #include <file>}.
     */
    public static List<String> extract(String text) {
        Set<String> tags = new LinkedHashSet<>();
        String prose = withoutCode(text);
        Matcher matcher = HASH_TOKEN.matcher(prose);
        while (matcher.find()) {
            if (INCLUDED_FILE.matcher(prose).region(matcher.end(), prose.length()).lookingAt()) {
                continue;
            }
            normalize(stripTrailingPunctuation(matcher.group(1))).ifPresent(tags::add);
        }
        return List.copyOf(tags);
    }

    /** The text with every code block and inline code span blanked out, so code is never read as tags. */
    static String withoutCode(String text) {
        return CODE.matcher(text).replaceAll(" ");
    }

    /** Lower-case words of the text that could be tag names or aliases, for inferring tags. */
    public static List<String> candidateWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(withoutCode(text).toLowerCase(Locale.ROOT));
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
