package org.bandura.core.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Words worth searching on: Lucene's English analyzer drops stop words and stems ("pools" and "pooling" both
 * become "pool"). The terms are stored in SQL so every process and both databases search the same way.
 */
public final class SearchTerms implements AutoCloseable {

    public static final int MAX_TERM_LENGTH = 64;
    public static final int MAX_TERMS = 200;

    private final Analyzer analyzer = new EnglishAnalyzer();

    public List<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_TERMS) {
                if (term.length() <= MAX_TERM_LENGTH) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(terms);
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
