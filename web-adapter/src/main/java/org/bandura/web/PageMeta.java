package org.bandura.web;

/**
 * What every page's frame needs.
 *
 * @param viewerName null for an anonymous reader
 * @param csrfToken  the signed-in member's form token, or null
 */
public record PageMeta(String title, String canonicalUrl, String viewerName, Long viewerId, String csrfToken) {

    public boolean signedIn() {
        return viewerName != null;
    }
}
