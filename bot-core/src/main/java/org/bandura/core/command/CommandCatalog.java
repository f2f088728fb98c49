package org.bandura.core.command;

import java.util.List;
import java.util.Optional;

/**
 * Every command a person can type, in one place: name, usage and what it does. The console, the help text and
 * the platform registrations (Discord slash commands, Slack manifest) all read this list.
 */
public final class CommandCatalog {

    public record Entry(String name, String usage, String summary) {
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("ask", "/ask <question text with #tags>", "Ask a question; experts in its tags are mentioned."),
            new Entry("answer", "/answer Q<n> <text>", "Answer a question (in chat, a reply in its thread does this)."),
            new Entry("upvote", "/upvote <Q<n> or A<n>>", "Upvote a question or an answer."),
            new Entry("downvote", "/downvote A<n>", "Downvote an answer."),
            new Entry("unvote", "/unvote <Q<n> or A<n>>", "Take back your vote."),
            new Entry("accept", "/accept A<n>", "Accept an answer to your question (askers and moderators)."),
            new Entry("unaccept", "/unaccept A<n>", "Undo an accept."),
            new Entry("expert", "/expert add|remove <tags…> | /expert list [tag]", "Say which tags you can help with."),
            new Entry("tags", "/tags", "Tags with their question and expert counts."),
            new Entry("alias", "/alias <alias> <tag>", "Moderators: make one tag name another's alias (js → javascript)."),
            new Entry("top", "/top [tag] [week|month|all]", "Leaderboard."),
            new Entry("profile", "/profile [user]", "Reputation, answers, accepted answers and badges."),
            new Entry("search", "/search <text>", "Search answered questions, best match first."),
            new Entry("unanswered", "/unanswered [tag]", "Open questions."),
            new Entry("web", "/web [logout]", "A private sign-in link to the knowledge base (/web logout signs out)."),
            new Entry("help", "/help", "This list."));

    private CommandCatalog() {
    }

    public static Optional<Entry> find(String name) {
        return ENTRIES.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }
}
