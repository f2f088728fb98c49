package org.bandura.core.text;

/** A count with its noun: "1 answer", "2 answers", "0 answers". */
public final class Plural {

    private Plural() {
    }

    public static String of(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
