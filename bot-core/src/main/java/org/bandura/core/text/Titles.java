package org.bandura.core.text;

/** A question's title: its first line, white space folded, cut at a word boundary. */
public final class Titles {

    public static final int MAX_LENGTH = 100;

    private Titles() {
    }

    public static String of(String text) {
        String firstLine = text.strip().lines().findFirst().orElse("");
        String folded = firstLine.replaceAll("\\s+", " ").strip();
        if (folded.length() <= MAX_LENGTH) {
            return folded;
        }
        int cut = folded.lastIndexOf(' ', MAX_LENGTH - 1);
        if (cut < MAX_LENGTH / 2) {
            cut = MAX_LENGTH - 1;
        }
        return folded.substring(0, cut).strip() + "…";
    }
}
