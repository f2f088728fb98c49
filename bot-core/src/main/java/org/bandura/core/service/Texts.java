package org.bandura.core.service;

import java.util.List;
import java.util.stream.Collectors;

/** Small shared wording helpers for replies. */
final class Texts {

    private Texts() {
    }

    static void requireWithinLimit(String text, int limit, String what) {
        int length = text.codePointCount(0, text.length());
        if (length > limit) {
            throw new Refusal(what + " is " + length + " characters long; the limit is " + limit
                    + ". Please shorten it" + (what.startsWith("Your question") ? " or split it into two questions." : "."));
        }
    }

    static String hashTags(List<String> names) {
        return names.stream().map(name -> "#" + name).collect(Collectors.joining(" "));
    }

    static String plural(long count, String one, String many) {
        return org.bandura.core.text.Plural.of(count, one, many);
    }
}
