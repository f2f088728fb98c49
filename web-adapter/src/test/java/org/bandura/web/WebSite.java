package org.bandura.web;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bandura.console.ConsoleFrontDoor;
import org.bandura.core.command.Command;
import org.bandura.core.knowledge.KnowledgeBase;
import org.bandura.core.knowledge.IndexKnowledgeSearch;
import org.bandura.core.knowledge.WebSignIn;
import org.bandura.core.model.Actor;
import org.bandura.core.reply.Reply;
import org.bandura.core.testing.TestCore;

/** A real core on H2 with the real web server in front of it, on a free port: what the tests browse. */
final class WebSite implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("(https?://\\S+/login/[A-Za-z0-9_-]+)");

    private final TestCore core;
    private final WebServer server;

    WebSite(TestCore core, WebSettings.Visibility visibility) throws PortTakenException {
        this(core, new WebSettings("127.0.0.1", 0, null, visibility, true), null);
    }

    WebSite(TestCore core, WebSettings settings) throws PortTakenException {
        this(core, settings, null);
    }

    WebSite(TestCore core, WebSettings.Visibility visibility, WebServer.HealthDashboard health)
            throws PortTakenException {
        this(core, new WebSettings("127.0.0.1", 0, null, visibility, true), health);
    }

    /** @param health the /health dashboard to serve, or null for none (then /health is 404) */
    WebSite(TestCore core, WebSettings settings, WebServer.HealthDashboard health) throws PortTakenException {
        this.core = core;
        KnowledgeBase knowledge = new KnowledgeBase(core.database(), new IndexKnowledgeSearch(core.database(), core.service().search()),
                core.clock());
        server = new WebServer(settings, core.core(), knowledge,
                new WebSignIn(core.database(), core.clock()), core.database()::isReachable);
        server.serveMetrics(() -> "# metrics for tests\n");
        if (health != null) {
            server.serveHealth(health);
        }
        server.start();
        core.service().enableWebSignIn(server.publicUrl());
    }

    String url(String path) {
        return server.publicUrl() + path;
    }

    /** Types {@code /web} as {@code user} in a real console session and returns the link it printed. */
    String signInLinkFromConsole(String user) throws IOException {
        return signInLinkFromConsole(user, false);
    }

    /** @param moderator whether the console's configuration makes {@code user} a moderator */
    String signInLinkFromConsole(String user, boolean moderator) throws IOException {
        core.service().enableWebSignIn(server.publicUrl());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ConsoleFrontDoor(core.core(), moderator ? List.of(user) : List.of("a-moderator"), user).run(new BufferedReader(new StringReader("/web\n")),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return link(out.toString(StandardCharsets.UTF_8));
    }

    /** {@code /web} as an actor of any workspace, straight through the core. */
    String signInLink(Actor actor) {
        core.service().enableWebSignIn(server.publicUrl());
        Reply reply = core.run(actor, new Command.Web(false));
        return link(reply.text().toPlainString());
    }

    private static String link(String text) {
        Matcher matcher = LINK.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no sign-in link in: " + text);
        }
        return matcher.group(1);
    }

    @Override
    public void close() {
        server.close();
    }
}
