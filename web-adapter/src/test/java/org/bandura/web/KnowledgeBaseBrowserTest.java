package org.bandura.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.bandura.console.ConsoleFrontDoor;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The knowledge base in a real headless Chromium")
class KnowledgeBaseBrowserTest {

    private static final WorkspaceRef OTHER = new WorkspaceRef(Platform.SLACK, "T0THER", "Other team");

    private TestCore core;
    private WebSite members;
    private WebSite open;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        core = TestCore.onH2();
        seed();
        members = new WebSite(core, WebSettings.Visibility.MEMBERS);
        open = new WebSite(core, WebSettings.Visibility.PUBLIC);
        browser = new Browser();
        driver = browser.driver();
    }

    @BeforeEach
    void signedOut() {
        // Both sites share 127.0.0.1, so one cookie jar: every test starts signed out.
        driver.get(members.url("/healthz"));
        browser.forgetCookies();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (open != null) {
            open.close();
        }
        if (members != null) {
            members.close();
        }
        core.close();
    }

    private void seed() {
        Actor alice = member("alice");
        Actor bob = member("bob");
        Actor carol = member("carol");
        core.run(alice, "/expert add java");
        core.run(bob, "/ask How do I size a HikariCP pool? Our connection pools run out under load. #java");
        core.run(alice, "/answer Q1 Start with `connections = cores * 2` and measure. **Never** guess.");
        core.run(carol, "/answer Q1 Use a bigger pool and hope for the best.");
        core.run(member("dave"), "/upvote A2");
        core.run(member("erin"), "/upvote A2");
        core.run(bob, "/accept A1");
        core.run(bob, "/ask Why is my maven build slow? #maven");
        core.run(member("mallory"), "/ask Is <script>document.title='pwned'</script> safe in a page? "
                + "<img src=x onerror=\"document.title='pwned'\"> #html");
        core.run(alice, "/answer Q3 Templates escape it, so it shows as text.");
        core.run(new Actor(OTHER, "U1", "zed", false), "/ask What is our on-call rota? #ops");
        core.database().inTransaction(sql -> sql.update("UPDATE member SET web_hidden = TRUE WHERE user_id = 'carol'"));
    }

    /** Console members: the workspace the console's /web links sign into. */
    private static Actor member(String name) {
        return new Actor(ConsoleFrontDoor.WORKSPACE, name, name, false);
    }

    private void signIn(String link) {
        driver.get(link);
        // Chromium can still be settling the page when it reports it loaded: find and click again if it was.
        WebElement button = new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(page -> {
                    WebElement found = page.findElement(By.id("sign-in"));
                    found.click();
                    return found;
                });
        waitUntilGone(button);
    }

    /**
     * Waits for the page an element was on to be replaced. Under load Chromium sometimes reports a replaced node as
     * "does not belong to the document" instead of stale: both mean the new page is there.
     */
    private void waitUntilGone(WebElement element) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(page -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    private String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    @Test
    @DisplayName("A member signs in with the link from a console session and browses home → search → question")
    void signInAndBrowse() throws Exception {
        // GIVEN a link bob typed /web for in the console
        String link = members.signInLinkFromConsole("bob");
        // WHEN he opens it and signs in
        signIn(link);
        // THEN he is home, signed in, with his open question and the unanswered count per tag
        assertThat(driver.getTitle()).contains("knowledge base");
        assertThat(driver.findElement(By.cssSelector("header .who")).getText()).isEqualTo("bob");
        assertThat(text()).contains("Your open questions").contains("Q2 Why is my maven build slow?");
        assertThat(driver.findElement(By.id("unanswered-by-tag")).getText()).contains("#maven 1 open");
        browser.screenshot("home-signed-in");

        // WHEN he searches with another form of a word ("pooling" finds "pools")
        WebElement box = driver.findElement(By.id("home-search"));
        box.sendKeys("pooling");
        box.submit();
        // THEN the question is found, the matched word highlighted
        assertThat(driver.getTitle()).startsWith("Search: pooling");
        assertThat(driver.findElements(By.cssSelector("ol.results mark"))).extracting(WebElement::getText)
                .contains("pool");
        browser.screenshot("search-pooling");

        // WHEN he opens the hit
        driver.findElement(By.cssSelector("ol.results a.qlink")).click();
        // THEN the question page has a title, a canonical URL and the accepted answer first, though it scores less
        assertThat(driver.getTitle()).startsWith("Q1 How do I size a HikariCP pool?");
        assertThat(driver.findElement(By.cssSelector("link[rel=canonical]")).getAttribute("href"))
                .isEqualTo(members.url("/q/1"));
        List<WebElement> answers = driver.findElements(By.cssSelector("article.answer"));
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).getAttribute("id")).isEqualTo("A1");
        assertThat(answers.get(0).getText()).contains("Accepted answer");
        assertThat(answers.get(0).findElement(By.tagName("code")).getText()).isEqualTo("connections = cores * 2");
        assertThat(answers.get(0).findElement(By.tagName("strong")).getText()).isEqualTo("Never");
        assertThat(answers.get(1).findElement(By.cssSelector(".score")).getText()).isEqualTo("2");
        browser.screenshot("question-accepted-first");

        // WHEN he opens the accepted answer's author
        answers.get(0).findElement(By.cssSelector("a.person")).click();
        // THEN alice's page shows her reputation, drawn as a chart, her badges and her answers, accepted first
        assertThat(driver.getTitle()).startsWith("alice");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(
                By.id("reputation-chart"), "data-drawn", "true"));
        WebElement canvas = driver.findElement(By.cssSelector("#reputation-chart canvas"));
        assertThat(canvas.getSize().getWidth()).isPositive();
        assertThat(driver.findElement(By.id("reputation")).getText()).isEqualTo("16");
        assertThat(driver.findElement(By.id("badges")).getText()).contains("First Answer").contains("Solved");
        assertThat(driver.findElement(By.id("week-reputation")).getText()).isEqualTo("+15");
        assertThat(driver.findElement(By.id("streak")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("progress")).getText()).contains("1 week in a row with an accepted answer");
        assertThat(driver.findElement(By.id("next-badge")).getText())
                .isEqualTo("Next badge: 3 more answers within 15 min of the question to Quick ×5");
        assertThat(driver.findElements(By.cssSelector("#member-answers li")).get(0).getText()).contains("accepted");
        browser.screenshot("member-chart");

        // WHEN he follows a tag from there
        driver.findElement(By.cssSelector("#expert-tags a.tag")).click();
        // THEN the tag page lists its questions and experts with their tag reputation
        assertThat(driver.getTitle()).startsWith("#java");
        assertThat(driver.findElement(By.id("tag-experts")).getText()).contains("alice — 15");
        assertThat(driver.findElements(By.id("save-description"))).as("only moderators edit").isEmpty();
        browser.screenshot("tag-page");

        // WHEN he opens the leaderboard and picks a period
        driver.findElement(By.id("nav-top")).click();
        driver.findElement(By.linkText("this week")).click();
        // THEN the week's standings show
        assertThat(driver.getTitle()).startsWith("Top helpers");
        assertThat(driver.findElement(By.id("leaderboard")).getText()).contains("carol — 20").contains("alice — 15");
        browser.screenshot("leaderboard-week");
    }

    @Test
    @DisplayName("A moderator describes a tag on its page; a member edits their own expert tags")
    void editsGoThroughTheCore() throws Exception {
        signIn(members.signInLinkFromConsole("mia", true));
        driver.get(members.url("/t/java"));
        WebElement description = driver.findElement(By.id("description"));
        description.sendKeys("Questions about the **JVM** and `java.*` libraries.");
        WebElement save = driver.findElement(By.id("save-description"));
        save.click();
        waitUntilGone(save);
        assertThat(driver.findElement(By.cssSelector("#tag-description strong")).getText()).isEqualTo("JVM");
        browser.screenshot("tag-description-saved");

        browser.forgetCookies();
        signIn(members.signInLinkFromConsole("bob"));
        driver.findElement(By.cssSelector("header a.who")).click();
        driver.findElement(By.id("add-expert-tags")).sendKeys("maven gradle");
        WebElement follow = driver.findElement(By.id("follow-tags"));
        follow.click();
        waitUntilGone(follow);
        assertThat(driver.findElement(By.id("expert-tags")).getText()).contains("#gradle").contains("#maven");
        assertThat(core.run(member("bob"), "/expert list").text().toPlainString()).contains("gradle");
        browser.screenshot("expert-tags-edited");
    }

    @Test
    @DisplayName("Members-only: an anonymous reader is asked to sign in; public: answered questions are readable")
    void publicVersusMembers() throws Exception {
        driver.get(members.url("/q/1"));
        assertThat(text()).contains("This knowledge base is for members").contains("/web");
        assertThat(text()).doesNotContain("HikariCP");
        browser.screenshot("members-only-anonymous");

        // Two workspaces are public here: anonymous readers pick one, then read it under /w/<workspace id>
        driver.get(open.url("/"));
        assertThat(driver.findElement(By.id("workspaces")).getText()).contains("Console").contains("Other team");
        driver.findElement(By.linkText("Console")).click();
        assertThat(driver.getTitle()).startsWith("Console — knowledge base");
        driver.get(open.url("/w/console/q/1"));
        assertThat(driver.getTitle()).startsWith("Q1 How do I size a HikariCP pool?");
        // carol hid herself: anonymous readers see "a member"
        assertThat(driver.findElements(By.cssSelector("article.answer .person"))).extracting(WebElement::getText)
                .containsExactly("alice", "a member");
        browser.screenshot("public-question");

        // An unanswered question isn't public
        driver.get(open.url("/w/console/q/2"));
        assertThat(driver.getTitle()).startsWith("Not found");
    }

    @Test
    @DisplayName("A member of another workspace gets 404 for pages that are not theirs")
    void otherWorkspaceGetsNotFound() throws Exception {
        signIn(members.signInLink(new Actor(OTHER, "U1", "zed", false)));
        driver.get(members.url("/q/3"));
        assertThat(driver.getTitle()).startsWith("Not found");
        assertThat(text()).doesNotContain("pwned");
        // their own Q1 is their own question, not the other workspace's
        driver.get(members.url("/q/1"));
        assertThat(driver.getTitle()).startsWith("Q1 What is our on-call rota?");
        driver.get(members.url("/q/3"));
        browser.screenshot("other-workspace-404");
    }

    @Test
    @DisplayName("A used or expired sign-in link is refused with a way to get a new one")
    void usedOrExpiredLinkRefused() throws Exception {
        String link = members.signInLinkFromConsole("alice");
        signIn(link);
        browser.forgetCookies();
        signIn(link);
        assertThat(driver.getTitle()).startsWith("Sign-in link refused");
        assertThat(text()).contains("already used").contains("Type /web in chat");
        browser.screenshot("link-used");

        String late = members.signInLinkFromConsole("alice");
        core.clock().advance(Duration.ofMinutes(11));
        signIn(late);
        assertThat(text()).contains("has expired");
        browser.screenshot("link-expired");
    }

    @Test
    @DisplayName("<script> and <img onerror> in a question are shown as text and never run")
    void scriptStaysInert() throws Exception {
        signIn(members.signInLinkFromConsole("alice"));
        driver.get(members.url("/q/3"));
        // the title is the question's own text, not what the script would have set
        assertThat(driver.getTitle()).startsWith("Q3 Is <script>document.title='pwned'</script>");
        assertThat(driver.findElements(By.cssSelector("main script"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("#question .body")).getText())
                .contains("<script>document.title='pwned'</script>").contains("<img src=x onerror=");
        assertThat(driver.findElements(By.cssSelector("#question .body img"))).isEmpty();
        browser.screenshot("script-inert");
    }

    @Test
    @DisplayName("A form posted without its CSRF token is refused and changes nothing")
    void formWithoutCsrfRefused() throws Exception {
        signIn(members.signInLinkFromConsole("alice"));
        driver.executeScript("document.querySelector('input[name=csrf]').remove()");
        WebElement signOut = driver.findElement(By.id("sign-out"));
        signOut.click();
        waitUntilGone(signOut);
        assertThat(driver.getTitle()).startsWith("Form expired");
        browser.screenshot("csrf-refused");
        // still signed in
        driver.get(members.url("/"));
        assertThat(driver.findElement(By.cssSelector("header .who")).getText()).isEqualTo("alice");
        // with the token, signing out works
        signOut = driver.findElement(By.id("sign-out"));
        signOut.click();
        waitUntilGone(signOut);
        assertThat(text()).contains("This knowledge base is for members");
    }

    private void submit(String buttonId) {
        WebElement button = driver.findElement(By.id(buttonId));
        button.click();
        waitUntilGone(button);
    }

    @Test
    @DisplayName("On their own page a member changes their privacy through the core; bad input is refused politely")
    void memberEditsOwnPrivacy() throws Exception {
        try {
            signIn(members.signInLinkFromConsole("bob"));
            driver.findElement(By.cssSelector("header a.who")).click();
            // today's settings are the ones checked
            assertThat(driver.findElement(By.id("name-show")).isSelected()).isTrue();
            assertThat(driver.findElement(By.id("announcements-on")).isSelected()).isTrue();
            assertThat(driver.findElement(By.id("reminders-on")).isSelected()).isTrue();

            driver.findElement(By.id("name-hide")).click();
            driver.findElement(By.id("reminders-off")).click();
            submit("save-privacy");
            WebElement flash = driver.findElement(By.id("flash"));
            assertThat(flash.getAttribute("class")).contains("info");
            assertThat(flash.getText()).startsWith("Saved.").contains("show you as \"a member\"")
                    .contains("reminders to accept answers are off");
            assertThat(driver.findElement(By.id("name-hide")).isSelected()).isTrue();
            assertThat(driver.findElement(By.id("reminders-off")).isSelected()).isTrue();
            browser.screenshot("member-privacy-saved");
            // chat sees the same settings: the form ran /privacy's commands
            assertThat(core.run(member("bob"), "/privacy").text().toPlainString()).contains("name hidden")
                    .contains("reminders off").contains("announcements on");
            // the message shows once
            driver.navigate().refresh();
            assertThat(driver.findElements(By.id("flash"))).isEmpty();

            // a value no browser sends is refused politely and changes nothing
            driver.executeScript("var off = document.getElementById('announcements-off');"
                    + "off.value = 'loud'; off.checked = true;");
            submit("save-privacy");
            flash = driver.findElement(By.id("flash"));
            assertThat(flash.getAttribute("class")).contains("error");
            assertThat(flash.getText()).isEqualTo("Nothing changed: choose on or off for announcements.");
            assertThat(core.run(member("bob"), "/privacy").text().toPlainString()).contains("announcements on");
            // so is following no tag at all
            submit("follow-tags");
            assertThat(driver.findElement(By.id("flash")).getText()).startsWith("Nothing changed: name at least one tag");
            browser.screenshot("member-privacy-refused");

            // another member's page shows no forms
            driver.get(members.url("/q/1"));
            driver.findElement(By.cssSelector("#A1 a.person")).click();
            assertThat(driver.getTitle()).startsWith("alice");
            assertThat(driver.findElements(By.cssSelector("main form"))).isEmpty();

            // anonymous readers of the public pages now see bob as "a member"
            browser.forgetCookies();
            driver.get(open.url("/w/console/q/1"));
            assertThat(driver.findElement(By.cssSelector("#question .meta .person")).getText()).isEqualTo("a member");
        } finally {
            core.database().inTransaction(sql -> sql.update(
                    "UPDATE member SET web_hidden = FALSE, reminders = TRUE WHERE user_id = 'bob'"));
        }
    }

    @Test
    @DisplayName("Search as you type: results follow the words typed, without leaving the page")
    void searchAsYouType() throws Exception {
        signIn(members.signInLinkFromConsole("alice"));
        driver.get(members.url("/search"));
        driver.executeScript("window.stayedOnPage = true;");
        WebElement box = driver.findElement(By.id("search-query"));
        box.sendKeys("pooling");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.attributeToBe(By.id("search-results"), "data-query", "pooling"));
        List<WebElement> hits = driver.findElements(By.cssSelector("#search-results a.qlink"));
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).getText()).startsWith("Q1 How do I size a HikariCP pool?");
        assertThat(driver.findElements(By.cssSelector("#search-results mark"))).extracting(WebElement::getText)
                .contains("pool");
        assertThat(driver.executeScript("return window.stayedOnPage;")).as("no page load").isEqualTo(true);
        assertThat(driver.getCurrentUrl()).contains("q=pooling");
        assertThat(driver.getTitle()).startsWith("Search: pooling");
        browser.screenshot("search-as-you-type");

        box.clear();
        box.sendKeys("zeppelin");
        wait.until(ExpectedConditions.attributeToBe(By.id("search-results"), "data-query", "zeppelin"));
        assertThat(driver.findElement(By.id("search-results")).getText()).contains("Nothing matches 'zeppelin'");
        assertThat(driver.executeScript("return window.stayedOnPage;")).isEqualTo(true);
    }
}
