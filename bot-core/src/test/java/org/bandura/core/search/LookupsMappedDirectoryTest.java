package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.FlushInfo;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.MergeInfo;
import org.apache.lucene.store.NIOFSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Norms and the terms index are read mapped, the rest with read calls, and searches score the same. */
class LookupsMappedDirectoryTest {

    @TempDir
    Path indexDir;

    @Test
    void lookupFilesAreMappedAndPostingsAreRead() throws IOException {
        try (Directory directory = new LookupsMappedDirectory(new NIOFSDirectory(indexDir), 0)) {
            writeSomeQuestions(directory);
            List<String> files = List.of(directory.listAll());
            assertThat(files).noneMatch(file -> file.endsWith(".cfs"));
            for (String file : files) {
                if (file.equals("write.lock")) {
                    continue;
                }
                String extension = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1) : "";
                try (IndexInput input = directory.openInput(file, IOContext.DEFAULT)) {
                    if (LookupsMappedDirectory.MAPPED_EXTENSIONS.contains(extension)) {
                        assertThat(input.toString()).as(file).doesNotStartWith("NIOFSIndexInput");
                    } else {
                        assertThat(input.toString()).as(file).startsWith("NIOFSIndexInput");
                    }
                }
            }
            String norms = files.stream().filter(file -> file.endsWith(".nvd")).findFirst().orElseThrow();
            for (IOContext once : List.of(IOContext.READONCE, new IOContext(new MergeInfo(300, 30_000, false, 1)),
                    new IOContext(new FlushInfo(100, 10_000)))) {
                try (IndexInput input = directory.openInput(norms, once)) {
                    assertThat(input.toString()).as("%s", once).startsWith("NIOFSIndexInput");
                }
            }
            try (Directory smallFilesByCalls = new LookupsMappedDirectory(new NIOFSDirectory(indexDir));
                 IndexInput input = smallFilesByCalls.openInput(norms, IOContext.DEFAULT)) {
                assertThat(input.length()).isLessThan(LookupsMappedDirectory.MAPPED_FROM_BYTES);
                assertThat(input.toString()).startsWith("NIOFSIndexInput");
            }
            assertThat(files).anyMatch(file -> file.endsWith(".nvd")).anyMatch(file -> file.endsWith(".tip"))
                    .anyMatch(file -> file.endsWith(".doc"));
        }
    }

    @Test
    void scoresAreTheSameAsReadingEverythingByCalls() throws IOException {
        try (Directory directory = new LookupsMappedDirectory(new NIOFSDirectory(indexDir))) {
            writeSomeQuestions(directory);
        }
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("body", "pool")), Occur.SHOULD)
                .add(new TermQuery(new Term("body", "connect")), Occur.SHOULD)
                .add(new TermQuery(new Term("body", "timeout")), Occur.SHOULD).build();
        List<String> mapped;
        try (Directory directory = new LookupsMappedDirectory(new NIOFSDirectory(indexDir), 0);
             DirectoryReader reader = DirectoryReader.open(directory)) {
            mapped = hits(new IndexSearcher(reader), query);
        }
        List<String> plain;
        try (Directory directory = new NIOFSDirectory(indexDir);
             DirectoryReader reader = DirectoryReader.open(directory)) {
            plain = hits(new IndexSearcher(reader), query);
        }
        assertThat(mapped).hasSize(10).isEqualTo(plain);
    }

    @Test
    void mergedSegmentsKeepNormsAndTermsInFilesOfTheirOwn() throws IOException {
        try (Directory directory = new LookupsMappedDirectory(new NIOFSDirectory(indexDir))) {
            IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setUseCompoundFile(true)
                    .setMergePolicy(LuceneQuestionIndex.mergePolicy());
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < 30; i++) {
                    Document document = new Document();
                    document.add(new TextField("body", "pool number " + i + " times out", Field.Store.YES));
                    writer.addDocument(document);
                    if (i % 10 == 9) {
                        writer.commit();
                    }
                }
                assertThat(directory.listAll()).filteredOn(name -> name.endsWith(".cfs")).hasSize(3);
                writer.forceMerge(1);
                writer.commit();
            }
            assertThat(directory.listAll()).anyMatch(name -> name.endsWith(".tip"))
                    .anyMatch(name -> name.endsWith(".nvd")).noneMatch(name -> name.endsWith(".cfs"));
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertThat(new IndexSearcher(reader).count(new TermQuery(new Term("body", "pool")))).isEqualTo(30);
            }
        }
    }

    private static void writeSomeQuestions(Directory directory) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setUseCompoundFile(false);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            String[] words = {"pool", "connection", "timeout", "kubernetes", "restart", "vacuum", "probe", "tls"};
            for (int i = 0; i < 300; i++) {
                Document document = new Document();
                StringBuilder body = new StringBuilder("question " + i);
                for (int w = 0; w < 1 + i % 7; w++) {
                    body.append(' ').append(words[(i * 3 + w * 5) % words.length]);
                }
                document.add(new TextField("body", body.toString(), Field.Store.YES));
                writer.addDocument(document);
                if (i % 100 == 99) {
                    writer.commit(); // several segments
                }
            }
        }
    }

    private static List<String> hits(IndexSearcher searcher, org.apache.lucene.search.Query query) throws IOException {
        List<String> hits = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query, 10).scoreDocs) {
            hits.add(searcher.storedFields().document(hit.doc).get("body") + " " + hit.score);
        }
        return hits;
    }
}
