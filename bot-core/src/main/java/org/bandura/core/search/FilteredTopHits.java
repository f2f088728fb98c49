package org.bandura.core.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * The top hits of a query among the documents a filter accepts, the filter checked as each hit is collected rather
 * than joined to the query. For a filter most documents pass (answered questions, one workspace of a few), this
 * keeps the query a plain disjunction, which Lucene 9 scores with block-max MaxScore, skipping whole blocks that
 * cannot reach the best hits; the same query joined to a filter clause is scored document by document, about twice
 * as slowly at a million questions. Hits and their order are the same either way: the top-hits collector raises its
 * minimum score from the documents it kept, and only those.
 */
final class FilteredTopHits implements CollectorManager<FilteredTopHits.Filtered, TopDocs> {

    private final TopScoreDocCollectorManager top;
    private final Weight filter;

    private FilteredTopHits(TopScoreDocCollectorManager top, Weight filter) {
        this.top = top;
        this.filter = filter;
    }

    /** The best {@code count} hits of {@code query} that {@code filter} matches, counted exactly to {@code exactUpTo}. */
    static TopDocs search(IndexSearcher searcher, Query query, Query filter, int count, int exactUpTo)
            throws IOException {
        Weight filterWeight = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        return searcher.search(query, new FilteredTopHits(new TopScoreDocCollectorManager(count, exactUpTo),
                filterWeight));
    }

    @Override
    public Filtered newCollector() throws IOException {
        return new Filtered(top.newCollector(), filter);
    }

    @Override
    public TopDocs reduce(Collection<Filtered> collectors) throws IOException {
        List<TopScoreDocCollector> tops = new ArrayList<>();
        collectors.forEach(collector -> tops.add(collector.top));
        return top.reduce(tops);
    }

    static final class Filtered extends FilterCollector {

        private final TopScoreDocCollector top;
        private final Weight filter;

        Filtered(TopScoreDocCollector top, Weight filter) {
            super(top);
            this.top = top;
            this.filter = filter;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            Scorer accepted = filter.scorer(context);
            if (accepted == null) {
                throw new CollectionTerminatedException(); // nothing in this segment passes: skip it
            }
            TwoPhaseIterator twoPhase = accepted.twoPhaseIterator();
            DocIdSetIterator candidates = twoPhase == null ? accepted.iterator() : twoPhase.approximation();
            return new FilterLeafCollector(super.getLeafCollector(context)) {
                @Override
                public void collect(int doc) throws IOException {
                    // Hits arrive in increasing order within a segment, so the filter only ever moves forward.
                    int at = candidates.docID() < doc ? candidates.advance(doc) : candidates.docID();
                    if (at == doc && (twoPhase == null || twoPhase.matches())) {
                        in.collect(doc);
                    }
                }
            };
        }
    }
}
