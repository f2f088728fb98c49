package org.bandura.web;

import java.util.ArrayList;
import java.util.List;
import org.bandura.core.knowledge.KnowledgeSearch;

/** A search snippet cut into plain and matched pieces, so the template marks matches without building HTML. */
public record Highlighted(String text, boolean match) {

    public static List<Highlighted> of(String snippet, List<KnowledgeSearch.Highlight> highlights) {
        List<Highlighted> pieces = new ArrayList<>();
        int at = 0;
        for (KnowledgeSearch.Highlight highlight : highlights) {
            int start = Math.max(at, Math.min(highlight.start(), snippet.length()));
            int end = Math.max(start, Math.min(highlight.end(), snippet.length()));
            if (start > at) {
                pieces.add(new Highlighted(snippet.substring(at, start), false));
            }
            if (end > start) {
                pieces.add(new Highlighted(snippet.substring(start, end), true));
            }
            at = end;
        }
        if (at < snippet.length()) {
            pieces.add(new Highlighted(snippet.substring(at), false));
        }
        return pieces;
    }
}
