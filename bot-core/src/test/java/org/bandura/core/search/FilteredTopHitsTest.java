package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The two ways the index limits a search: a filter checked per collected hit must give exactly what the filter
 * joined to the query gives, on an index of several segments searched one slice per segment in parallel.
 */
class FilteredTopHitsTest {

    private static final String[] WORDS = "pool heap thread java kafka docker index query cache retry".split(" ");
    private static final Term ANSWERED = new Term("answered", "y");

    private static Directory directory;
    private static DirectoryReader reader;
    private static ExecutorService threads;

    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        Random random = new Random(3);
        try (IndexWriter writer = new IndexWriter(directory,
                new IndexWriterConfig(new StandardAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (int segment = 0; segment < 4; segment++) {
                for (int n = 0; n < 300; n++) {
                    Document document = new Document();
                    StringBuilder text = new StringBuilder();
                    for (int w = 0, length = 3 + random.nextInt(12); w < length; w++) {
                        text.append(WORDS[(int) Math.min(WORDS.length - 1, Math.abs(random.nextGaussian()) * 4)])
                                .append(' ');
                    }
                    document.add(new TextField("text", text.toString(), Field.Store.NO));
                    // The last segment has no answered question at all: it is skipped as a whole.
                    boolean answered = segment < 3 && random.nextInt(10) < 6;
                    document.add(new StringField("answered", answered ? "y" : "n", Field.Store.NO));
                    writer.addDocument(document);
                }
                writer.commit();
            }
        }
        reader = DirectoryReader.open(directory);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() throws IOException {
        threads.shutdown();
        reader.close();
        directory.close();
    }

    @Test
    @DisplayName("a filter checked per hit finds the same hits, scores and counts as the filter joined to the query")
    void sameAsJoinedFilter() throws IOException {
        assertThat(reader.leaves()).hasSize(4);
        IndexSearcher parallel = slicePerSegment(reader, threads);
        IndexSearcher sequential = new IndexSearcher(reader);
        for (String words : List.of("pool", "pool heap", "thread java kafka", "retry cache", "docker index query")) {
            Query query = anyOf(words);
            Query joined = new BooleanQuery.Builder().add(query, Occur.MUST)
                    .add(new TermQuery(ANSWERED), Occur.FILTER).build();
            for (int count : new int[] {1, 10, 40}) {
                TopDocs expected = sequential.search(joined, new TopScoreDocCollectorManager(count, Integer.MAX_VALUE));
                TopDocs checkedPerHit = FilteredTopHits.search(parallel, query, new TermQuery(ANSWERED), count,
                        Integer.MAX_VALUE);

                assertThat(checkedPerHit.totalHits).as(words).isEqualTo(expected.totalHits);
                assertThat(hits(checkedPerHit)).as(words + ", top " + count).isEqualTo(hits(expected));
            }
        }
    }

    @Test
    @DisplayName("similar questions searched slice by slice in parallel are the ones found in one pass, in order")
    void thresholdSearchMergesSlices() throws IOException {
        IndexSearcher parallel = slicePerSegment(reader, threads);
        IndexSearcher sequential = new IndexSearcher(reader);
        for (String words : List.of("pool heap", "thread java kafka", "docker index query cache")) {
            Query query = anyOf(words);
            for (float threshold : new float[] {0f, 1f, 2.5f}) {
                List<ScoreDoc> inOnePass = TopAboveThreshold.search(sequential, query, 5, threshold);
                List<ScoreDoc> inSlices = TopAboveThreshold.search(parallel, query, 5, threshold);

                assertThat(inSlices).extracting(hit -> hit.doc + "@" + hit.score).as(words + " from " + threshold)
                        .containsExactlyElementsOf(inOnePass.stream().map(hit -> hit.doc + "@" + hit.score).toList());
                assertThat(inOnePass).allMatch(hit -> hit.score >= threshold);
            }
        }
        assertThat(TopAboveThreshold.search(parallel, anyOf("pool heap"), 5, 0f)).hasSize(5);
    }

    @Test
    @DisplayName("the index is cut into one slice per core of about equal size, never more slices than segments")
    void balancedSlices() {
        IndexSearcher.LeafSlice[] two = LuceneQuestionIndex.balancedSlices(reader.leaves(), 2);
        assertThat(two).hasSize(2).allSatisfy(slice -> assertThat(slice.leaves).hasSize(2));
        assertThat(LuceneQuestionIndex.balancedSlices(reader.leaves(), 1)).singleElement()
                .satisfies(slice -> assertThat(slice.leaves).hasSize(4));
        assertThat(LuceneQuestionIndex.balancedSlices(reader.leaves(), 8)).hasSize(4);
        assertThat(LuceneQuestionIndex.balancedSlices(List.of(), 2)).isEmpty();
    }

    private static IndexSearcher slicePerSegment(DirectoryReader reader, ExecutorService threads) {
        return new IndexSearcher(reader, threads) {
            @Override
            protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                return slices(leaves, 1, 1);
            }
        };
    }

    private static Query anyOf(String words) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String word : words.split(" ")) {
            query.add(new TermQuery(new Term("text", word)), Occur.SHOULD);
        }
        return query.build();
    }

    private static List<String> hits(TopDocs top) {
        return Arrays.stream(top.scoreDocs).map(hit -> hit.doc + "@" + hit.score).toList();
    }
}
