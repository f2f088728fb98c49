package org.bandura.core.search;

import java.io.IOException;
import java.util.Set;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.MMapDirectory;

/**
 * Reads the two kinds of index file that searches look things up in at random memory-mapped: norms (one byte per
 * question and field, read for every question scored) and the terms index (walked for every word of every query in
 * every segment). Everything else (terms dictionary blocks, postings, stored texts) is read with positional reads
 * through the wrapped directory. Read one kilobyte per call, those lookups were about half of the read calls at 1M
 * questions; mapped, they cost memory reads. They are about 1 % of the index (4 MB at 1M questions), so the resident
 * size stays bounded; mapping the terms dictionary too (13 MB more) made no measurable difference. Writes all go
 * through the wrapped directory.
 */
final class LookupsMappedDirectory extends FilterDirectory {

    /** Norms data, terms index. */
    static final Set<String> MAPPED_EXTENSIONS = Set.of("nvd", "tip");
    static final long MAPPED_FROM_BYTES = 16 * 1024;

    private final MMapDirectory mapped;
    private final long mappedFromBytes;

    LookupsMappedDirectory(FSDirectory directory) throws IOException {
        this(directory, MAPPED_FROM_BYTES);
    }

    LookupsMappedDirectory(FSDirectory directory, long mappedFromBytes) throws IOException {
        super(directory);
        this.mapped = new MMapDirectory(directory.getDirectory());
        this.mappedFromBytes = mappedFromBytes;
    }

    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
        return searchedAtRandom(name, context) && in.fileLength(name) >= mappedFromBytes
                ? mapped.openInput(name, context) : in.openInput(name, context);
    }

    /**
     * Only for searching: a merge reads such a file once, and unmapping it again costs more than reading it. The
     * same goes for the small segment flushed after each change, which is read back once while it is written (as
     * if for searching): files under {@link #MAPPED_FROM_BYTES} are read by calls, a few at most per lookup.
     */
    private static boolean searchedAtRandom(String name, IOContext context) {
        String extension = IndexFileNames.getExtension(name); // null for segments_N
        return extension != null && MAPPED_EXTENSIONS.contains(extension) && !context.readOnce
                && (context.context == IOContext.Context.READ || context.context == IOContext.Context.DEFAULT);
    }

    @Override
    public void close() throws IOException {
        try {
            mapped.close();
        } finally {
            super.close();
        }
    }
}
