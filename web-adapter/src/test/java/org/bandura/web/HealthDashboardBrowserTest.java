package org.bandura.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bandura.console.ConsoleFrontDoor;
import org.bandura.core.health.HealthMeasures;
import org.bandura.core.health.HealthSettings;
import org.bandura.core.model.Actor;
import org.bandura.core.testing.TestCore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The community health dashboard in a real headless Chromium")
class HealthDashboardBrowserTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final HttpClient http = HttpClient.newHttpClient();
    private TestCore core;
    private WebSite moderatorsOnly;
    private WebSite everyMember;
    private Browser browser;
    private ChromeDriver driver;

    @BeforeAll
    void start() throws Exception {
        core = TestCore.onH2();
        seed();
        HealthSettings settings = new HealthSettings(Duration.ofHours(4), BERLIN, 50);
        moderatorsOnly = new WebSite(core, WebSettings.Visibility.MEMBERS,
                new WebServer.HealthDashboard(new HealthMeasures(core.database(), core.clock(), settings), false));
        everyMember = new WebSite(core, WebSettings.Visibility.MEMBERS,
                new WebServer.HealthDashboard(new HealthMeasures(core.database(), core.clock(), settings), true));
        browser = new Browser();
        driver = browser.driver();
    }

    @BeforeEach
    void signedOut() {
        driver.get(moderatorsOnly.url("/healthz"));
        browser.forgetCookies();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (everyMember != null) {
            everyMember.close();
        }
        if (moderatorsOnly != null) {
            moderatorsOnly.close();
        }
        core.close();
    }

    /** Four weeks of questions, from Monday 2 November 2026 09:00 UTC (the test clock's start). */
    private void seed() {
        Actor alice = member("alice");
        Actor bob = member("bob");
        Actor carol = member("carol");
        Actor dave = member("dave");
        core.run(bob, "/expert add java");
        core.run(alice, "/ask How do I size a HikariCP pool for a busy service? #java");
        core.clock().advance(Duration.ofHours(1));
        core.run(bob, "/answer Q1 Start with connections = cores * 2 and measure under real load.");
        core.run(carol, "/ask Why does my JVM pause for seconds during garbage collection? #java");
        core.clock().advance(Duration.ofHours(6));
        core.run(dave, "/answer Q2 Look at the GC logs first; a huge old generation with CMS pauses like that.");
        core.clock().advance(Duration.ofDays(7));
        core.run(alice, "/ask How do I roll back a Kubernetes deployment safely? #k8s");
        core.clock().advance(Duration.ofMinutes(30));
        core.run(carol, "/answer Q3 kubectl rollout undo deployment/name brings back the previous revision.");
        core.run(dave, "/ask Which Java version should a new service start on today? #java");
        core.clock().advance(Duration.ofDays(7));
        core.run(carol, "/ask How do I read a heap dump without running out of memory? #java");
        core.clock().advance(Duration.ofHours(2));
        core.run(bob, "/answer Q5 Use Eclipse MAT in headless mode on a machine with enough memory for it.");
        core.run(carol, "/accept A4");
        core.clock().advance(Duration.ofDays(7));
        core.run(dave, "/ask What is a sensible default for HTTP client timeouts? #java");
        core.clock().advance(Duration.ofDays(2));
    }

    private static Actor member(String name) {
        return new Actor(ConsoleFrontDoor.WORKSPACE, name, name, false);
    }

    private void signIn(String link) {
        driver.get(link);
        WebElement button = new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(page -> {
                    WebElement found = page.findElement(By.id("sign-in"));
                    found.click();
                    return found;
                });
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));
    }

    private HttpResponse<String> fetch(String url) throws Exception {
        Cookie session = driver.manage().getCookieNamed(WebRoutes.SESSION_COOKIE);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (session != null) {
            request.header("Cookie", WebRoutes.SESSION_COOKIE + "=" + session.getValue());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The table as CSV text: header cells, then every row's cells, as the page shows them. */
    private String tableAsCsv(String id) {
        WebElement table = driver.findElement(By.id(id));
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText)
                .toList()));
        for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
            lines.add(String.join(",", row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()));
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    @Test
    @DisplayName("A moderator opens /health: three charts draw, each table's CSV matches it, the filter is in the URL")
    void moderatorSeesChartsAndCsv() throws Exception {
        signIn(moderatorsOnly.signInLinkFromConsole("mona", true));

        driver.get(moderatorsOnly.url("/health?period=2026-W45"));
        assertThat(driver.getTitle()).contains("Community health");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(page ->
                page.findElements(By.cssSelector(".chart[data-drawn=true] canvas")).size() == 3);
        for (String chart : List.of("first-answer", "sla", "asked")) {
            assertThat(driver.findElements(By.cssSelector("#chart-" + chart + " canvas"))).as(chart).isNotEmpty();
        }
        browser.screenshot("health-moderator");

        // Week 45 (2–8 November): two questions asked, both answered, after 1 h and 6 h.
        assertThat(driver.findElement(By.id("asked")).getText()).isEqualTo("2");
        assertThat(driver.findElement(By.id("answered")).getText()).isEqualTo("2");
        assertThat(driver.findElement(By.id("within-sla")).getText()).isEqualTo("50.0 % (1 of 2)");
        assertThat(driver.findElement(By.id("first-answer-median")).getText()).isEqualTo("1 h");
        assertThat(driver.findElement(By.id("first-answer-p90")).getText()).isEqualTo("6 h");

        // The last four trend rows are the four seeded weeks.
        List<WebElement> asked = driver.findElements(By.cssSelector("#table-asked tbody tr"));
        assertThat(asked).hasSize(12);
        assertThat(asked.subList(8, 12)).extracting(WebElement::getText)
                .containsExactly("2026-11-02 2 2", "2026-11-09 2 1", "2026-11-16 1 1", "2026-11-23 1 0");

        // The chart data beside each row keeps a place for every series, empty weeks included.
        assertThat(driver.findElement(By.cssSelector("#table-first-answer tbody tr")).getAttribute("data-y"))
                .isEqualTo(";");
        assertThat(driver.findElements(By.cssSelector("#table-first-answer tbody tr")).get(8).getAttribute("data-y"))
                .isEqualTo("60.0;360.0");
        for (String chart : List.of("first-answer", "sla", "asked")) {
            String href = driver.findElement(By.id("csv-" + chart)).getAttribute("href");
            HttpResponse<String> csv = fetch(href);
            assertThat(csv.statusCode()).as(href).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
            assertThat(csv.body()).as(chart).isEqualTo(tableAsCsv("table-" + chart));
        }

        // Unanswered now, with links to the questions.
        WebElement unanswered = driver.findElement(By.id("unanswered"));
        assertThat(unanswered.getText()).contains("Q4 Which Java version").contains("Q6 What is a sensible default");
        unanswered.findElement(By.partialLinkText("Q6 What is a sensible default")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/q/6"));

        // Filtering by tag: the form puts it in a URL that can be shared.
        driver.get(moderatorsOnly.url("/health?period=2026-W46"));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-tag"))).selectByValue("k8s");
        driver.findElement(By.id("filter-show")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("tag=k8s"));
        assertThat(driver.getCurrentUrl()).contains("period=2026-W46");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Community health in #k8s");
        assertThat(driver.findElement(By.id("asked")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("first-answer-median")).getText()).isEqualTo("30 min");
        String k8sCsv = driver.findElement(By.id("csv-asked")).getAttribute("href");
        assertThat(k8sCsv).contains("tag=k8s");
        assertThat(fetch(k8sCsv).body()).isEqualTo(tableAsCsv("table-asked"));
        browser.screenshot("health-k8s");
    }

    @Test
    @DisplayName("A member who is no moderator gets 404 for /health and its CSV, unless health.visibility is members")
    void nonModeratorGetsNotFound() throws Exception {
        signIn(moderatorsOnly.signInLinkFromConsole("erin"));

        driver.get(moderatorsOnly.url("/health"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(driver.findElements(By.cssSelector(".chart"))).isEmpty();
        assertThat(fetch(moderatorsOnly.url("/health")).statusCode()).isEqualTo(404);
        assertThat(fetch(moderatorsOnly.url("/health.csv?chart=asked")).statusCode()).isEqualTo(404);

        // The same member on a site where every member may see it.
        HttpResponse<String> open = fetch(everyMember.url("/health"));
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).contains("Community health");

        browser.forgetCookies();
        assertThat(fetch(moderatorsOnly.url("/health")).statusCode()).as("signed out").isEqualTo(404);
        assertThat(fetch(everyMember.url("/health.csv?chart=sla")).statusCode()).as("signed out").isEqualTo(404);
    }

    @Test
    @DisplayName("A bad period, tag or chart is a polite 400 that names what works")
    void badFilters() throws Exception {
        signIn(moderatorsOnly.signInLinkFromConsole("mona", true));

        HttpResponse<String> period = fetch(moderatorsOnly.url("/health?period=last-tuesday"));
        assertThat(period.statusCode()).isEqualTo(400);
        assertThat(period.body()).contains("a week like 2026-W43").doesNotContain("Exception");
        HttpResponse<String> tag = fetch(moderatorsOnly.url("/health?tag=cobol"));
        assertThat(tag.statusCode()).isEqualTo(400);
        assertThat(tag.body()).contains("There is no tag #cobol here");
        HttpResponse<String> chart = fetch(moderatorsOnly.url("/health.csv?chart=pie"));
        assertThat(chart.statusCode()).isEqualTo(400);
        assertThat(chart.body()).contains("first-answer, sla, asked");
        assertThat(fetch(moderatorsOnly.url("/health?period=2026-11&tag=%23java")).statusCode()).isEqualTo(200);
    }
}
