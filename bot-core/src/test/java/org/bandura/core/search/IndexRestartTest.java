package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bandura.core.testing.TestCore.user;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.persistence.Database;
import org.bandura.core.service.CoreService;
import org.bandura.core.testing.MutableClock;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index on disk across restarts: kept, replayed after a crash, rebuilt when missing, corrupt or old. */
class IndexRestartTest {

    private static final List<String> QUERIES = List.of("pool", "kubernetes restart", "vacuum", "probe", "tls");

    @TempDir
    Path indexDir;

    private final Database database = Database.open(TestDatabases.h2());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final Actor asker = user("asker");
    private final Actor helper = user("helper");
    private CoreService core;

    @AfterEach
    void close() {
        if (core != null) {
            core.close();
        }
        database.close();
    }

    private CoreService start() {
        core = new CoreService(database, TestCore.settings(), clock,
                new SearchSettings(indexDir, SearchSettings.DEFAULT_MAX_LAG));
        await().atMost(Duration.ofSeconds(20)).until(() -> !core.search().warmingUp());
        return core;
    }

    private void stop() {
        core.close();
        core = null;
    }

    private void seed() {
        String[] questions = {"How many connections should a HikariCP pool hold? #java",
            "Why does my Kubernetes pod restart every hour? #kubernetes", "Postgres vacuum never finishes #sql",
            "Pool sizing for Postgres behind PgBouncer #sql", "How do I rotate TLS certificates? #ops",
            "Nginx returns 502 after a deploy #ops"};
        for (String question : questions) {
            core.handle(asker, new Command.Ask(question, List.of()));
        }
        core.handle(helper, new Command.Answer(2, "Check the liveness probe timeout.", null));
        core.handle(helper, new Command.Answer(6, "Add a readiness probe to the upstream.", null));
        core.handle(asker, new Command.Accept(2));
    }

    private long workspace() {
        return database.inTransaction(sql -> sql.count("SELECT id FROM workspace"));
    }

    private List<List<Object>> results() {
        List<List<Object>> results = new ArrayList<>();
        for (String query : QUERIES) {
            for (SearchResults.SearchHit hit : core.search().search(workspace(), query, SearchFilter.ANY, 0, 10).hits()) {
                results.add(List.of(query, hit.questionNumber(), hit.accepted(), hit.snippet()));
            }
        }
        return results;
    }

    private boolean finds(String query, long number) {
        return core.search().search(workspace(), query, SearchFilter.ANY, 0, 10).hits().stream()
                .anyMatch(hit -> hit.questionNumber() == number);
    }

    @Test
    @DisplayName("a second process on the same index directory still starts, with its index in memory")
    void sharedDirectoryFallsBackToMemory() {
        start();
        seed();
        try (CoreService second = new CoreService(database, TestCore.settings(), clock,
                new SearchSettings(indexDir, SearchSettings.DEFAULT_MAX_LAG))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !second.search().warmingUp());
            assertThat(second.search().search(workspace(), "vacuum", SearchFilter.ANY, 0, 10).hits())
                    .extracting(SearchResults.SearchHit::questionNumber).contains(3L);
        }
        assertThat(finds("vacuum", 3)).as("the first process keeps its own index").isTrue();
    }

    @Test
    @DisplayName("deleting the index directory and restarting rebuilds it with identical results")
    void deletedIndexIsRebuilt() throws IOException {
        start();
        seed();
        List<List<Object>> before = results();
        assertThat(before).hasSizeGreaterThan(5);
        stop();
        try (Stream<Path> files = Files.walk(indexDir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
        start();
        assertThat(results()).isEqualTo(before);
    }

    @Test
    @DisplayName("a crash between the database commit and the index commit loses nothing: the sequence is replayed")
    void crashIsReplayed() throws IOException {
        start();
        seed();
        core.searchIndex().commit();
        core.handle(asker, new Command.Ask("Flyway migration checksum mismatch after a rebase #sql", List.of()));
        assertThat(finds("flyway", 7)).isTrue();
        core.searchIndex().crash(); // the change is in the database, not in the index on disk
        core = null;

        start();
        core.searchIndex().catchUp();
        assertThat(finds("flyway", 7)).isTrue();
        assertThat(finds("vacuum", 3)).isTrue();
    }

    @Test
    @DisplayName("a restart keeps a good index and only replays what changed meanwhile")
    void restartKeepsIndex() {
        start();
        seed();
        stop();
        core = new CoreService(database, TestCore.settings(), clock,
                new SearchSettings(indexDir, SearchSettings.DEFAULT_MAX_LAG));
        assertThat(core.search().warmingUp()).isFalse();
        assertThat(finds("vacuum", 3)).isTrue();
    }

    @Test
    @DisplayName("a corrupt index is rebuilt at start")
    void corruptIndexIsRebuilt() throws IOException {
        start();
        seed();
        List<List<Object>> before = results();
        stop();
        try (Stream<Path> files = Files.list(indexDir)) {
            for (Path file : files.toList()) {
                Files.write(file, new byte[] {1, 2, 3, 4});
            }
        }
        start();
        assertThat(results()).isEqualTo(before);
    }

    @Test
    @DisplayName("an index of an older format is rebuilt at start")
    void olderFormatIsRebuilt() throws IOException {
        try (var directory = FSDirectory.open(indexDir);
             var writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            writer.setLiveCommitData(Map.of("bandura.format", "0", "bandura.watermark", "0").entrySet());
            writer.commit();
        }
        start();
        seed();
        assertThat(finds("vacuum", 3)).isTrue();
        stop();
        start();
        assertThat(finds("vacuum", 3)).isTrue();
    }

    @Test
    @DisplayName("an index of format 1 (no combined match field, which searches now run on) is rebuilt at start")
    void formatOneIsRebuilt() throws IOException {
        start();
        seed();
        stop();
        // What format 1 left behind, as far as searches can tell: its commit data, with documents searches no
        // longer find (no combined field). Only a rebuild makes the questions findable again.
        try (var directory = FSDirectory.open(indexDir);
             var writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            Map<String, String> data = new java.util.HashMap<>();
            writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
            data.put("bandura.format", "1");
            writer.deleteAll();
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
        start();
        assertThat(finds("vacuum", 3)).isTrue();
    }
}
