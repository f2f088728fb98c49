package org.bandura.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.knowledge.KnowledgeBase;
import org.bandura.core.model.Period;
import org.bandura.core.reply.Reply;
import org.bandura.core.knowledge.KnowledgeSearch;
import org.bandura.core.knowledge.WebSignIn;
import org.bandura.core.health.HealthMeasures;
import org.bandura.core.health.HealthReport;
import org.bandura.core.health.PeriodSpec;
import org.bandura.core.health.WeekPoint;

/**
 * Every route of the web server, in one place ({@link #register}), and the handlers: parse the request, ask the
 * knowledge base, render a template. Pages of another workspace, and pages hidden from the reader, are 404.
 *
 * <p>Every page is served twice: unprefixed ({@code /q/12}) for the signed-in member's own workspace, or the one
 * public workspace, and under {@code /w/<workspace id>} for any workspace the reader may see. Which workspaces are
 * public, members-only or off is {@link WebSettings#visibilityOf}.
 */
final class WebRoutes {

    static final String SESSION_COOKIE = "bandura_session";
    /** Double-submit token of the sign-in form: set by the page, sent back in the form, never across sites. */
    static final String LOGIN_COOKIE = "bandura_login";
    /** One message for the next page after a form (redirect after POST). */
    static final String FLASH_COOKIE = "bandura_flash";
    private static final int FLASH_MAX_CHARS = 600;
    static final int SEARCH_PAGE_SIZE = 10;
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final String VIEWER = "bandura.viewer";
    /** Set once a page is rendered, so the 404 fallback leaves a page's own 404 (with its reasons) alone. */
    private static final String RENDERED = "bandura.rendered";

    private final WebSettings settings;
    private final BanduraCore core;
    private final KnowledgeBase knowledge;
    private final WebSignIn signIn;
    private final BooleanSupplier databaseReachable;
    private final Supplier<String> publicUrl;
    private final Supplier<String> metrics;
    private final Map<String, WebServer.RawEndpoint> rawEndpoints;
    private final WebServer.HealthDashboard health;
    private final SecureRandom random = new SecureRandom();

    /**
     * Whose pages a request reads.
     *
     * @param base   the path prefix of links on the page: "" or {@code /w/<workspace id>}
     * @param member whether the reader is a signed-in member of this workspace (forms, unanswered questions)
     */
    private record Reading(KnowledgeBase.Scope scope, String base, boolean member) {
    }

    WebRoutes(WebSettings settings, BanduraCore core, KnowledgeBase knowledge, WebSignIn signIn,
              BooleanSupplier databaseReachable, Supplier<String> publicUrl, Supplier<String> metrics,
              Map<String, WebServer.RawEndpoint> rawEndpoints, WebServer.HealthDashboard health) {
        this.health = health;
        this.settings = settings;
        this.core = core;
        this.knowledge = knowledge;
        this.signIn = signIn;
        this.databaseReachable = databaseReachable;
        this.publicUrl = publicUrl;
        this.metrics = metrics;
        this.rawEndpoints = Map.copyOf(rawEndpoints);
    }

    void register(RoutesConfig routes) {
        routes.before(this::securityHeaders);
        routes.get("/healthz", this::health);
        routes.get("/metrics", this::metrics);
        rawEndpoints.forEach((path, endpoint) -> routes.post(path, ctx -> raw(ctx, endpoint)));
        for (String prefix : List.of("", "/w/{workspace}")) {
            routes.get(prefix.isEmpty() ? "/" : prefix, this::home);
            routes.get(prefix + "/q/{number}", this::question);
            routes.get(prefix + "/search", this::search);
            routes.get(prefix + "/t/{tag}", this::tag);
            routes.get(prefix + "/u/{id}", this::member);
            routes.get(prefix + "/top", this::leaderboard);
        }
        routes.post("/t/{tag}/description", this::describeTag);
        routes.post("/u/{id}/experts", this::editExpertTags);
        routes.get("/health", this::healthPage);
        routes.get("/health.csv", this::healthCsv);
        routes.post("/u/{id}/privacy", this::editPrivacy);
        routes.get("/login/{token}", this::loginPage);
        routes.post("/login/{token}", this::login);
        routes.post("/logout", this::logout);
        routes.error(404, ctx -> {
            if (ctx.attribute(RENDERED) == null) {
                notFoundPage(ctx);
            }
        });
    }

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        // Sign-in links carry a token in the path: never send it on as a referrer.
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private void health(Context ctx) {
        boolean up = databaseReachable.getAsBoolean();
        ctx.status(up ? 200 : 503).contentType("application/json")
                .result("{\"status\":\"" + (up ? "ok" : "degraded") + "\",\"database\":\"" + (up ? "up" : "down") + "\"}");
    }

    private void metrics(Context ctx) {
        if (!settings.metrics() || metrics == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Metrics are off (http.metrics).");
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
    }

    private void raw(Context ctx, WebServer.RawEndpoint endpoint) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        WebServer.RawResponse response = endpoint.handle(new WebServer.RawRequest(ctx.method().name(), ctx.path(),
                ctx.queryString(), headers, ctx.bodyAsBytes(), ctx.ip()));
        ctx.status(response.status());
        response.headers().forEach((name, values) -> values.forEach(value -> ctx.res().addHeader(name, value)));
        if (response.contentType() != null) {
            ctx.contentType(response.contentType());
        }
        ctx.result(response.body());
    }

    private void home(Context ctx) {
        Optional<Reading> reading = readingOrExplain(ctx);
        if (reading.isEmpty()) {
            return;
        }
        KnowledgeBase.HomePage page = knowledge.home(reading.get().scope());
        render(ctx, 200, "home.jte", meta(ctx, reading.get(), page.workspaceName() + " — knowledge base", "/"),
                Map.of("page", page));
    }

    private void question(Context ctx) {
        Optional<Reading> reading = readingOrExplain(ctx);
        if (reading.isEmpty()) {
            return;
        }
        String raw = ctx.pathParam("number");
        String digits = raw.startsWith("Q") || raw.startsWith("q") ? raw.substring(1) : raw;
        Optional<KnowledgeBase.QuestionPage> page = digits.matches("\\d{1,15}")
                ? knowledge.question(reading.get().scope(), Long.parseLong(digits)) : Optional.empty();
        if (page.isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        KnowledgeBase.QuestionPage question = page.get();
        render(ctx, 200, "question.jte", meta(ctx, reading.get(), "Q" + question.question().number() + " "
                + question.question().title(), "/q/" + question.question().number()), Map.of("page", question));
    }

    private void search(Context ctx) {
        Optional<Reading> reading = readingOrExplain(ctx);
        if (reading.isEmpty()) {
            return;
        }
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        String tag = ctx.queryParam("tag");
        KnowledgeSearch.AnswerFilter filter = switch (Optional.ofNullable(ctx.queryParam("status")).orElse("answered")) {
            case "all" -> KnowledgeSearch.AnswerFilter.ANY;
            case "unanswered" -> KnowledgeSearch.AnswerFilter.UNANSWERED;
            default -> KnowledgeSearch.AnswerFilter.ANSWERED;
        };
        String pageText = Optional.ofNullable(ctx.queryParam("page")).orElse("1");
        int pageNumber = pageText.matches("\\d{1,4}") ? Integer.parseInt(pageText) : 1;
        KnowledgeBase.SearchPage page = knowledge.search(reading.get().scope(), query, tag, filter, pageNumber,
                SEARCH_PAGE_SIZE);
        List<List<Highlighted>> snippets = new ArrayList<>();
        page.results().forEach(result -> snippets.add(Highlighted.of(result.snippet(), result.highlights())));
        render(ctx, 200, "search.jte", meta(ctx, reading.get(), page.query().isEmpty() ? "Search" : "Search: " + page.query(),
                "/search"), Map.of("page", page, "snippets", snippets));
    }

    private void tag(Context ctx) {
        Optional<Reading> reading = readingOrExplain(ctx);
        if (reading.isEmpty()) {
            return;
        }
        KnowledgeBase.TagSort sort = switch (Optional.ofNullable(ctx.queryParam("sort")).orElse("newest")) {
            case "votes" -> KnowledgeBase.TagSort.VOTES;
            case "unanswered" -> KnowledgeBase.TagSort.UNANSWERED;
            default -> KnowledgeBase.TagSort.NEWEST;
        };
        Optional<KnowledgeBase.TagPage> page = knowledge.tag(reading.get().scope(), ctx.pathParam("tag"), sort);
        if (page.isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        boolean canEdit = reading.get().member() && viewer(ctx).map(WebSignIn.Viewer::moderator).orElse(false);
        render(ctx, 200, "tag.jte", meta(ctx, reading.get(), "#" + page.get().tag(), "/t/" + page.get().tag()),
                Map.of("page", page.get(), "canEdit", canEdit));
    }

    private void describeTag(Context ctx) {
        Optional<WebSignIn.Viewer> viewer = signedInWithToken(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        String tag = ctx.pathParam("tag");
        Reply reply = core.handle(viewer.get().actor(), new Command.DescribeTag(tag, ctx.formParam("description")));
        redirectWithFlash(ctx, "/t/" + tag, reply.isError() ? "Not saved: " + reply.text().toPlainString()
                : "Description saved.", reply.isError());
    }

    private void member(Context ctx) {
        Optional<Reading> reading = readingOrExplain(ctx);
        if (reading.isEmpty()) {
            return;
        }
        Optional<Long> id = memberId(ctx);
        Optional<KnowledgeBase.MemberPage> page = id.flatMap(memberId -> knowledge.member(reading.get().scope(), memberId));
        if (page.isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        boolean self = reading.get().member() && reading.get().scope().memberId().equals(id.get());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("page", page.get());
        model.put("self", self);
        model.put("privacy", self ? knowledge.privacy(reading.get().scope()).orElse(null) : null);
        render(ctx, 200, "member.jte", meta(ctx, reading.get(), page.get().person().name(), "/u/" + id.get()), model);
    }

    /** A member edits their own expert tags: the same commands as /expert add and /expert remove. */
    private void editExpertTags(Context ctx) {
        Optional<WebSignIn.Viewer> viewer = signedInWithToken(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        if (memberId(ctx).filter(id -> id == viewer.get().memberId()).isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        String back = "/u/" + viewer.get().memberId();
        String add = Optional.ofNullable(ctx.formParam("add")).orElse("");
        String remove = Optional.ofNullable(ctx.formParam("remove")).orElse("");
        List<String> tags = CommandLineParser.splitTags(add.isBlank() ? remove : add);
        if (tags.isEmpty()) {
            redirectWithFlash(ctx, back, "Nothing changed: name at least one tag to follow, for example: java sql.", true);
            return;
        }
        Command command = add.isBlank() ? new Command.ExpertRemove(tags) : new Command.ExpertAdd(tags);
        Reply reply = core.handle(viewer.get().actor(), command);
        redirectWithFlash(ctx, back, reply.text().toPlainString(), reply.isError());
    }

    /**
     * A member changes their own /privacy settings: name on public pages, accept announcements, accept reminders.
     * Only the settings that differ from today's run, each as the chat command would.
     */
    private void editPrivacy(Context ctx) {
        Optional<WebSignIn.Viewer> viewer = signedInWithToken(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        if (memberId(ctx).filter(id -> id == viewer.get().memberId()).isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        String back = "/u/" + viewer.get().memberId();
        KnowledgeBase.Scope scope = new KnowledgeBase.Scope(viewer.get().workspaceId(), viewer.get().memberId());
        Optional<KnowledgeBase.PrivacySettings> current = knowledge.privacy(scope);
        if (current.isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        String name = ctx.formParam("name");
        String announcements = ctx.formParam("announcements");
        String reminders = ctx.formParam("reminders");
        List<String> problems = new ArrayList<>();
        if (name != null && !List.of("show", "hide").contains(name)) {
            problems.add("choose show or hide for your name on public pages");
        }
        if (announcements != null && !List.of("on", "off").contains(announcements)) {
            problems.add("choose on or off for announcements");
        }
        if (reminders != null && !List.of("on", "off").contains(reminders)) {
            problems.add("choose on or off for reminders");
        }
        if (name == null && announcements == null && reminders == null) {
            problems.add("choose the settings to change");
        }
        if (!problems.isEmpty()) {
            String text = String.join("; ", problems);
            redirectWithFlash(ctx, back, "Nothing changed: " + text + ".", true);
            return;
        }
        List<Command> commands = new ArrayList<>();
        if (name != null && name.equals("hide") != current.get().webHidden()) {
            commands.add(new Command.Privacy(name.equals("hide") ? Command.PrivacyChange.WEB_HIDE
                    : Command.PrivacyChange.WEB_SHOW));
        }
        if (announcements != null && announcements.equals("on") != current.get().announcements()) {
            commands.add(new Command.Privacy(announcements.equals("on") ? Command.PrivacyChange.ANNOUNCEMENTS_ON
                    : Command.PrivacyChange.ANNOUNCEMENTS_OFF));
        }
        if (reminders != null && reminders.equals("on") != current.get().reminders()) {
            commands.add(new Command.RemindersSetting(reminders.equals("on")));
        }
        if (commands.isEmpty()) {
            redirectWithFlash(ctx, back, "Nothing to change: those are already your settings.", false);
            return;
        }
        for (Command command : commands) {
            Reply reply = core.handle(viewer.get().actor(), command);
            if (reply.isError()) {
                redirectWithFlash(ctx, back, "Not saved: " + reply.text().toPlainString(), true);
                return;
            }
        }
        KnowledgeBase.PrivacySettings saved = knowledge.privacy(scope).orElse(current.get());
        redirectWithFlash(ctx, back, "Saved. Public pages " + (saved.webHidden() ? "show you as \"a member\""
                : "show your name") + "; accepted answers " + (saved.announcements() ? "mention you"
                : "name you without a notification") + "; reminders to accept answers are "
                + (saved.reminders() ? "on" : "off") + ".", false);
    }

    private void leaderboard(Context ctx) {
        Optional<Reading> reading = readingOrExplain(ctx);
        if (reading.isEmpty()) {
            return;
        }
        Period period = Period.parse(Optional.ofNullable(ctx.queryParam("period")).orElse("all")).orElse(Period.ALL);
        KnowledgeBase.Leaderboard board = knowledge.leaderboard(reading.get().scope(), ctx.queryParam("tag"), period);
        render(ctx, 200, "top.jte", meta(ctx, reading.get(), "Top helpers", "/top"), Map.of("board", board,
                "period", period.name().toLowerCase(java.util.Locale.ROOT), "periods", List.of("week", "month", "all")));
    }

    /** What /health was asked for: whose workspace, which period and tag. */
    private record HealthRequest(long workspaceId, PeriodSpec period, Optional<String> tag) {
    }

    /**
     * The dashboard's filter, for a reader allowed to see it: moderators of the workspace, or every signed-in member
     * when health.visibility is members. Everyone else gets the same 404 as for a page that doesn't exist.
     */
    private Optional<HealthRequest> healthRequest(Context ctx) {
        Optional<WebSignIn.Viewer> viewer = health == null ? Optional.empty() : viewer(ctx).filter(this::workspaceOn);
        if (viewer.isEmpty() || !(viewer.get().moderator() || health.membersMaySee())) {
            notFoundPage(ctx);
            return Optional.empty();
        }
        long workspace = viewer.get().workspaceId();
        HealthMeasures measures = health.measures();
        String periodText = Optional.ofNullable(ctx.queryParam("period")).filter(text -> !text.isBlank()).orElse("week");
        Optional<PeriodSpec> period = measures.parsePeriod(periodText);
        if (period.isEmpty()) {
            message(ctx, 400, "Unknown period", "'" + periodText + "' isn't a period here. Use a week like 2026-W43, "
                    + "a month like 2026-11, or week or month for the current one.");
            return Optional.empty();
        }
        Optional<String> tag = Optional.ofNullable(ctx.queryParam("tag")).map(String::strip)
                .map(text -> text.startsWith("#") ? text.substring(1) : text).filter(text -> !text.isEmpty());
        if (tag.isPresent()) {
            Optional<String> known = measures.resolveTag(workspace, tag.get());
            if (known.isEmpty()) {
                message(ctx, 400, "Unknown tag", "There is no tag #" + tag.get() + " here. Pick one from the list "
                        + "on the health page.");
                return Optional.empty();
            }
            tag = known;
        }
        return Optional.of(new HealthRequest(workspace, period.get(), tag));
    }

    private void healthPage(Context ctx) {
        Optional<HealthRequest> request = healthRequest(ctx);
        if (request.isEmpty()) {
            return;
        }
        HealthMeasures measures = health.measures();
        HealthRequest wanted = request.get();
        HealthReport report = measures.report(wanted.workspaceId(), wanted.period(), wanted.tag());
        List<WeekPoint> trend = measures.weeklyTrend(wanted.workspaceId(), wanted.tag(), HealthMeasures.TREND_WEEKS);
        List<HealthPage.Option> periods = new ArrayList<>();
        PeriodSpec week = measures.currentPeriod(PeriodSpec.Kind.WEEK);
        PeriodSpec month = measures.currentPeriod(PeriodSpec.Kind.MONTH);
        List<PeriodSpec> choices = List.of(week, week.previous(), week.previous().previous(),
                week.previous().previous().previous(), month, month.previous(), month.previous().previous());
        for (PeriodSpec choice : choices) {
            String label = choice.equals(week) ? "This week (" + choice.key() + ")"
                    : choice.equals(month) ? "This month (" + choice.label() + ")"
                    : choice.kind() == PeriodSpec.Kind.WEEK ? choice.label() + " (" + choice.key() + ")" : choice.label();
            periods.add(new HealthPage.Option(choice.key(), label, choice.equals(wanted.period())));
        }
        if (!choices.contains(wanted.period())) {
            periods.add(new HealthPage.Option(wanted.period().key(), wanted.period().label(), true));
        }
        List<HealthPage.Option> tags = new ArrayList<>();
        tags.add(new HealthPage.Option("", "all tags", wanted.tag().isEmpty()));
        for (String name : measures.tagNames(wanted.workspaceId())) {
            tags.add(new HealthPage.Option(name, "#" + name, wanted.tag().filter(name::equals).isPresent()));
        }
        String query = HealthPage.query(wanted.tag(), wanted.period().key());
        HealthPage page = new HealthPage(report, HealthTables.trend(trend, measures.zone()), periods, tags, query,
                measures.zone());
        Reading own = viewer(ctx).map(viewer -> new Reading(new KnowledgeBase.Scope(viewer.workspaceId(),
                viewer.memberId()), "", true)).orElse(null);
        render(ctx, 200, "health.jte", meta(ctx, own, "Community health", "/health" + query), Map.of("page", page));
    }

    private void healthCsv(Context ctx) {
        Optional<HealthRequest> request = healthRequest(ctx);
        if (request.isEmpty()) {
            return;
        }
        String chart = Optional.ofNullable(ctx.queryParam("chart")).orElse("");
        if (!HealthTables.CHARTS.contains(chart)) {
            message(ctx, 400, "Unknown chart", "Ask for one of the charts: " + String.join(", ", HealthTables.CHARTS)
                    + ", like /health.csv?chart=sla.");
            return;
        }
        HealthMeasures measures = health.measures();
        List<WeekPoint> trend = measures.weeklyTrend(request.get().workspaceId(), request.get().tag(),
                HealthMeasures.TREND_WEEKS);
        HealthTables.Table table = HealthTables.byId(trend, measures.zone(), chart).orElseThrow();
        String file = "bandura-health-" + chart + request.get().tag().map(tag -> "-" + tag.replaceAll("[^A-Za-z0-9._-]", "_"))
                .orElse("") + ".csv";
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        ctx.contentType("text/csv; charset=utf-8").result(HealthTables.csv(table));
    }

    private static Optional<Long> memberId(Context ctx) {
        String id = ctx.pathParam("id");
        return id.matches("\\d{1,18}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }

    /** The signed-in member behind a form that carries their CSRF token; otherwise the refusal is already sent. */
    private Optional<WebSignIn.Viewer> signedInWithToken(Context ctx) {
        Optional<WebSignIn.Viewer> viewer = viewer(ctx).filter(this::workspaceOn);
        if (viewer.isEmpty()) {
            message(ctx, 401, "Sign in", "Sign in to change things here: type /web in chat and open the link.");
            return Optional.empty();
        }
        return csrfMatches(ctx, viewer.get()) ? viewer : Optional.empty();
    }

    private boolean workspaceOn(WebSignIn.Viewer viewer) {
        return settings.visibilityOf(viewer.actor().workspace().externalId()) != WebSettings.Visibility.OFF;
    }

    /** Back to the page the form was on, with one message for it (shown once, then forgotten). */
    private void redirectWithFlash(Context ctx, String path, String text, boolean error) {
        String clipped = text.length() > FLASH_MAX_CHARS ? text.substring(0, FLASH_MAX_CHARS - 1) + "…" : text;
        Cookie cookie = new Cookie(FLASH_COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(
                ((error ? "E" : "I") + clipped).getBytes(StandardCharsets.UTF_8)));
        cookie.setPath("/");
        cookie.setMaxAge(60);
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.https());
        cookie.setSameSite(SameSite.LAX);
        ctx.cookie(cookie);
        ctx.redirect(path, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** The flash message a redirect left for this page, consumed: {@code [text, "error"|"info"]}, or null. */
    private String[] takeFlash(Context ctx) {
        String value = ctx.cookie(FLASH_COOKIE);
        if (value == null) {
            return null;
        }
        ctx.removeCookie(FLASH_COOKIE, "/");
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            if (decoded.length() < 2 || decoded.length() > FLASH_MAX_CHARS + 1) {
                return null;
            }
            return new String[] {decoded.substring(1), decoded.charAt(0) == 'E' ? "error" : "info"};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Shows a button instead of signing in on GET, so link previews (Discord, Slack unfurls) can't use the link. The
     * form carries a token that must match a cookie this page sets: another site can't post someone's browser into
     * a session of the attacker's choosing.
     */
    private void loginPage(Context ctx) {
        if (!settings.anyVisible()) {
            notFoundPage(ctx);
            return;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Cookie cookie = new Cookie(LOGIN_COOKIE, csrf);
        cookie.setPath("/login");
        cookie.setMaxAge((int) WebSignIn.LINK_LIFETIME.toSeconds());
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.https());
        cookie.setSameSite(SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.header("Cache-Control", "no-store");
        render(ctx, 200, "login.jte", meta(ctx, null, "Sign in", "/"), Map.of("action", "/login/" + ctx.pathParam("token"),
                "csrf", csrf));
    }

    private void login(Context ctx) {
        if (!settings.anyVisible()) {
            notFoundPage(ctx);
            return;
        }
        String expected = ctx.cookie(LOGIN_COOKIE);
        String sent = ctx.formParam("csrf");
        if (expected == null || sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            // The link is left unused: opening it again and pressing the button still works.
            message(ctx, 403, "Form expired", "This sign-in form is missing its security token or is out of date. "
                    + "Open the link from chat again and press Sign in.");
            return;
        }
        ctx.removeCookie(LOGIN_COOKIE, "/login");
        WebSignIn.Redeemed redeemed = signIn.redeem(ctx.pathParam("token"));
        if (redeemed.session().isEmpty()) {
            String why = switch (redeemed.refused()) {
                case USED -> "This sign-in link was already used.";
                case EXPIRED -> "This sign-in link has expired (links work for "
                        + WebSignIn.LINK_LIFETIME.toMinutes() + " minutes).";
                case UNKNOWN -> "This sign-in link isn't valid.";
            };
            message(ctx, 410, "Sign-in link refused", why + " Type /web in chat to get a new one.");
            return;
        }
        if (!workspaceOn(redeemed.session().get().viewer())) {
            signIn.signOut(redeemed.session().get().token());
            message(ctx, 404, "Not found", "The knowledge base is off for your workspace (web.workspace-visibility).");
            return;
        }
        Cookie cookie = new Cookie(SESSION_COOKIE, redeemed.session().get().token());
        cookie.setPath("/");
        cookie.setMaxAge((int) WebSignIn.SESSION_LIFETIME.toSeconds());
        cookie.setHttpOnly(true);
        cookie.setSecure(settings.https());
        cookie.setSameSite(SameSite.LAX);
        ctx.cookie(cookie);
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        Optional<WebSignIn.Viewer> viewer = viewer(ctx);
        if (viewer.isPresent() && !csrfMatches(ctx, viewer.get())) {
            return;
        }
        signIn.signOut(ctx.cookie(SESSION_COOKIE));
        ctx.removeCookie(SESSION_COOKIE, "/");
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** A form without the signed-in member's token is refused: another site can't post in their name. */
    private boolean csrfMatches(Context ctx, WebSignIn.Viewer viewer) {
        String sent = ctx.formParam("csrf");
        if (sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                viewer.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        message(ctx, 403, "Form expired", "This form is missing its security token or is out of date. "
                + "Reload the page and try again.");
        return false;
    }

    private Optional<WebSignIn.Viewer> viewer(Context ctx) {
        Optional<WebSignIn.Viewer> cached = ctx.attribute(VIEWER);
        if (cached == null) {
            cached = signIn.viewer(ctx.cookie(SESSION_COOKIE));
            ctx.attribute(VIEWER, cached);
        }
        return cached;
    }

    /**
     * Whose pages this request reads; when none, the response already says why. Under {@code /w/<id>}: the
     * reader's own workspace, or a public one; anything else is 404 (a guessed id reveals nothing). Unprefixed: the
     * signed-in member's workspace, else the one public workspace, else a list of the public ones to choose from.
     */
    private Optional<Reading> readingOrExplain(Context ctx) {
        Optional<WebSignIn.Viewer> viewer = viewer(ctx);
        String wanted = ctx.pathParamMap().get("workspace");
        if (wanted != null) {
            Optional<KnowledgeBase.Workspace> workspace = knowledge.workspace(wanted);
            WebSettings.Visibility visibility = workspace.map(w -> settings.visibilityOf(w.externalId()))
                    .orElse(WebSettings.Visibility.OFF);
            if (visibility != WebSettings.Visibility.OFF) {
                String base = "/w/" + workspace.get().externalId();
                if (viewer.isPresent() && viewer.get().workspaceId() == workspace.get().id()) {
                    return Optional.of(new Reading(new KnowledgeBase.Scope(workspace.get().id(),
                            viewer.get().memberId()), base, true));
                }
                if (visibility == WebSettings.Visibility.PUBLIC) {
                    return Optional.of(new Reading(new KnowledgeBase.Scope(workspace.get().id(), null), base, false));
                }
            }
            notFoundPage(ctx);
            return Optional.empty();
        }
        if (viewer.isPresent()) {
            if (!workspaceOn(viewer.get())) {
                notFoundPage(ctx);
                return Optional.empty();
            }
            return Optional.of(new Reading(new KnowledgeBase.Scope(viewer.get().workspaceId(), viewer.get().memberId()),
                    "", true));
        }
        if (!settings.anyVisible()) {
            notFoundPage(ctx);
            return Optional.empty();
        }
        List<KnowledgeBase.Workspace> open = knowledge.workspaces().stream()
                .filter(w -> settings.visibilityOf(w.externalId()) == WebSettings.Visibility.PUBLIC).toList();
        if (open.size() == 1) {
            return Optional.of(new Reading(new KnowledgeBase.Scope(open.get(0).id(), null), "", false));
        }
        if (open.size() > 1) {
            boolean home = ctx.path().equals("/");
            render(ctx, home ? 200 : 404, "workspaces.jte", meta(ctx, null, home ? "Knowledge bases" : "Not found",
                    home ? "/" : ctx.path()), Map.of("workspaces", open, "home", home));
            return Optional.empty();
        }
        message(ctx, 401, "Sign in", "This knowledge base is for members. Type /web in chat (Discord, Slack or the "
                + "console) and open the link Bandura sends you.");
        return Optional.empty();
    }

    private void notFoundPage(Context ctx) {
        boolean anonymous = viewer(ctx).isEmpty();
        message(ctx, 404, "Not found", "There is no such page here. Try the search or the home page."
                + (anonymous ? " If this is your team's knowledge base, sign in first: type /web in chat." : ""));
    }

    private void message(Context ctx, int status, String title, String text) {
        // Never echo a sign-in token back into the page, not even in the canonical link.
        render(ctx, status, "message.jte", meta(ctx, null, title, AccessLog.redact(ctx.path())),
                Map.of("heading", title, "text", text));
    }

    /** @param reading whose pages, or null for pages of no workspace (messages, sign-in) */
    private PageMeta meta(Context ctx, Reading reading, String title, String path) {
        Optional<WebSignIn.Viewer> viewer = settings.anyVisible() ? viewer(ctx) : Optional.empty();
        String base = reading == null ? "" : reading.base();
        String[] flash = takeFlash(ctx);
        return new PageMeta(title, publicUrl.get() + (reading == null ? path : base + path),
                viewer.map(WebSignIn.Viewer::displayName).orElse(null), viewer.map(WebSignIn.Viewer::memberId).orElse(null),
                viewer.map(WebSignIn.Viewer::csrfToken).orElse(null), base, reading != null && reading.member(),
                flash == null ? null : flash[0], flash != null && flash[1].equals("error"));
    }

    private static void render(Context ctx, int status, String template, PageMeta meta, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("meta", meta);
        ctx.status(status);
        ctx.attribute(RENDERED, Boolean.TRUE);
        ctx.render(template, all);
        ctx.contentType("text/html; charset=utf-8");
    }
}
