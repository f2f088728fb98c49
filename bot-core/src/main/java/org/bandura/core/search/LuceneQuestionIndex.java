package org.bandura.core.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.text.BreakIterator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LiveIndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BlendedTermQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.SearchChanges;
import org.bandura.core.persistence.SearchSource;
import org.bandura.core.persistence.StorageUnavailableException;
import org.bandura.core.search.SearchResults.Range;
import org.bandura.core.search.SearchResults.SearchHit;
import org.bandura.core.search.SearchResults.Snippet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index behind {@link QuestionSearch}; every Lucene type Bandura uses stays in this package. One
 * document per live question (title, text, tags, answers with the accepted one in its own boosted field), BM25,
 * English analysis. The index is a projection: it follows the database's change sequence, commits the last
 * applied sequence number with each Lucene commit, replays from there after a restart or crash, and is rebuilt in
 * the background (while searches answer "warming up") when it is missing, unreadable or of an older format.
 *
 * <p>The postings and stored texts, most of the index, are read with positional reads ({@link NIOFSDirectory}), not
 * memory-mapped: the operating system's page cache still keeps the hot parts in memory, but outside the process, so
 * its resident size stays the heap and the JVM's own memory instead of growing with every index page a search
 * touched (at 1M questions: 249 MiB after 1,000 commands instead of 715 MiB with everything mapped). The small
 * files looked up at random, norms and the terms index, are mapped ({@link LookupsMappedDirectory}).
 */
public final class LuceneQuestionIndex implements QuestionSearch, AutoCloseable {

    /** Bump when documents change shape: every older index is then rebuilt at start. */
    static final String FORMAT = "3";
    /** Changes this far below the newest one at rebuild time are replayed after it, for in-flight transactions. */
    static final int REBUILD_LOOKBACK = 1_000;
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(10);
    /**
     * Changes older than this are pruned from the sequence (the rebuild horizon): a process whose index is further
     * behind (stopped that long) rebuilds it from the database instead of replaying.
     */
    static final Duration CHANGE_RETENTION = Duration.ofDays(7);
    static final Duration PRUNE_INTERVAL = Duration.ofHours(1);
    private static final int PRUNE_BATCH = 10_000;
    /** A similar question must score at least this share of the new question's summed term weights. */
    static final float SIMILAR_MIN_SHARE = 0.12f;
    /** The new question's rarest words that make the similar-questions query (MoreLikeThis-style): bounded cost. */
    static final int SIMILAR_MAX_TERMS = 12;
    /**
     * A word in more than this share of all questions says nothing about which are similar (MoreLikeThis's
     * max-doc-frequency cut): it is left out of the query, and a question made only of such words has no similar
     * ones, instead of scoring every document to find junk. Applied from this many questions on, so a small
     * community's few questions still compare on every word.
     */
    static final double SIMILAR_MAX_DOC_SHARE = 0.5;
    static final int SIMILAR_COMMON_FROM_DOCS = 1000;
    /**
     * Words in at most this share of questions pick the candidates for similar questions; commoner words (up to
     * {@link #SIMILAR_MAX_DOC_SHARE}) only add to the score of candidates.
     */
    static final double SIMILAR_TELLING_DOC_SHARE = 0.02;
    static final int TOTAL_EXACT_UP_TO = 1_000;
    static final int SNIPPET_LENGTH = 200;
    /**
     * How many of the best {@link #MATCH} hits a search rescores with the blended per-field query (more when a later
     * page is asked for). The cheap first pass picks them from a single field, where block-max skipping works; the
     * ranking among them is the per-field one.
     */
    static final int RESCORE_CANDIDATES = 40;
    /**
     * A filter that at least this share of the questions passes (answered ones, one workspace of a few) is checked
     * per hit ({@link FilteredTopHits}) instead of being joined to the words: the words then stay a plain
     * disjunction that Lucene skips through block by block. A narrower filter (a tag) is joined, and leads.
     */
    static final double CHECK_FILTER_PER_HIT_FROM_SHARE = 0.2;

    private static final Logger log = LoggerFactory.getLogger(LuceneQuestionIndex.class);
    private static final String FORMAT_KEY = "bandura.format";
    private static final String WATERMARK_KEY = "bandura.watermark";
    private static final int PAGE = 1_000;
    /**
     * The small segment flushed at each reopen after a change (and merges of such segments) are written to memory
     * until the next commit writes them out ({@link NRTCachingDirectory}): creating, writing and reopening a dozen
     * files per change was 70 % of a reopen at 1M questions, and the next search waits for the reopen.
     */
    private static final double CACHED_SEGMENT_MB = 2;
    private static final double CACHED_TOTAL_MB = 16;
    private static final int REBUILD_THREADS = 2;
    private static final double REBUILD_RAM_BUFFER_MB = 64;
    private static final int CHANGES_PER_READ = 5_000;
    /** Open transactions' numbers re-checked per read; more are checked as the lower ones resolve. */
    private static final int GAPS_PER_READ = 500;

    private static final String ID = "id";
    private static final String WORKSPACE = "workspace";
    private static final String NUMBER = "number";
    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String TAG = "tag";
    private static final String TAG_TEXT = "tag_text";
    private static final String ANSWERS = "answers";
    private static final String ACCEPTED = "accepted_answer";
    private static final String ANSWERED = "answered";
    private static final String ANSWER_COUNT = "answer_count";
    private static final String IS_ACCEPTED = "is_accepted";
    private static final String SPELL = "spell";
    /** Every searchable text of a question in one field (title, body, tags, answers): the first pass of a search. */
    private static final String MATCH = "match";
    private static final Map<String, Float> SEARCH_FIELDS = Map.of(TITLE, 3f, TAG_TEXT, 2f, ACCEPTED, 1.5f, BODY, 1f,
            ANSWERS, 0.5f);
    private static final Map<String, Float> SIMILAR_FIELDS = Map.of(TITLE, 2f, BODY, 1f);
    /**
     * Lucene's English stop words plus the words every question has ("how do I", "what", "my"), which would
     * otherwise make any two questions look alike.
     */
    static final CharArraySet STOP_WORDS = stopWords();
    private static final FieldType SPELL_TYPE = spellType();
    /** Words and their frequencies, no positions: no query here needs them (snippets re-analyze the text). */
    private static final FieldType TEXT_TYPE = textType();
    private static final Similarity SIMILARITY = new SameRarityInEveryField();
    private static final TaskExecutor ON_THE_CALLING_THREAD = new TaskExecutor(Runnable::run);

    private final Database database;
    private final Clock clock;
    private final SearchChanges changes = new SearchChanges();
    private final SearchSource source = new SearchSource();
    private final Analyzer english = new EnglishAnalyzer(STOP_WORDS);
    private final Analyzer words = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ChangeFollower follower;
    private final UnifiedHighlighter highlighter;
    private final DirectSpellChecker spellChecker = new DirectSpellChecker();
    private final ScheduledExecutorService background;
    /** Searches one index slice per core at once: a search at a million questions takes half the time on two. */
    private final ExecutorService sliceThreads;
    /** Look up similar questions while the asking thread stores and routes the question ({@link NoCatchUp}). */
    private final ExecutorService similarThreads;
    private final Object applyLock = new Object();
    /** Held while the index is committed or rebuilt (taken before {@link #applyLock} where both are held). */
    private final Object commitLock = new Object();
    /** Commits this process made that may have appended to the change sequence ({@link #changed()}). */
    private final AtomicLong ownWrites = new AtomicLong();
    /** Of {@link #ownWrites}, how many a finished catch-up had read from the database: all searchable. */
    private volatile long ownWritesApplied;
    /** A catch-up is queued on the background thread: later {@link #changed()} calls ride along with it. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final QuestionSearch withoutCatchingUp = new NoCatchUp();
    private volatile boolean warmingUp;
    /** Runs after each page a rebuild indexed: lets a test hold a rebuild where it is. */
    private volatile Runnable afterRebuildPage = () -> { };
    private volatile boolean uncommitted;
    private volatile boolean closed;
    private Instant nextPrune = Instant.MIN;

    private LuceneQuestionIndex(Database database, SearchSettings settings, Clock clock) throws IOException {
        this.database = database;
        this.clock = clock;
        this.directory = settings.indexDir() == null ? new ByteBuffersDirectory()
                : new NRTCachingDirectory(new LookupsMappedDirectory(new NIOFSDirectory(
                        Files.createDirectories(settings.indexDir()))), CACHED_SEGMENT_MB, CACHED_TOTAL_MB);
        if (settings.indexDir() != null) {
            try {
                directory.obtainLock(IndexWriter.WRITE_LOCK_NAME).close(); // fails at once if another process owns it
            } catch (IOException e) {
                directory.close();
                throw e;
            }
        }
        Optional<Long> committed = committedWatermark(directory);
        if (committed.isPresent()) {
            long pruned = prunedThroughOrZero(database);
            if (committed.get() < pruned) {
                log.info("Search index: its changes up to {} were pruned from the database since it was last "
                        + "written (at {}), so it is rebuilt", pruned, committed.get());
                committed = Optional.empty();
            }
        }
        if (committed.isEmpty()) {
            for (String file : directory.listAll()) {
                directory.deleteFile(file);
            }
        }
        IndexWriterConfig config = new IndexWriterConfig(
                new PerFieldAnalyzerWrapper(english, Map.of(SPELL, words)))
                .setOpenMode(committed.isPresent() ? IndexWriterConfig.OpenMode.APPEND
                        : IndexWriterConfig.OpenMode.CREATE)
                .setCommitOnClose(false)
                .setRAMBufferSizeMB(32)
                .setSimilarity(SIMILARITY)
                .setMergePolicy(mergePolicy())
                // A reopen after a change does not wait for the small segments it flushed to be merged (Lucene
                // waits up to 500 ms by default): the change is searchable a merge sooner.
                .setMaxFullFlushMergeWaitMillis(0);
        try {
            this.writer = new IndexWriter(directory, config);
        } catch (IOException e) {
            directory.close();
            throw e;
        }
        this.sliceThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
            Thread thread = new Thread(runnable, "bandura-search-slice");
            thread.setDaemon(true);
            return thread;
        });
        this.similarThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
            Thread thread = new Thread(runnable, "bandura-search-similar");
            thread.setDaemon(true);
            return thread;
        });
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                IndexSearcher searcher = new IndexSearcher(reader, sliceThreads) {
                    @Override
                    protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
                        return balancedSlices(leaves, Runtime.getRuntime().availableProcessors());
                    }

                    /**
                     * Lucene asks for this executor only to look up each word of a query in each segment (the
                     * slices use the constructor's): that is microseconds of work per task, so handing it to the
                     * slice threads cost more in wake-ups than it saved. Looked up on the searching thread.
                     */
                    @Override
                    public TaskExecutor getTaskExecutor() {
                        return ON_THE_CALLING_THREAD;
                    }
                };
                searcher.setSimilarity(SIMILARITY);
                return searcher;
            }
        });
        this.follower = new ChangeFollower(committed.orElse(0L), GAP_TIMEOUT);
        this.highlighter = UnifiedHighlighter.builderWithoutSearcher(english)
                .withFormatter(new RangeFormatter())
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_LENGTH, 0.3f))
                .withMaxLength(10_000)
                // Matches found by re-analyzing the text, not by running the query on an in-memory index of it
                // per hit (a quarter of a search's time at a million questions); the same words are marked.
                .withWeightMatches(false)
                .build();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "bandura-search");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.background = executor;
        if (committed.isEmpty()) {
            startRebuild();
        }
        long followMillis = Math.max(10, settings.maxLag().toMillis() / 2);
        background.scheduleWithFixedDelay(this::followQuietly, 0, followMillis, TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(this::commitQuietly, COMMIT_INTERVAL.toMillis(), COMMIT_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Opens (or starts rebuilding) the index and begins following the database. The bot can answer at once: while
     * a rebuild runs, searches report {@link #warmingUp()}.
     */
    public static LuceneQuestionIndex open(Database database, SearchSettings settings, Clock clock) {
        try {
            return new LuceneQuestionIndex(database, settings, clock);
        } catch (LockObtainFailedException e) {
            // Another Bandura process on this machine owns the directory: this one still starts and searches.
            log.warn("The search index at {} is in use by another Bandura process, so this one keeps its index in "
                    + "memory (rebuilt now from the database). Give each process its own search.index-dir.",
                    settings.indexDir());
            return open(database, new SearchSettings(null, settings.maxLag()), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("can't open the search index at " + settings.indexDir(), e);
        }
    }

    @Override
    public boolean warmingUp() {
        return warmingUp;
    }

    /**
     * Applies every committed change not applied yet and makes it searchable. The background thread calls it every
     * half {@code search.max-lag} (other processes' writes) and soon after {@link #changed()}; a search calls it
     * through {@link #awaitOwnWrites()} when this process committed a change the index does not hold yet.
     */
    public void catchUp() {
        catchUp(Long.MAX_VALUE);
    }

    /**
     * Tells the index that this process just committed a change to questions: the background thread catches up
     * soon (many calls in a row make one catch-up), and every search in this process first catches up with it.
     * The caller never waits for the index; this is what keeps the search index off the command path.
     */
    public void changed() {
        ownWrites.incrementAndGet();
        if (closed || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                wakeQueued.set(false);
                followQuietly();
            });
        } catch (RejectedExecutionException e) {
            wakeQueued.set(false); // closing: the next start replays the change
        }
    }

    /**
     * Brings the index up to every change this process committed before this call (see {@link #changed()}), so a
     * process's own writes are found at once. Free when the index already holds them (one volatile read); else one
     * catch-up, shared with whoever else waits. A failure (storage away) is logged and the search runs on what the
     * index has: the follower applies the change later.
     */
    public void awaitOwnWrites() {
        long target = ownWrites.get();
        if (ownWritesApplied >= target || warmingUp || closed) {
            return;
        }
        try {
            catchUp(target);
        } catch (StorageUnavailableException e) {
            log.debug("Search index: storage unreachable, searching what the index holds");
        } catch (RuntimeException e) {
            log.warn("Search index: catching up before a search failed, searching what the index holds: {}",
                    e.toString());
        }
    }

    /** A view of this index whose searches don't catch up first: for code already inside a transaction. */
    public QuestionSearch withoutCatchingUp() {
        return withoutCatchingUp;
    }

    /** Catches up unless a catch-up that started after own write number {@code ownWrite} already finished. */
    private void catchUp(long ownWrite) {
        if (warmingUp || closed) {
            return;
        }
        synchronized (applyLock) {
            if (ownWritesApplied >= ownWrite || warmingUp || closed) {
                return;
            }
            long reaching = ownWrites.get(); // committed before the reads below start: they see those changes
            try {
                boolean changed = false;
                boolean more;
                do {
                    long above = follower.highestSeen();
                    List<Long> gaps = follower.gaps(GAPS_PER_READ);
                    long[] pruned = new long[1];
                    int[] newer = new int[1];
                    List<SearchChanges.Change> read = database.inTransaction(sql -> {
                        pruned[0] = changes.prunedThrough(sql);
                        List<SearchChanges.Change> found = new ArrayList<>(changes.withNumbers(sql, gaps));
                        List<SearchChanges.Change> after = changes.after(sql, above, CHANGES_PER_READ);
                        newer[0] = after.size();
                        found.addAll(after);
                        return found;
                    });
                    more = newer[0] == CHANGES_PER_READ;
                    if (follower.watermark() < pruned[0]) {
                        // Changes this index had not applied were pruned (it fell behind the horizon): rebuild.
                        log.warn("Search index: changes up to {} were pruned before this process applied them "
                                + "(it is at {}), rebuilding", pruned[0], follower.watermark());
                        rebuildInBackground();
                        return;
                    }
                    List<SearchChanges.Change> fresh = follower.unapplied(read);
                    if (!fresh.isEmpty()) {
                        apply(fresh.stream().map(SearchChanges.Change::questionId).distinct().toList());
                        changed = true;
                    }
                    follower.applied(read, clock.instant());
                } while (more);
                if (changed) {
                    uncommitted = true;
                    searchers.maybeRefreshBlocking();
                }
                ownWritesApplied = Math.max(ownWritesApplied, reaching);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One slice per core, of about equal document counts (largest segments placed first, each into the emptiest
     * slice): Lucene's default cuts a million questions into five slices, which two cores search in three rounds.
     */
    static IndexSearcher.LeafSlice[] balancedSlices(List<LeafReaderContext> leaves, int cores) {
        int count = Math.max(1, Math.min(cores, leaves.size()));
        List<List<LeafReaderContext>> slices = new ArrayList<>();
        long[] documents = new long[count];
        for (int i = 0; i < count; i++) {
            slices.add(new ArrayList<>());
        }
        List<LeafReaderContext> largestFirst = new ArrayList<>(leaves);
        largestFirst.sort((a, b) -> Integer.compare(b.reader().maxDoc(), a.reader().maxDoc()));
        for (LeafReaderContext leaf : largestFirst) {
            int emptiest = 0;
            for (int i = 1; i < count; i++) {
                if (documents[i] < documents[emptiest]) {
                    emptiest = i;
                }
            }
            slices.get(emptiest).add(leaf);
            documents[emptiest] += leaf.reader().maxDoc();
        }
        return slices.stream().filter(slice -> !slice.isEmpty()).map(IndexSearcher.LeafSlice::new)
                .toArray(IndexSearcher.LeafSlice[]::new);
    }

    /**
     * Merged segments are never compound files: their norms and terms index stay files of their own, which
     * {@link LookupsMappedDirectory} maps (in a compound file they would be read by calls, like the postings). The
     * small segments flushed after each change stay compound: one file to open per reopen instead of a dozen.
     */
    static TieredMergePolicy mergePolicy() {
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setNoCFSRatio(0);
        return merges;
    }

    /**
     * Writes applied changes and the sequence number they reach to disk, so a restart replays only what follows.
     * The writing (file syncs: up to a few hundred milliseconds) runs outside {@link #applyLock}, so a search
     * waiting to catch up with its own process's change never waits for it. The commit then holds every change up
     * to the recorded sequence number and perhaps some after it, which a restart applies again (harmless).
     */
    public void commit() {
        synchronized (commitLock) {
            long watermark;
            synchronized (applyLock) {
                if (warmingUp || closed) {
                    return;
                }
                watermark = follower.watermark();
                uncommitted = false; // a catch-up from here on sets it again
            }
            try {
                writeCommit(watermark);
            } catch (RuntimeException e) {
                uncommitted = true;
                throw e;
            }
        }
    }

    private void writeCommit(long watermark) {
        try {
            writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT, WATERMARK_KEY, Long.toString(watermark)).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Searches after {@link #awaitOwnWrites() catching up} with this process's own writes. */
    @Override
    public SearchResults search(long workspaceId, String query, SearchFilter filter, int offset, int limit) {
        awaitOwnWrites();
        return searchNow(workspaceId, query, filter, offset, limit);
    }

    /** Similar questions after {@link #awaitOwnWrites() catching up} with this process's own writes. */
    @Override
    public List<SimilarQuestion> similar(long workspaceId, String text, long excludeQuestionId, int limit) {
        awaitOwnWrites();
        return similarNow(workspaceId, text, excludeQuestionId, limit);
    }

    /** The searches of {@link #withoutCatchingUp()}: on what the index holds now. */
    private final class NoCatchUp implements QuestionSearch {
        @Override
        public SearchResults search(long workspaceId, String query, SearchFilter filter, int offset, int limit) {
            return searchNow(workspaceId, query, filter, offset, limit);
        }

        @Override
        public List<SimilarQuestion> similar(long workspaceId, String text, long excludeQuestionId, int limit) {
            return similarNow(workspaceId, text, excludeQuestionId, limit);
        }

        @Override
        public CompletableFuture<List<SimilarQuestion>> similarMeanwhile(long workspaceId, String text, int limit) {
            if (warmingUp || limit <= 0) {
                return CompletableFuture.completedFuture(List.of());
            }
            try {
                return CompletableFuture.supplyAsync(() -> similarNow(workspaceId, text, -1, limit), similarThreads);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(List.of()); // closing: the index is going away
            }
        }

        @Override
        public boolean warmingUp() {
            return LuceneQuestionIndex.this.warmingUp();
        }
    }

    private SearchResults searchNow(long workspaceId, String query, SearchFilter filter, int offset, int limit) {
        if (warmingUp) {
            return SearchResults.warmingUpNow();
        }
        List<String> terms = analyze(english, query);
        if (terms.isEmpty() && !analyze(words, query).isEmpty()) {
            return SearchResults.ofOnlyCommonWords(); // words, all of them stop words
        }
        if (terms.isEmpty() || limit <= 0) {
            return SearchResults.none();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Scope scope = scope(searcher, workspaceId, filter, -1);
                Query exact = termsQuery(terms, present(searcher, SEARCH_FIELDS), 1);
                // First pass: any of the words in the one combined field (the same questions as any word in any
                // field), where the scorer can skip what cannot reach the best candidates; then the candidates
                // are ranked by the blended per-field query alone.
                int candidates = Math.max(RESCORE_CANDIDATES, offset + limit);
                TopDocs first = topHits(searcher, scope, matchQuery(terms), candidates);
                if (first.totalHits.value > 0) {
                    TopDocs top = rankedBy(searcher, first, exact, offset + limit);
                    return results(searcher, wordsIn(BODY, terms), top, offset, Optional.empty(), false);
                }
                TopDocs top;
                Optional<String> didYouMean = suggest(searcher, workspaceId, query);
                Query fuzzy = fuzzyQuery(terms);
                top = topHits(searcher, scope, fuzzy, offset + limit);
                return results(searcher, fuzzy, top, offset, didYouMean, true);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SimilarQuestion> similarNow(long workspaceId, String text, long excludeQuestionId, int limit) {
        if (warmingUp || limit <= 0) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                List<String> terms = new ArrayList<>(new LinkedHashSet<>(analyze(english, text)));
                List<long[]> frequencies = new ArrayList<>();
                int tooCommon = reader.numDocs() >= SIMILAR_COMMON_FROM_DOCS
                        ? (int) (reader.numDocs() * SIMILAR_MAX_DOC_SHARE) : Integer.MAX_VALUE;
                // Each word is looked up once per field and segment, here, and the queries below reuse what was
                // found: they looked every word up again (twice for the telling ones) when they were rewritten.
                LookedUp lookedUp = new LookedUp(searcher);
                for (int i = 0; i < terms.size(); i++) {
                    int df = lookedUp.get(new Term(BODY, terms.get(i))).docFreq();
                    if (df > 0 && df <= tooCommon) {
                        frequencies.add(new long[] {i, df});
                    }
                }
                frequencies.sort((a, b) -> Long.compare(a[1], b[1]));
                List<String> rarest = new ArrayList<>();
                List<String> telling = new ArrayList<>();
                long tellingUpTo = (long) (reader.numDocs() * SIMILAR_TELLING_DOC_SHARE);
                double weight = 0;
                for (long[] frequency : frequencies.subList(0, Math.min(SIMILAR_MAX_TERMS, frequencies.size()))) {
                    String term = terms.get((int) frequency[0]);
                    rarest.add(term);
                    if (frequency[1] <= tellingUpTo) {
                        telling.add(term);
                    }
                    // maxDoc, like the scoring's rarity: docFreq still counts replaced documents until merged away.
                    weight += idf(frequency[1], reader.maxDoc());
                }
                if (rarest.isEmpty()) {
                    return List.of();
                }
                int mustMatch = mustMatch(Math.min(terms.size(), SIMILAR_MAX_TERMS));
                if (rarest.size() < mustMatch) {
                    return List.of(); // too few of its words occur anywhere for any question to be close
                }
                Map<String, Float> fields = present(searcher, SIMILAR_FIELDS);
                Query words = termsQuery(rarest, fields, mustMatch, lookedUp);
                if (!telling.isEmpty() && reader.numDocs() >= SIMILAR_COMMON_FROM_DOCS) {
                    // A candidate must also hold one of the telling words (sharing only common words is no
                    // likeness); scores are unchanged. The scorer then leads with the telling words' short posting
                    // lists instead of walking words found in a fifth of all questions: that was what made this
                    // slow at a million.
                    words = new BooleanQuery.Builder().add(words, Occur.MUST)
                            .add(termsQuery(telling, fields, 1, lookedUp), Occur.FILTER).build();
                }
                Query query = within(scope(searcher, workspaceId, SearchFilter.ANY, excludeQuestionId), words);
                float threshold = (float) (SIMILAR_MIN_SHARE * weight);
                StoredFields stored = searcher.storedFields();
                List<SimilarQuestion> similar = new ArrayList<>();
                // The threshold is known before the search: the scorer skips every question that cannot reach it.
                for (ScoreDoc hit : TopAboveThreshold.search(searcher, query, limit, threshold)) {
                    Document document = stored.document(hit.doc);
                    similar.add(new SimilarQuestion(document.getField(NUMBER).numericValue().longValue(),
                            document.get(TITLE), document.getField(ANSWER_COUNT).numericValue().intValue() > 0,
                            hit.score));
                }
                return similar;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests: runs {@code work} holding the lock every catch-up takes, as a slow catch-up would. */
    void whileApplying(Runnable work) {
        synchronized (applyLock) {
            work.run();
        }
    }

    /** For tests: runs {@code work} holding the lock a commit holds while it writes, as a slow commit would. */
    void whileCommitting(Runnable work) {
        synchronized (commitLock) {
            work.run();
        }
    }

    /** For tests: how many of this process's commits the index has not caught up with yet. */
    long ownWritesBehind() {
        return ownWrites.get() - ownWritesApplied;
    }

    /** For tests: {@code hook} runs on the rebuilding thread after each page of questions it indexed. */
    void afterRebuildPage(Runnable hook) {
        this.afterRebuildPage = hook;
    }

    /** Starts a full rebuild on the background thread, as a start without a usable index does; searches warm up. */
    void rebuildInBackground() {
        warmingUp = true;
        background.execute(this::rebuildOrRetry);
    }

    /** Rebuilds the whole index from the database now (also what a start without a usable index does). */
    public void rebuildNow() {
        warmingUp = true;
        rebuild();
    }

    private void startRebuild() {
        boolean empty = !database.inTransaction(source::anyQuestion);
        warmingUp = true;
        if (empty) {
            rebuild();
        } else {
            background.execute(this::rebuildOrRetry);
        }
    }

    private void rebuildOrRetry() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.warn("Search index rebuild failed, retrying in 30 s: {}", e.toString());
            if (!closed) {
                background.schedule(this::rebuildOrRetry, 30, TimeUnit.SECONDS);
            }
        }
    }

    private void rebuild() {
        synchronized (commitLock) { // no commit of a half-rebuilt index
            rebuildHoldingCommitLock();
        }
    }

    private void rebuildHoldingCommitLock() {
        try {
            long started = System.nanoTime();
            long latest = database.inTransaction(changes::latest);
            long prunedAtStart = database.inTransaction(changes::prunedThrough);
            long total = database.inTransaction(source::liveCount);
            log.info("Search index: rebuilding from the database, {} questions", String.format(Locale.ROOT, "%,d", total));
            writer.deleteAll();
            long done = 0;
            long after = 0;
            long lastReport = started;
            // Pages are read on this thread while up to REBUILD_THREADS others index the previous ones, each into
            // its own in-memory segment, with a larger buffer so segments are flushed (and merged) less often.
            LiveIndexWriterConfig config = writer.getConfig();
            double ramBuffer = config.getRAMBufferSizeMB();
            config.setRAMBufferSizeMB(REBUILD_RAM_BUFFER_MB);
            // Flushed segments stay separate files: packing each into a compound file would write it twice.
            boolean compound = config.getUseCompoundFile();
            config.setUseCompoundFile(false);
            int threads = Math.max(1, Math.min(REBUILD_THREADS, Runtime.getRuntime().availableProcessors()));
            ExecutorService indexers = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "bandura-search-rebuild");
                thread.setDaemon(true);
                return thread;
            });
            Semaphore inFlight = new Semaphore(threads + 1);
            List<Future<?>> pending = new ArrayList<>();
            try {
                while (!closed) {
                    long from = after;
                    List<SearchSource.Document> page = database.inTransaction(sql -> source.livePage(sql, from, PAGE));
                    if (page.isEmpty()) {
                        break;
                    }
                    inFlight.acquire();
                    pending.add(indexers.submit(() -> {
                        try {
                            for (SearchSource.Document question : page) {
                                writer.addDocument(document(question));
                            }
                            return null;
                        } finally {
                            inFlight.release();
                        }
                    }));
                    afterRebuildPage.run();
                    after = page.get(page.size() - 1).id();
                    done += page.size();
                    long now = System.nanoTime();
                    if (now - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                        lastReport = now;
                        log.info("Search index: {}", progress(done, total, now - started));
                    }
                    for (java.util.Iterator<Future<?>> it = pending.iterator(); it.hasNext(); ) {
                        Future<?> indexed = it.next();
                        if (indexed.isDone()) {
                            indexed.get(); // rethrows an indexing failure
                            it.remove();
                        }
                    }
                }
                for (Future<?> indexed : pending) {
                    indexed.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search index rebuild interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? new UncheckedIOException(io)
                        : new IllegalStateException("search index rebuild failed", e.getCause());
            } finally {
                // Never interrupted: an interrupted Lucene write closes the index. Pages in flight finish first.
                indexers.shutdown();
                awaitQuietly(indexers);
                config.setRAMBufferSizeMB(ramBuffer);
                config.setUseCompoundFile(compound);
            }
            if (closed) {
                return;
            }
            synchronized (applyLock) {
                follower.reset(Math.max(prunedAtStart, Math.max(0, latest - REBUILD_LOOKBACK)));
                writeCommit(follower.watermark());
                uncommitted = false;
                searchers.maybeRefreshBlocking();
                warmingUp = false;
            }
            log.info("Search index: ready, {} questions in {} s", String.format(Locale.ROOT, "%,d", done),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
            catchUp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("Search index: rebuild threads did not stop within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String progress(long done, long total, long elapsedNanos) {
        double perSecond = done / Math.max(1e-9, elapsedNanos / 1e9);
        long left = perSecond <= 0 ? 0 : Math.round(Math.max(0, total - done) / perSecond);
        return String.format(Locale.ROOT, "rebuilding, %,d of %,d questions, %,.0f/s, about %d s left",
                done, total, perSecond, left);
    }

    private void apply(List<Long> questionIds) throws IOException {
        List<SearchSource.Document> found = new ArrayList<>();
        for (int from = 0; from < questionIds.size(); from += PAGE) {
            List<Long> ids = questionIds.subList(from, Math.min(questionIds.size(), from + PAGE));
            found.addAll(database.inTransaction(sql -> source.byIds(sql, ids)));
        }
        Set<Long> present = new LinkedHashSet<>();
        for (SearchSource.Document question : found) {
            present.add(question.id());
            if (question.deleted()) {
                writer.deleteDocuments(idTerm(question.id()));
            } else {
                writer.updateDocument(idTerm(question.id()), document(question));
            }
        }
        for (long id : questionIds) {
            if (!present.contains(id)) {
                writer.deleteDocuments(idTerm(id));
            }
        }
    }

    /**
     * A question's document. Each text is analyzed once here and its words replayed into its own field and into
     * {@link #MATCH} (same words, same lengths for BM25 as analyzing it twice, at half the analysis).
     */
    private Document document(SearchSource.Document question) {
        Document document = new Document();
        document.add(new StringField(ID, Long.toString(question.id()), Field.Store.NO));
        document.add(new StringField(WORKSPACE, Long.toString(question.workspaceId()), Field.Store.NO));
        document.add(new StoredField(NUMBER, question.number()));
        document.add(new StoredField(TITLE, question.title()));
        document.add(new StoredField(BODY, question.body()));
        List<String> titleTerms = analyze(english, question.title());
        List<String> bodyTerms = analyze(english, question.body());
        document.add(new Field(TITLE, new Replay(titleTerms), TEXT_TYPE));
        if (!startsWith(bodyTerms, titleTerms)) {
            document.add(new Field(MATCH, new Replay(titleTerms), TEXT_TYPE));
        }
        addText(document, BODY, bodyTerms);
        for (String tag : question.tags()) {
            document.add(new StringField(TAG, tag, Field.Store.YES));
            addText(document, TAG_TEXT, tag.replace('-', ' '));
        }
        for (String answer : question.answers()) {
            addText(document, ANSWERS, answer);
        }
        if (question.accepted()) {
            addText(document, ACCEPTED, question.acceptedAnswer());
        }
        document.add(new StringField(ANSWERED, question.answerCount() > 0 ? "y" : "n", Field.Store.NO));
        document.add(new StoredField(ANSWER_COUNT, question.answerCount()));
        document.add(new StoredField(IS_ACCEPTED, question.accepted() ? 1 : 0));
        document.add(new Field(SPELL, question.body(), SPELL_TYPE));
        return document;
    }

    /** Indexes {@code text} into {@code field} and into {@link #MATCH}, analyzing it once. */
    private void addText(Document document, String field, String text) {
        addText(document, field, analyze(english, text));
    }

    private static void addText(Document document, String field, List<String> terms) {
        document.add(new Field(field, new Replay(terms), TEXT_TYPE));
        document.add(new Field(MATCH, new Replay(terms), TEXT_TYPE));
    }

    /**
     * Whether the title's words open the body (a title is the body's first line): then {@link #MATCH} holds them
     * once, through the body, and finds the same questions; indexing a question costs a sixth less.
     */
    static boolean startsWith(List<String> body, List<String> title) {
        return body.size() >= title.size() && body.subList(0, title.size()).equals(title);
    }

    /** Replays words analyzed earlier, for indexing. */
    private static final class Replay extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final List<String> terms;
        private int next;

        Replay(List<String> terms) {
            this.terms = terms;
        }

        @Override
        public boolean incrementToken() {
            if (next == terms.size()) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(terms.get(next++));
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }

    /** {@code match} is the words part of the query (no filters): the highlighter runs it on the text alone. */
    private SearchResults results(IndexSearcher searcher, Query match, TopDocs top, int offset,
                                  Optional<String> didYouMean, boolean fuzzy) throws IOException {
        StoredFields stored = searcher.storedFields();
        Query highlightable = fuzzy ? searcher.rewrite(match) : match;
        List<SearchHit> hits = new ArrayList<>();
        for (int i = offset; i < top.scoreDocs.length; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            Document document = stored.document(hit.doc);
            String body = document.get(BODY);
            hits.add(new SearchHit(document.getField(NUMBER).numericValue().longValue(), document.get(TITLE),
                    List.of(document.getValues(TAG)), document.getField(ANSWER_COUNT).numericValue().intValue(),
                    document.getField(IS_ACCEPTED).numericValue().intValue() == 1, hit.score,
                    snippet(highlightable, body)));
        }
        boolean exact = top.totalHits.relation == TotalHits.Relation.EQUAL_TO;
        return new SearchResults(hits, top.totalHits.value, exact, didYouMean, fuzzy, false, false);
    }

    private Snippet snippet(Query query, String body) throws IOException {
        Object highlighted = highlighter.highlightWithoutSearcher(BODY, query, body, 1);
        if (highlighted instanceof Snippet snippet) {
            return snippet;
        }
        return new Snippet(clip(body, 0, Math.min(body.length(), SNIPPET_LENGTH)), List.of());
    }

    private static String clip(String body, int start, int end) {
        return body.substring(start, end).strip();
    }

    /** A "did you mean" for words no question here contains: each replaced by the closest word that one does. */
    private Optional<String> suggest(IndexSearcher searcher, long workspaceId, String query) throws IOException {
        List<String> typed = analyze(words, query);
        List<String> respelled = new ArrayList<>();
        boolean changed = false;
        for (String word : typed) {
            if (existsIn(searcher, workspaceId, word)) {
                respelled.add(word);
                continue;
            }
            String replacement = word;
            for (SuggestWord suggestion : spellChecker.suggestSimilar(new Term(SPELL, word), 5,
                    searcher.getIndexReader(), SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX)) {
                if (existsIn(searcher, workspaceId, suggestion.string)) {
                    replacement = suggestion.string;
                    changed = true;
                    break;
                }
            }
            respelled.add(replacement);
        }
        return changed ? Optional.of(String.join(" ", respelled)) : Optional.empty();
    }

    /** Checked per workspace so a suggestion never reveals a word from another workspace's questions. */
    private boolean existsIn(IndexSearcher searcher, long workspaceId, String word) throws IOException {
        return searcher.count(within(scope(searcher, workspaceId, SearchFilter.ANY, -1), new TermQuery(new Term(SPELL, word)))) > 0;
    }

    /**
     * What a query is limited to: filters (all must hold) and exclusions; {@code share} estimates the part of the
     * index the filters let through (their terms' frequencies, as if independent).
     */
    private record Scope(List<Query> filters, List<Query> exclusions, double share) {
    }

    /**
     * The workspace, tag, answered and excluded-question limits of a query. The workspace filter is left out when
     * every document of the index belongs to that workspace (the usual single-workspace deployment): it would then
     * match everything and only cost a conjunction over all documents.
     */
    private static Scope scope(IndexSearcher searcher, long workspaceId, SearchFilter filter, long excludeQuestionId)
            throws IOException {
        List<Term> filters = new ArrayList<>();
        Term workspace = new Term(WORKSPACE, Long.toString(workspaceId));
        IndexReader reader = searcher.getIndexReader();
        if (reader.docFreq(workspace) < reader.maxDoc()) {
            filters.add(workspace);
        }
        if (filter.tag() != null) {
            filters.add(new Term(TAG, filter.tag()));
        }
        switch (filter.answered()) {
            case ANSWERED -> filters.add(new Term(ANSWERED, "y"));
            case UNANSWERED -> filters.add(new Term(ANSWERED, "n"));
            case ANY -> { }
        }
        double share = 1;
        for (Term term : filters) {
            share *= reader.maxDoc() == 0 ? 0 : (double) reader.docFreq(term) / reader.maxDoc();
        }
        List<Query> exclusions = excludeQuestionId >= 0 ? List.of(new TermQuery(idTerm(excludeQuestionId))) : List.of();
        return new Scope(filters.stream().<Query>map(TermQuery::new).toList(), exclusions, share);
    }

    /** The best {@code count} hits of {@code match} within {@code scope}, its filter joined or checked per hit. */
    private static TopDocs topHits(IndexSearcher searcher, Scope scope, Query match, int count) throws IOException {
        if (scope.filters().isEmpty() || !scope.exclusions().isEmpty()
                || scope.share() < CHECK_FILTER_PER_HIT_FROM_SHARE) {
            return searcher.search(within(scope, match), new TopScoreDocCollectorManager(count, TOTAL_EXACT_UP_TO));
        }
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        scope.filters().forEach(clause -> filter.add(clause, Occur.FILTER));
        return FilteredTopHits.search(searcher, match, filter.build(), count, TOTAL_EXACT_UP_TO);
    }

    private static Query within(Scope scope, Query match) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(match, Occur.MUST);
        scope.filters().forEach(filter -> query.add(filter, Occur.FILTER));
        scope.exclusions().forEach(exclusion -> query.add(exclusion, Occur.MUST_NOT));
        return query.build();
    }

    /**
     * Each word scored by its best field (plus a little of the others), with one rarity for the word across the
     * fields so a boost means what it says; {@code mustMatch} words at least.
     */
    private static Query termsQuery(List<String> terms, Map<String, Float> fields, int mustMatch)
            throws IOException {
        return termsQuery(terms, fields, mustMatch, null);
    }

    /** As above, with each word's per-segment lookups taken from {@code lookedUp} when given. */
    private static Query termsQuery(List<String> terms, Map<String, Float> fields, int mustMatch,
                                    LookedUp lookedUp) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder().setMinimumNumberShouldMatch(mustMatch);
        for (String term : new LinkedHashSet<>(terms)) {
            BlendedTermQuery.Builder perField = new BlendedTermQuery.Builder()
                    .setRewriteMethod(new BlendedTermQuery.DisjunctionMaxRewrite(0.2f));
            for (Map.Entry<String, Float> field : fields.entrySet()) {
                Term fieldTerm = new Term(field.getKey(), term);
                if (lookedUp == null) {
                    perField.add(fieldTerm, field.getValue());
                } else {
                    perField.add(fieldTerm, field.getValue(), lookedUp.get(fieldTerm));
                }
            }
            query.add(perField.build(), Occur.SHOULD);
        }
        return query.build();
    }

    /** Words looked up in every segment of one searcher's index (with their statistics), each once. */
    private static final class LookedUp {
        private final IndexSearcher searcher;
        private final Map<Term, TermStates> states = new HashMap<>();

        LookedUp(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        TermStates get(Term term) throws IOException {
            TermStates found = states.get(term);
            if (found == null) {
                found = TermStates.build(searcher, term, true);
                states.put(term, found);
            }
            return found;
        }
    }

    /** Any of the words in the combined {@link #MATCH} field: a plain disjunction, cheap to run for the top hits. */
    private static Query matchQuery(List<String> terms) {
        return wordsIn(MATCH, terms);
    }

    /** Any of {@code terms} in {@code field}. */
    private static Query wordsIn(String field, List<String> terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : new LinkedHashSet<>(terms)) {
            query.add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }
        return query.build();
    }

    /** The best {@code limit} of {@code candidates}, ranked by {@code ranking}'s score alone (the first pass's dropped). */
    private static TopDocs rankedBy(IndexSearcher searcher, TopDocs candidates, Query ranking, int limit)
            throws IOException {
        return new QueryRescorer(ranking) {
            @Override
            protected float combine(float firstPassScore, boolean secondPassMatches, float secondPassScore) {
                return secondPassMatches ? secondPassScore : 0f;
            }
        }.rescore(searcher, candidates, limit);
    }

    /** The fields some document has: a blended word over a field nobody has yet would have no statistics. */
    private static Map<String, Float> present(IndexSearcher searcher, Map<String, Float> fields) throws IOException {
        Map<String, Float> present = new java.util.HashMap<>();
        for (Map.Entry<String, Float> field : fields.entrySet()) {
            if (searcher.collectionStatistics(field.getKey()) != null) {
                present.put(field.getKey(), field.getValue());
            }
        }
        return present;
    }

    private static Query fuzzyQuery(List<String> terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : new LinkedHashSet<>(terms)) {
            int edits = term.length() >= 5 ? 2 : 1;
            for (String field : List.of(TITLE, BODY)) {
                query.add(new FuzzyQuery(new Term(field, term), edits, 1), Occur.SHOULD);
            }
        }
        return query.build();
    }

    /** Words of the new question a similar one must share: all of one or two, else 30 % but at least two. */
    static int mustMatch(int distinctTerms) {
        return distinctTerms <= 2 ? distinctTerms : Math.max(2, (int) Math.ceil(0.3 * distinctTerms));
    }

    private static double idf(long docFreq, long docCount) {
        return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    private static Term idTerm(long questionId) {
        return new Term(ID, Long.toString(questionId));
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** 0 when the database can't say now: the follower checks again on every catch-up. */
    private long prunedThroughOrZero(Database database) {
        try {
            return database.inTransaction(changes::prunedThrough);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The sequence number a usable index was committed at; empty when it must be rebuilt (and why is logged). */
    private static Optional<Long> committedWatermark(Directory directory) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                log.info("Search index: none yet, building it");
                return Optional.empty();
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                Map<String, String> data = reader.getIndexCommit().getUserData();
                if (!FORMAT.equals(data.get(FORMAT_KEY)) || data.get(WATERMARK_KEY) == null) {
                    log.info("Search index: format {} is not the current {}, rebuilding it", data.get(FORMAT_KEY), FORMAT);
                    return Optional.empty();
                }
                return Optional.of(Long.parseLong(data.get(WATERMARK_KEY)));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Search index: unreadable ({}), rebuilding it", e.toString());
            return Optional.empty();
        }
    }

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        words.addAll(List.of("how", "do", "does", "did", "doing", "done", "i", "i'm", "me", "my", "we", "our", "you",
                "your", "what", "why", "when", "where", "which", "who", "whom", "whose", "can", "could", "should",
                "would", "shall", "may", "might", "must", "has", "have", "had", "having", "am", "been", "being", "its",
                "there's", "here", "so", "than", "too", "very", "just", "also", "any", "all", "some", "get", "gets",
                "got", "from", "about", "up", "out", "what's", "anyone", "someone", "please", "thanks", "hi", "hello"));
        return CharArraySet.unmodifiableSet(words);
    }

    private static FieldType textType() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        type.setTokenized(true);
        type.freeze();
        return type;
    }

    private static FieldType spellType() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.setTokenized(true);
        type.freeze();
        return type;
    }

    private void followQuietly() {
        try {
            catchUp();
        } catch (StorageUnavailableException e) {
            // The database already said, once, that storage is gone; the follower just tries again.
            log.debug("Search index: storage unreachable, will retry");
        } catch (RuntimeException e) {
            log.warn("Search index: following the database failed, will retry: {}", e.toString());
        }
    }

    private void commitQuietly() {
        try {
            if (uncommitted) {
                commit();
            }
        } catch (RuntimeException e) {
            log.warn("Search index: commit failed, will retry: {}", e.toString());
        }
        Instant now = clock.instant();
        if (!warmingUp && !closed && !now.isBefore(nextPrune)) {
            nextPrune = now.plus(PRUNE_INTERVAL);
            try {
                pruneChanges(now.minus(CHANGE_RETENTION), 2L * REBUILD_LOOKBACK);
            } catch (StorageUnavailableException e) {
                log.debug("Search index: storage unreachable, pruning later");
            } catch (RuntimeException e) {
                log.warn("Search index: pruning old changes failed, will retry: {}", e.toString());
            }
        }
    }

    /**
     * Deletes the changes made before {@code before} except the newest {@code keepNewest}: every process runs this
     * hourly with {@link #CHANGE_RETENTION}; deleting twice is harmless.
     *
     * @return the rows deleted
     */
    long pruneChanges(Instant before, long keepNewest) {
        long deleted = 0;
        int batch;
        do {
            batch = database.inTransaction(sql -> changes.prune(sql, before, keepNewest, PRUNE_BATCH));
            deleted += batch;
        } while (batch == PRUNE_BATCH && !closed);
        if (deleted > 0) {
            log.info("Search index: pruned {} changes made before {}", deleted, before);
        }
        return deleted;
    }

    /** Stops without committing, as a killed process would: what was applied since the last commit is lost. */
    void crash() throws IOException {
        stopBackground();
        searchers.close();
        sliceThreads.shutdown();
        writer.rollback();
        directory.close();
    }

    /** Lets a running task finish (never interrupts: an interrupted Lucene write closes the index) and stops. */
    private void stopBackground() {
        closed = true;
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Search index: background work did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            stopBackground();
            synchronized (commitLock) {
                synchronized (applyLock) {
                    if (!warmingUp) {
                        writeCommit(follower.watermark());
                    }
                }
            }
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException | UncheckedIOException e) {
            log.warn("Search index: closing failed, it will be replayed or rebuilt at next start: {}", e.toString());
        } finally {
            similarThreads.shutdown();
            sliceThreads.shutdown();
            english.close();
            words.close();
        }
    }

    /**
     * BM25 whose rarity (idf) counts all documents, not only those having the field: a question has one accepted
     * answer field at most, and without this a word there would look commoner than the same word in other answers,
     * undoing the accepted answer's boost.
     */
    private static final class SameRarityInEveryField extends BM25Similarity {

        @Override
        public Explanation idfExplain(CollectionStatistics collection, TermStatistics term) {
            long documents = collection.maxDoc();
            long docFreq = Math.min(term.docFreq(), documents);
            return Explanation.match((float) idf(docFreq, documents), "idf over all documents, from:",
                    Explanation.match(docFreq, "n, documents containing the term"),
                    Explanation.match(documents, "N, all documents"));
        }
    }

    /** Turns the highlighter's best passage into plain text and [start, end) ranges, clipped around the matches. */
    private static final class RangeFormatter extends PassageFormatter {

        @Override
        public Object format(Passage[] passages, String content) {
            if (passages.length == 0 || passages[0].getNumMatches() == 0) {
                return null;
            }
            Passage passage = passages[0];
            int start = passage.getStartOffset();
            int end = passage.getEndOffset();
            int firstMatch = passage.getMatchStarts()[0];
            if (end - start > SNIPPET_LENGTH) {
                start = Math.max(start, Math.min(firstMatch - SNIPPET_LENGTH / 4, end - SNIPPET_LENGTH));
                end = Math.min(end, start + SNIPPET_LENGTH);
            }
            String raw = content.substring(start, end);
            int lead = raw.length() - raw.stripLeading().length();
            String text = raw.strip();
            List<Range> ranges = new ArrayList<>();
            int last = 0;
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int from = passage.getMatchStarts()[i] - start - lead;
                int to = Math.min(passage.getMatchEnds()[i] - start - lead, text.length());
                if (from >= last && from < to) {
                    ranges.add(new Range(from, to));
                    last = to;
                }
            }
            return new Snippet(text, ranges);
        }
    }
}
