package org.bandura.web;

import java.util.Locale;
import java.util.Map;

/**
 * How the knowledge base is served.
 *
 * @param bind       address to listen on
 * @param port       port; 0 picks a free one
 * @param publicUrl  base of every link, no trailing slash; null: {@code http://<bind>:<port>} once the port is known
 * @param visibility who may read the pages of a workspace without an override
 * @param metrics    whether {@code GET /metrics} answers
 * @param workspaceVisibility overrides of {@code visibility}, by workspace external id (Slack team, Discord guild,
 *                            {@code console})
 */
public record WebSettings(String bind, int port, String publicUrl, Visibility visibility, boolean metrics,
                          Map<String, Visibility> workspaceVisibility) {

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
        workspaceVisibility = workspaceVisibility == null ? Map.of() : Map.copyOf(workspaceVisibility);
    }

    /** One visibility for every workspace. */
    public WebSettings(String bind, int port, String publicUrl, Visibility visibility, boolean metrics) {
        this(bind, port, publicUrl, visibility, metrics, Map.of());
    }

    /** Who may read the pages of the workspace with this external id. */
    public Visibility visibilityOf(String workspaceExternalId) {
        return workspaceVisibility.getOrDefault(workspaceExternalId, visibility);
    }

    /** Whether any workspace's pages may be read: otherwise sign-in links are off too. */
    public boolean anyVisible() {
        return visibility != Visibility.OFF || workspaceVisibility.values().stream().anyMatch(v -> v != Visibility.OFF);
    }

    /** Sessions on an https site get Secure cookies. */
    public boolean https() {
        return publicUrl != null && publicUrl.toLowerCase(Locale.ROOT).startsWith("https://");
    }
}
