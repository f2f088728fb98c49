package org.bandura.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bandura.core.knowledge.KnowledgeBase;
import org.bandura.core.knowledge.IndexKnowledgeSearch;
import org.bandura.core.knowledge.WebSignIn;
import org.bandura.web.WebServer;
import org.bandura.web.WebSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The knowledge base's question and search pages over real HTTP (Javalin, jte, the same queries as production) on
 * an H2 file database seeded with {@code questions} answered questions. Sample-time mode gives p50 and p95.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WebPagesBenchmark {

    @Param({"1000", "100000"})
    int questions;

    private SeededDatabase seeded;
    private WebServer server;
    private HttpClient client;

    @Setup(Level.Trial)
    public void start() throws Exception {
        seeded = new SeededDatabase(questions);
        // The seed writes rows with plain SQL, past the search index's change sequence: index them all now, as a
        // start does, or the search page would measure an empty index.
        seeded.core.searchIndex().rebuildNow();
        KnowledgeBase knowledge = new KnowledgeBase(seeded.database,
                new IndexKnowledgeSearch(seeded.database, seeded.core.search()), Clock.systemUTC());
        server = new WebServer(new WebSettings("127.0.0.1", 0, null, WebSettings.Visibility.PUBLIC, false),
                seeded.core, knowledge, new WebSignIn(seeded.database, Clock.systemUTC()), seeded.database::isReachable);
        server.start();
        client = HttpClient.newHttpClient();
        String hits = get("/search?q=pooling");
        if (!hits.contains("class=\"qlink\"") || !hits.contains("<mark>")) {
            throw new IllegalStateException("the search page found nothing: the benchmark would measure an empty index");
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.publicUrl() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** A random question's page: question, answers with authors, similar questions. */
    @Benchmark
    public String questionPage() throws Exception {
        return get("/q/" + (1 + ThreadLocalRandom.current().nextInt(questions)));
    }

    /** A search every question matches ("pooling" → pool), first page. */
    @Benchmark
    public String searchCommonWord() throws Exception {
        return get("/search?q=pooling");
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.close();
        seeded.close();
    }
}
