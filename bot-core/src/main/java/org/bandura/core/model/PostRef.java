package org.bandura.core.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A question or answer as users write it: {@code Q12} or {@code A7}, numbered per workspace. */
public record PostRef(Kind kind, long number) {
    public enum Kind {
        QUESTION("Q"), ANSWER("A");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private static final Pattern FORM = Pattern.compile("([QqAa])#?(\\d{1,12})");

    public static PostRef question(long number) {
        return new PostRef(Kind.QUESTION, number);
    }

    public static PostRef answer(long number) {
        return new PostRef(Kind.ANSWER, number);
    }

    public static Optional<PostRef> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Kind kind = matcher.group(1).toUpperCase(Locale.ROOT).equals("Q") ? Kind.QUESTION : Kind.ANSWER;
        return Optional.of(new PostRef(kind, Long.parseLong(matcher.group(2))));
    }

    public boolean isQuestion() {
        return kind == Kind.QUESTION;
    }

    @Override
    public String toString() {
        return kind.prefix() + number;
    }
}
