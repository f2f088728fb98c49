package org.bandura.core.reply;

import java.util.ArrayList;
import java.util.List;
import org.bandura.core.search.SearchResults;

/**
 * Reply text made of plain runs and mentions. Plain runs are user-visible text that must never ping anyone:
 * each platform's {@link Renderer} escapes them its own way, and only {@link Mention} spans become real mentions.
 */
public record RichText(List<Span> spans) {

    public sealed interface Span {
    }

    public record Plain(String text) implements Span {
    }

    public record Mention(MemberView member) implements Span {
    }

    /** Someone's words quoted inside the bot's own sentence (a question title): shown as text, never as markup. */
    public record Quoted(String text) implements Span {
    }

    /** Plain text to stand out, such as the words a search matched; escaped like plain text. */
    public record Emphasis(String text) implements Span {
    }

    /** Turns spans into one platform's markup. */
    public interface Renderer {
        String plain(String text);

        String mention(MemberView member);

        /** Platforms whose plain text keeps the writer's markup escape it here. */
        default String quoted(String text) {
            return plain(text);
        }

        default String emphasis(String text) {
            return plain(text);
        }
    }

    public RichText {
        spans = List.copyOf(spans);
    }

    public static RichText of(String text) {
        return new RichText(List.of(new Plain(text)));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String render(Renderer renderer) {
        StringBuilder out = new StringBuilder();
        for (Span span : spans) {
            if (span instanceof Plain plain) {
                out.append(renderer.plain(plain.text()));
            } else if (span instanceof Mention mention) {
                out.append(renderer.mention(mention.member()));
            } else if (span instanceof Quoted quoted) {
                out.append(renderer.quoted(quoted.text()));
            } else if (span instanceof Emphasis emphasis) {
                out.append(renderer.emphasis(emphasis.text()));
            }
        }
        return out.toString();
    }

    /** Text as the console shows it: mentions as {@code @name}, nothing escaped. */
    public String toPlainString() {
        return render(new Renderer() {
            @Override
            public String plain(String text) {
                return text;
            }

            @Override
            public String mention(MemberView member) {
                return "@" + member.displayName();
            }
        });
    }

    public List<MemberView> mentions() {
        List<MemberView> members = new ArrayList<>();
        for (Span span : spans) {
            if (span instanceof Mention mention) {
                members.add(mention.member());
            }
        }
        return members;
    }

    @Override
    public String toString() {
        return toPlainString();
    }

    public static final class Builder {
        private final List<Span> spans = new ArrayList<>();

        public Builder text(String text) {
            if (!text.isEmpty()) {
                spans.add(new Plain(text));
            }
            return this;
        }

        public Builder line(String text) {
            return text(text).newline();
        }

        public Builder newline() {
            return text("\n");
        }

        public Builder quoted(String text) {
            if (!text.isEmpty()) {
                spans.add(new Quoted(text));
            }
            return this;
        }

        public Builder emphasis(String text) {
            if (!text.isEmpty()) {
                spans.add(new Emphasis(text));
            }
            return this;
        }

        /** A search snippet (someone's words): its highlighted ranges emphasized, the rest quoted. */
        public Builder highlighted(SearchResults.Snippet snippet) {
            int at = 0;
            for (SearchResults.Range range : snippet.highlights()) {
                quoted(snippet.text().substring(at, range.start()));
                emphasis(snippet.text().substring(range.start(), range.end()));
                at = range.end();
            }
            return quoted(snippet.text().substring(at));
        }

        public Builder mention(MemberView member) {
            spans.add(new Mention(member));
            return this;
        }

        public Builder mentions(List<MemberView> members, String separator) {
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    text(separator);
                }
                mention(members.get(i));
            }
            return this;
        }

        public Builder append(RichText other) {
            spans.addAll(other.spans());
            return this;
        }

        public boolean isEmpty() {
            return spans.isEmpty();
        }

        public RichText build() {
            // Drop one trailing newline so callers can use line() throughout.
            if (!spans.isEmpty() && spans.get(spans.size() - 1) instanceof Plain last && last.text().endsWith("\n")) {
                String trimmed = last.text().substring(0, last.text().length() - 1);
                spans.set(spans.size() - 1, new Plain(trimmed));
                if (trimmed.isEmpty()) {
                    spans.remove(spans.size() - 1);
                }
            }
            return new RichText(spans);
        }
    }
}
