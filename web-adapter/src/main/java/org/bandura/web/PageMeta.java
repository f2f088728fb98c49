package org.bandura.web;

/**
 * What every page's frame needs.
 *
 * @param viewerName null for an anonymous reader
 * @param csrfToken  the signed-in member's form token, or null
 * @param base       prefix of the page's links: "" or {@code /w/<workspace id>}
 * @param member     whether the reader is a signed-in member of the workspace shown (forms, unanswered questions)
 * @param flash      a message the previous form left for this page, or null
 * @param flashError whether that message says something was refused
 */
public record PageMeta(String title, String canonicalUrl, String viewerName, Long viewerId, String csrfToken,
                       String base, boolean member, String flash, boolean flashError) {

    public boolean signedIn() {
        return viewerName != null;
    }
}
