package org.bandura.web;

import java.util.Locale;

/**
 * How the knowledge base is served.
 *
 * @param bind       address to listen on
 * @param port       port; 0 picks a free one
 * @param publicUrl  base of every link, no trailing slash; null: {@code http://<bind>:<port>} once the port is known
 * @param visibility who may read the pages
 * @param metrics    whether {@code GET /metrics} answers
 */
public record WebSettings(String bind, int port, String publicUrl, Visibility visibility, boolean metrics) {

    public enum Visibility {
        /** Only signed-in members of the workspace. */
        MEMBERS,
        /** Anyone may read answered questions; signed-in members see everything of their workspace. */
        PUBLIC,
        /** No knowledge-base pages; /healthz, /metrics and Slack still answer. */
        OFF;

        public static Visibility parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    public WebSettings {
        publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
    }

    /** Sessions on an https site get Secure cookies. */
    public boolean https() {
        return publicUrl != null && publicUrl.toLowerCase(Locale.ROOT).startsWith("https://");
    }
}
