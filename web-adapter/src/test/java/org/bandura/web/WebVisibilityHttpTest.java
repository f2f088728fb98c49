package org.bandura.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Visibility per workspace and the sign-in form, over plain HTTP")
class WebVisibilityHttpTest {

    private static final WorkspaceRef MEMBERS_ONLY = new WorkspaceRef(Platform.SLACK, "TPRIVATE", "Private team");
    private static final WorkspaceRef OPEN = new WorkspaceRef(Platform.DISCORD, "123456789012345678", "Open server");
    private static final WorkspaceRef CLOSED = new WorkspaceRef(Platform.SLACK, "TCLOSED", "Closed team");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    private TestCore core;
    private WebSite site;

    @BeforeEach
    void seed() {
        core = TestCore.onH2();
        Actor alice = new Actor(MEMBERS_ONLY, "UALICE", "alice", false);
        core.run(alice, "/ask How do we rotate the secret payroll keys? #security");
        core.run(new Actor(MEMBERS_ONLY, "UBOB", "bob", false), "/answer Q1 With the vault job, every quarter.");
        Actor zed = new Actor(OPEN, "9001", "zed", false);
        core.run(zed, "/ask How do I build the plugin from source? #build");
        core.run(new Actor(OPEN, "9002", "yan", false), "/answer Q1 Run the gradle wrapper with the build task.");
        core.run(zed, "/ask Why does the nightly crash on arm64? #build");
        core.run(new Actor(CLOSED, "UCAT", "cat", false), "/ask Where is the closed team's runbook? #ops");
    }

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
        core.close();
    }

    /** web.visibility members, one workspace public, one off. */
    private void startSite() throws PortTakenException {
        site = new WebSite(core, new WebSettings("127.0.0.1", 0, null, WebSettings.Visibility.MEMBERS, true,
                Map.of(OPEN.externalId(), WebSettings.Visibility.PUBLIC, CLOSED.externalId(), WebSettings.Visibility.OFF)));
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(site.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient client, String urlOrPath, String form) throws Exception {
        URI uri = URI.create(urlOrPath.startsWith("http") ? urlOrPath : site.url(urlOrPath));
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a csrf field in the form").isTrue();
        return matcher.group(1);
    }

    /** Opens the link as a browser would: the page, then its Sign in button (a POST carrying the page's token). */
    private HttpClient signedIn(Actor actor) throws Exception {
        HttpClient client = browser();
        String link = site.signInLink(actor);
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> done = post(client, link, "csrf=" + URLEncoder.encode(csrf(page.body()), StandardCharsets.UTF_8));
        assertThat(done.statusCode()).isEqualTo(303);
        return client;
    }

    @Test
    @DisplayName("one workspace public, one members-only: anonymous readers see the public one only")
    void anonymousSeesOnlyThePublicWorkspace() throws Exception {
        startSite();
        HttpClient anonymous = browser();
        HttpResponse<String> home = get(anonymous, "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Open server knowledge base").contains("How do I build the plugin")
                .doesNotContain("payroll").doesNotContain("Private team").doesNotContain("runbook");
        assertThat(get(anonymous, "/q/1").body()).contains("How do I build the plugin").doesNotContain("payroll");
        HttpResponse<String> prefixed = get(anonymous, "/w/" + OPEN.externalId() + "/q/1");
        assertThat(prefixed.statusCode()).isEqualTo(200);
        assertThat(prefixed.body()).contains("How do I build the plugin")
                .contains("href=\"/w/" + OPEN.externalId() + "/t/build\"")
                .contains("<link rel=\"canonical\" href=\"" + site.url("/w/" + OPEN.externalId() + "/q/1") + "\">");
        for (String home2 : new String[] {"/w/" + OPEN.externalId(), "/w/" + OPEN.externalId() + "/"}) {
            assertThat(get(anonymous, home2).body()).as(home2).contains("Open server knowledge base");
        }
        // unanswered questions stay private even in a public workspace
        assertThat(get(anonymous, "/w/" + OPEN.externalId() + "/q/2").statusCode()).isEqualTo(404);

        for (String path : new String[] {"/w/TPRIVATE/", "/w/TPRIVATE/q/1", "/w/TPRIVATE/search?q=payroll",
                "/w/TPRIVATE/t/security", "/w/TPRIVATE/top", "/w/TCLOSED/q/1", "/w/TNOSUCH/q/1"}) {
            HttpResponse<String> hidden = get(anonymous, path);
            assertThat(hidden.statusCode()).as(path).isEqualTo(404);
            assertThat(hidden.body()).as(path).doesNotContain("payroll").doesNotContain("Private team")
                    .doesNotContain("runbook").contains("sign in first");
        }
        assertThat(get(anonymous, "/search?q=payroll").body()).contains("Nothing matches").doesNotContain("rotate");
        assertThat(get(anonymous, "/search?q=how+is+the").body())
                .contains("'how is the' has only words too common to search for").doesNotContain("Nothing matches");
    }

    @Test
    @DisplayName("search paging keeps words with & and # as typed, and a NUL in the words is dropped, not echoed")
    void searchPagingAndOddInput() throws Exception {
        Actor zed = new Actor(OPEN, "9001", "zed", false);
        Actor yan = new Actor(OPEN, "9002", "yan", false);
        for (int n = 3; n <= 13; n++) { // Q3..Q13, answered: 12 plugin questions with Q1, a page and a bit
            core.run(zed, "/ask Plugin question number " + n + " about the C# loader? #build");
            core.run(yan, "/answer Q" + n + " Reload the plugin.");
        }
        startSite();
        HttpClient anonymous = browser();
        String first = get(anonymous, "/search?q=" + URLEncoder.encode("plugin & c#", StandardCharsets.UTF_8)).body();
        assertThat(first).contains("1 answer</span>").doesNotContain("1 answers")
                .contains("value=\"plugin &amp; c#\"")
                .contains("href=\"/search?q=plugin+%26+c%23&amp;tag=&amp;status=answered&amp;page=2\"");
        String second = get(anonymous, "/search?q=plugin+%26+c%23&tag=&status=answered&page=2").body();
        assertThat(second).contains("value=\"plugin &amp; c#\"").contains("rel=\"prev\"")
                .containsPattern("href=\"/q/\\d+\"").doesNotContain("id=\"next-page\"");

        HttpResponse<String> nul = get(anonymous, "/search?q=plu%00gin");
        assertThat(nul.statusCode()).isEqualTo(200);
        assertThat(nul.body()).doesNotContain("\u0000").contains("value=\"plugin\"").contains("Search: plugin");
    }

    @Test
    @DisplayName("a member of the members-only workspace reads it, and gets 404 for another workspace's question")
    void memberGetsNotFoundElsewhere() throws Exception {
        startSite();
        HttpClient zed = signedIn(new Actor(OPEN, "9001", "zed", false));
        // zed's own workspace, with his open question
        assertThat(get(zed, "/").body()).contains("Why does the nightly crash on arm64?");
        for (String path : new String[] {"/w/TPRIVATE/q/1", "/w/TPRIVATE/", "/w/TPRIVATE/search?q=payroll",
                "/w/TPRIVATE/t/security", "/w/TCLOSED/q/1"}) {
            HttpResponse<String> other = get(zed, path);
            assertThat(other.statusCode()).as(path).isEqualTo(404);
            assertThat(other.body()).as(path).doesNotContain("payroll").doesNotContain("Private team")
                    .doesNotContain("runbook").doesNotContain("sign in first");
        }

        HttpClient alice = signedIn(new Actor(MEMBERS_ONLY, "UALICE", "alice", true));
        HttpResponse<String> own = get(alice, "/q/1");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("How do we rotate the secret payroll keys?");
        assertThat(get(alice, "/w/TPRIVATE/q/1").body()).contains("payroll");
        // a public workspace is public for her too, but only its answered questions
        assertThat(get(alice, "/w/" + OPEN.externalId() + "/q/1").statusCode()).isEqualTo(200);
        assertThat(get(alice, "/w/" + OPEN.externalId() + "/q/2").statusCode()).isEqualTo(404);
        // a moderator edits her own workspace's tags, never another's: there the page has no form
        assertThat(get(alice, "/t/security").body()).contains("save-description");
        assertThat(get(alice, "/w/" + OPEN.externalId() + "/t/build").body()).doesNotContain("save-description");
    }

    @Test
    @DisplayName("a workspace whose pages are off refuses its members' sign-in links")
    void workspaceOff() throws Exception {
        startSite();
        HttpClient cat = browser();
        String link = site.signInLink(new Actor(CLOSED, "UCAT", "cat", false));
        HttpResponse<String> page = cat.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = post(cat, link, "csrf=" + csrf(page.body()));
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("off for your workspace");
        assertThat(get(cat, "/").body()).doesNotContain("runbook").contains("Open server");
    }

    @Test
    @DisplayName("two public workspaces: anonymous readers choose one; an unprefixed page names the choices")
    void chooserWhenSeveralArePublic() throws Exception {
        site = new WebSite(core, new WebSettings("127.0.0.1", 0, null, WebSettings.Visibility.PUBLIC, true,
                Map.of(CLOSED.externalId(), WebSettings.Visibility.MEMBERS)));
        HttpClient anonymous = browser();
        HttpResponse<String> home = get(anonymous, "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("href=\"/w/TPRIVATE\"").contains("href=\"/w/" + OPEN.externalId() + "\"")
                .doesNotContain("TCLOSED").doesNotContain("Closed team");
        HttpResponse<String> ambiguous = get(anonymous, "/q/1");
        assertThat(ambiguous.statusCode()).isEqualTo(404);
        assertThat(ambiguous.body()).contains("pick one");
        assertThat(get(anonymous, "/w/TPRIVATE/q/1").body()).contains("payroll");
        assertThat(get(anonymous, "/w/TCLOSED/q/1").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("the sign-in button's POST without the page's token is refused and the link stays unused")
    void signInNeedsTheFormToken() throws Exception {
        startSite();
        String link = site.signInLink(new Actor(MEMBERS_ONLY, "UALICE", "alice", false));

        // a GET only shows the button (link previews can't spend the link); it sets the form's token cookie
        HttpClient client = browser();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"sign-in\"");
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(WebRoutes.LOGIN_COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        String token = csrf(page.body());

        // without the field
        HttpResponse<String> noField = post(client, link, "");
        assertThat(noField.statusCode()).isEqualTo(403);
        assertThat(noField.body()).contains("security token")
                .as("the page never echoes the link's token").doesNotContain(link.substring(link.lastIndexOf('/') + 1));
        // a wrong field
        assertThat(post(client, link, "csrf=forged").statusCode()).isEqualTo(403);
        // the right field but no cookie: another site posting the form
        assertThat(post(browser(), link, "csrf=" + token).statusCode()).isEqualTo(403);
        long used = core.database().inTransaction(sql -> sql.count(
                "SELECT COUNT(*) FROM web_login_token WHERE used_at IS NOT NULL"));
        assertThat(used).as("link unused").isZero();
        assertThat(core.rows("web_session")).isZero();

        // the real button still works: the link was not used up
        HttpResponse<String> signedIn = post(client, link, "csrf=" + token);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(get(client, "/").body()).contains("payroll");
        assertThat(core.rows("web_session")).isEqualTo(1);
    }
}
