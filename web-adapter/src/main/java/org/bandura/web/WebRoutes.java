package org.bandura.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 */
final class WebRoutes {

    static final String SESSION_COOKIE = "bandura_session";
    static final int SEARCH_PAGE_SIZE = 10;
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final String VIEWER = "bandura.viewer";

    private final WebSettings settings;
    private final BanduraCore core;
    private final KnowledgeBase knowledge;
    private final WebSignIn signIn;
    private final BooleanSupplier databaseReachable;
    private final Supplier<String> publicUrl;
    private final Supplier<String> metrics;
    private final Map<String, WebServer.RawEndpoint> rawEndpoints;
    private final WebServer.HealthDashboard health;

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
        routes.get("/", this::home);
        routes.get("/q/{number}", this::question);
        routes.get("/search", this::search);
        routes.get("/t/{tag}", this::tag);
        routes.post("/t/{tag}/description", this::describeTag);
        routes.get("/u/{id}", this::member);
        routes.post("/u/{id}/experts", this::editExpertTags);
        routes.get("/top", this::leaderboard);
        routes.get("/health", this::healthPage);
        routes.get("/health.csv", this::healthCsv);
        routes.get("/login/{token}", this::loginPage);
        routes.post("/login/{token}", this::login);
        routes.post("/logout", this::logout);
        routes.error(404, this::notFoundPage);
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
        Optional<KnowledgeBase.Scope> scope = scopeOrExplain(ctx);
        if (scope.isEmpty()) {
            return;
        }
        KnowledgeBase.HomePage page = knowledge.home(scope.get());
        render(ctx, 200, "home.jte", meta(ctx, page.workspaceName() + " — knowledge base", "/"), Map.of("page", page));
    }

    private void question(Context ctx) {
        Optional<KnowledgeBase.Scope> scope = scopeOrExplain(ctx);
        if (scope.isEmpty()) {
            return;
        }
        String raw = ctx.pathParam("number");
        String digits = raw.startsWith("Q") || raw.startsWith("q") ? raw.substring(1) : raw;
        Optional<KnowledgeBase.QuestionPage> page = digits.matches("\\d{1,15}")
                ? knowledge.question(scope.get(), Long.parseLong(digits)) : Optional.empty();
        if (page.isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        KnowledgeBase.QuestionPage question = page.get();
        render(ctx, 200, "question.jte", meta(ctx, "Q" + question.question().number() + " " + question.question().title(),
                "/q/" + question.question().number()), Map.of("page", question));
    }

    private void search(Context ctx) {
        Optional<KnowledgeBase.Scope> scope = scopeOrExplain(ctx);
        if (scope.isEmpty()) {
            return;
        }
        String query = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        String tag = ctx.queryParam("tag");
        KnowledgeSearch.AnswerFilter filter = switch (Optional.ofNullable(ctx.queryParam("status")).orElse("answered")) {
            case "all" -> KnowledgeSearch.AnswerFilter.ANY;
            case "unanswered" -> KnowledgeSearch.AnswerFilter.UNANSWERED;
            default -> KnowledgeSearch.AnswerFilter.ANSWERED;
        };
        String pageText = Optional.ofNullable(ctx.queryParam("page")).orElse("1");
        int pageNumber = pageText.matches("\\d{1,4}") ? Integer.parseInt(pageText) : 1;
        KnowledgeBase.SearchPage page = query.isEmpty()
                ? new KnowledgeBase.SearchPage("", tag, filter, 1, List.of(), false)
                : knowledge.search(scope.get(), query, tag, filter, pageNumber, SEARCH_PAGE_SIZE);
        List<List<Highlighted>> snippets = new ArrayList<>();
        page.results().forEach(result -> snippets.add(Highlighted.of(result.snippet(), result.highlights())));
        render(ctx, 200, "search.jte", meta(ctx, query.isEmpty() ? "Search" : "Search: " + query, "/search"),
                Map.of("page", page, "snippets", snippets));
    }

    private void tag(Context ctx) {
        Optional<KnowledgeBase.Scope> scope = scopeOrExplain(ctx);
        if (scope.isEmpty()) {
            return;
        }
        KnowledgeBase.TagSort sort = switch (Optional.ofNullable(ctx.queryParam("sort")).orElse("newest")) {
            case "votes" -> KnowledgeBase.TagSort.VOTES;
            case "unanswered" -> KnowledgeBase.TagSort.UNANSWERED;
            default -> KnowledgeBase.TagSort.NEWEST;
        };
        Optional<KnowledgeBase.TagPage> page = knowledge.tag(scope.get(), ctx.pathParam("tag"), sort);
        if (page.isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        boolean canEdit = viewer(ctx).map(WebSignIn.Viewer::moderator).orElse(false);
        render(ctx, 200, "tag.jte", meta(ctx, "#" + page.get().tag(), "/t/" + page.get().tag()),
                Map.of("page", page.get(), "canEdit", canEdit));
    }

    private void describeTag(Context ctx) {
        Optional<WebSignIn.Viewer> viewer = signedInWithToken(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        String tag = ctx.pathParam("tag");
        if (changed(ctx, viewer.get(), new Command.DescribeTag(tag, ctx.formParam("description")))) {
            ctx.redirect("/t/" + tag, io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    private void member(Context ctx) {
        Optional<KnowledgeBase.Scope> scope = scopeOrExplain(ctx);
        if (scope.isEmpty()) {
            return;
        }
        Optional<Long> id = memberId(ctx);
        Optional<KnowledgeBase.MemberPage> page = id.flatMap(memberId -> knowledge.member(scope.get(), memberId));
        if (page.isEmpty()) {
            notFoundPage(ctx);
            return;
        }
        boolean self = viewer(ctx).map(v -> v.memberId() == id.get()).orElse(false);
        render(ctx, 200, "member.jte", meta(ctx, page.get().person().name(), "/u/" + id.get()),
                Map.of("page", page.get(), "self", self));
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
        String add = Optional.ofNullable(ctx.formParam("add")).orElse("");
        String remove = Optional.ofNullable(ctx.formParam("remove")).orElse("");
        List<String> tags = CommandLineParser.splitTags(add.isBlank() ? remove : add);
        if (tags.isEmpty()) {
            message(ctx, 400, "Nothing to change", "Name at least one tag, for example: java sql.");
            return;
        }
        Command command = add.isBlank() ? new Command.ExpertRemove(tags) : new Command.ExpertAdd(tags);
        if (changed(ctx, viewer.get(), command)) {
            ctx.redirect("/u/" + viewer.get().memberId(), io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    private void leaderboard(Context ctx) {
        Optional<KnowledgeBase.Scope> scope = scopeOrExplain(ctx);
        if (scope.isEmpty()) {
            return;
        }
        Period period = Period.parse(Optional.ofNullable(ctx.queryParam("period")).orElse("all")).orElse(Period.ALL);
        KnowledgeBase.Leaderboard board = knowledge.leaderboard(scope.get(), ctx.queryParam("tag"), period);
        render(ctx, 200, "top.jte", meta(ctx, "Top helpers", "/top"), Map.of("board", board,
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
        Optional<WebSignIn.Viewer> viewer = settings.visibility() == WebSettings.Visibility.OFF || health == null
                ? Optional.empty() : viewer(ctx);
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
        render(ctx, 200, "health.jte", meta(ctx, "Community health", "/health" + query), Map.of("page", page));
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
        Optional<WebSignIn.Viewer> viewer = settings.visibility() == WebSettings.Visibility.OFF ? Optional.empty()
                : viewer(ctx);
        if (viewer.isEmpty()) {
            message(ctx, 401, "Sign in", "Sign in to change things here: type /web in chat and open the link.");
            return Optional.empty();
        }
        return csrfMatches(ctx, viewer.get()) ? viewer : Optional.empty();
    }

    /** Runs a change through the core, as the member; a refusal is shown as the core worded it. */
    private boolean changed(Context ctx, WebSignIn.Viewer viewer, Command command) {
        Reply reply = core.handle(viewer.actor(), command);
        if (reply.isError()) {
            message(ctx, 400, "Not changed", reply.text().toPlainString());
            return false;
        }
        return true;
    }

    /** Shows a button instead of signing in on GET, so link previews (Discord, Slack unfurls) can't use the link. */
    private void loginPage(Context ctx) {
        if (settings.visibility() == WebSettings.Visibility.OFF) {
            notFoundPage(ctx);
            return;
        }
        render(ctx, 200, "login.jte", meta(ctx, "Sign in", "/"), Map.of("action", "/login/" + ctx.pathParam("token")));
    }

    private void login(Context ctx) {
        if (settings.visibility() == WebSettings.Visibility.OFF) {
            notFoundPage(ctx);
            return;
        }
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

    /** Whose pages this reader sees; when none, the response already says how to get in. */
    private Optional<KnowledgeBase.Scope> scopeOrExplain(Context ctx) {
        if (settings.visibility() == WebSettings.Visibility.OFF) {
            notFoundPage(ctx);
            return Optional.empty();
        }
        Optional<WebSignIn.Viewer> viewer = viewer(ctx);
        if (viewer.isPresent()) {
            return Optional.of(new KnowledgeBase.Scope(viewer.get().workspaceId(), viewer.get().memberId()));
        }
        if (settings.visibility() == WebSettings.Visibility.PUBLIC) {
            Optional<Long> workspace = knowledge.publicWorkspace();
            if (workspace.isPresent()) {
                return Optional.of(new KnowledgeBase.Scope(workspace.get(), null));
            }
        }
        message(ctx, 401, "Sign in", "This knowledge base is for members. Type /web in chat (Discord, Slack or the "
                + "console) and open the link Bandura sends you.");
        return Optional.empty();
    }

    private void notFoundPage(Context ctx) {
        message(ctx, 404, "Not found", "There is no such page here. Try the search or the home page.");
    }

    private void message(Context ctx, int status, String title, String text) {
        render(ctx, status, "message.jte", meta(ctx, title, ctx.path()), Map.of("heading", title, "text", text));
    }

    private PageMeta meta(Context ctx, String title, String path) {
        Optional<WebSignIn.Viewer> viewer = settings.visibility() == WebSettings.Visibility.OFF ? Optional.empty()
                : viewer(ctx);
        return new PageMeta(title, publicUrl.get() + path, viewer.map(WebSignIn.Viewer::displayName).orElse(null),
                viewer.map(WebSignIn.Viewer::memberId).orElse(null), viewer.map(WebSignIn.Viewer::csrfToken).orElse(null));
    }

    private static void render(Context ctx, int status, String template, PageMeta meta, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("meta", meta);
        ctx.status(status);
        ctx.render(template, all);
        ctx.contentType("text/html; charset=utf-8");
    }
}
