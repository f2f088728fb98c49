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
 * Reads the index files that searches look things up in at random (norms, one byte per question and field, read
 * for every scored question; the terms dictionary and its index, read for every word of every query in every
 * segment) memory-mapped, and everything else (postings, stored texts) with positional reads through the
 * wrapped directory. Read one kilobyte at a time, those lookups were most of the read calls at 1M questions and
 * about a third of a search's time; mapped, they cost memory reads. They are a few percent of the index (about
 * 15 MB at 1M questions), so the resident size stays bounded; the postings, most of the index, stay unmapped.
 * Writes all go through the wrapped directory.
 */
final class LookupsMappedDirectory extends FilterDirectory {

    /** Norms data, terms dictionary, terms index. */
    static final Set<String> MAPPED_EXTENSIONS = Set.of("nvd", "tim", "tip");

    private final MMapDirectory mapped;

    LookupsMappedDirectory(FSDirectory directory) throws IOException {
        super(directory);
        this.mapped = new MMapDirectory(directory.getDirectory());
    }

    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
        String extension = IndexFileNames.getExtension(name); // null for segments_N
        return extension != null && MAPPED_EXTENSIONS.contains(extension)
                ? mapped.openInput(name, context) : in.openInput(name, context);
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
