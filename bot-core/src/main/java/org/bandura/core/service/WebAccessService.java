package org.bandura.core.service;

import java.sql.SQLException;
import org.bandura.core.command.Command;
import org.bandura.core.knowledge.WebSignIn;
import org.bandura.core.reply.Reply;

/** {@code /web}: a private one-time sign-in link, and {@code /web logout}. */
final class WebAccessService {

    private volatile String baseUrl;

    /** @param baseUrl the knowledge base's public URL without a trailing slash; null while the web is off */
    void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply web(Context context, Command.Web web) throws SQLException {
        if (web.logout()) {
            int ended = WebSignIn.endSessionsOf(context.sql(), context.member().id());
            return Reply.ok(ended == 0 ? "You weren't signed in to the knowledge base anywhere."
                    : "Signed out of the knowledge base (" + Texts.plural(ended, "session", "sessions") + ").");
        }
        String base = baseUrl;
        if (base == null) {
            throw new Refusal("The knowledge base isn't running here. An admin can turn it on with http.enabled: true.");
        }
        String token = WebSignIn.createLinkToken(context.sql(), context.workspaceId(), context.member().id(),
                context.isModerator(), context.now());
        return Reply.ok("Your sign-in link for the knowledge base (just for you, works once, for "
                + WebSignIn.LINK_LIFETIME.toMinutes() + " minutes): " + base + "/login/" + token);
    }
}
