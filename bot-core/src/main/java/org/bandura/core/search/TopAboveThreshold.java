package org.bandura.core.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * The best {@code limit} hits scoring at least {@code threshold}, best first. Unlike a plain top-k collector it
 * tells the scorer the threshold before the first hit, so block-max WAND skips every document that cannot reach
 * it: at a million questions most documents share only common words with the query and are never scored.
 */
final class TopAboveThreshold extends SimpleCollector {

    private static final Comparator<ScoreDoc> WORST_FIRST = Comparator.<ScoreDoc>comparingDouble(hit -> hit.score)
            .thenComparing(Comparator.<ScoreDoc>comparingInt(hit -> hit.doc).reversed());

    private final int limit;
    private final float threshold;
    private final PriorityQueue<ScoreDoc> best;
    private Scorable scorer;
    private int docBase;

    private TopAboveThreshold(int limit, float threshold) {
        this.limit = limit;
        this.threshold = threshold > 0 ? threshold : 0f; // scorers take no negative (or NaN) minimum
        this.best = new PriorityQueue<>(limit + 1, WORST_FIRST);
    }

    /**
     * Runs {@code query} and returns its best hits at or above {@code threshold}, highest score first. Each slice
     * of the index (searched in parallel when the searcher has an executor) keeps its own best; they are merged.
     */
    static List<ScoreDoc> search(IndexSearcher searcher, Query query, int limit, float threshold) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        return searcher.search(query, new CollectorManager<TopAboveThreshold, List<ScoreDoc>>() {
            @Override
            public TopAboveThreshold newCollector() {
                return new TopAboveThreshold(limit, threshold);
            }

            @Override
            public List<ScoreDoc> reduce(Collection<TopAboveThreshold> collectors) {
                List<ScoreDoc> hits = new ArrayList<>();
                collectors.forEach(collector -> hits.addAll(collector.best));
                hits.sort(WORST_FIRST.reversed());
                return hits.size() <= limit ? hits : new ArrayList<>(hits.subList(0, limit));
            }
        });
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.TOP_SCORES;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
        docBase = context.docBase;
    }

    @Override
    public void setScorer(Scorable scorer) throws IOException {
        this.scorer = scorer;
        scorer.setMinCompetitiveScore(minCompetitive());
    }

    @Override
    public void collect(int doc) throws IOException {
        float score = scorer.score();
        if (score < threshold) {
            return;
        }
        if (best.size() == limit) {
            if (score <= best.peek().score) {
                return; // a later document with the same score ranks after the one kept
            }
            best.poll();
        }
        best.add(new ScoreDoc(docBase + doc, score));
        if (best.size() == limit) {
            scorer.setMinCompetitiveScore(minCompetitive());
        }
    }

    private float minCompetitive() {
        // Scores are compared as floats; the next float up keeps documents tying the weakest kept hit out.
        return best.size() == limit ? Math.nextUp(best.peek().score) : threshold;
    }
}
