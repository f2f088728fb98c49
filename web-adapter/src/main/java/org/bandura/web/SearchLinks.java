package org.bandura.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.bandura.core.knowledge.KnowledgeBase.SearchPage;

/** The query string of another page of the same search: the words, tag and status as given, URL-encoded. */
public final class SearchLinks {

    private SearchLinks() {
    }

    public static String pageQuery(SearchPage search, int page) {
        String status = switch (search.filter()) {
            case ANY -> "all";
            case UNANSWERED -> "unanswered";
            case ANSWERED -> "answered";
        };
        return "q=" + encode(search.query()) + "&tag=" + encode(search.tag() == null ? "" : search.tag())
                + "&status=" + status + "&page=" + page;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
