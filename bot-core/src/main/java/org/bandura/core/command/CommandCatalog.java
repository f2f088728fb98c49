package org.bandura.core.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bandura.core.model.Platform;

/**
 * Every command a person can type, in one place: name, usage and what it does. The console, the help text and
 * the platform registrations (Discord slash commands, Slack manifest) all read this list.
 */
public final class CommandCatalog {

    /** @param platforms where the command is registered; {@code /help} lists only the caller's platform's */
    public record Entry(String name, String usage, String summary, Set<Platform> platforms) {
        public Entry {
            platforms = Set.copyOf(platforms);
        }

        /** A command every front door has. */
        public Entry(String name, String usage, String summary) {
            this(name, usage, summary, EnumSet.allOf(Platform.class));
        }

        public boolean worksOn(Platform platform) {
            return platforms.contains(platform);
        }
    }

    /** On Discord an answer is a reply in the question's thread; there is no /answer. */
    private static final Set<Platform> NOT_DISCORD = EnumSet.of(Platform.CONSOLE, Platform.SLACK);

    public static final List<Entry> ENTRIES = List.of(
            new Entry("ask", "/ask <question text with #tags>", "Ask a question; experts in its tags are mentioned."),
            new Entry("answer", "/answer Q<n> <text>", "Answer a question (in chat, a reply in its thread does this).",
                    NOT_DISCORD),
            new Entry("upvote", "/upvote <Q<n> or A<n>>", "Upvote a question or an answer."),
            new Entry("downvote", "/downvote A<n>", "Downvote an answer."),
            new Entry("unvote", "/unvote <Q<n> or A<n>>", "Take back your vote."),
            new Entry("accept", "/accept A<n>", "Accept an answer to your question (askers and moderators)."),
            new Entry("unaccept", "/unaccept A<n>", "Undo an accept."),
            new Entry("expert", "/expert add|remove <tags…> | /expert list [tag] | /expert hours <from>-<to> [days] [zone]"
                    + " | /expert away [until <date>|<n>d] | /expert back | /expert limit <n>|none",
                    "Say which tags you can help with, and when you want to be mentioned."),
            new Entry("claim", "/claim Q<n>", "Tell everyone you're on it; holds escalation for a while."),
            new Entry("unclaim", "/unclaim Q<n>", "Release your claim."),
            new Entry("why", "/why Q<n>", "Who was mentioned for a question and why (askers and moderators)."),
            new Entry("tags", "/tags", "Tags with their question and expert counts."),
            new Entry("alias", "/alias <alias> <tag>", "Moderators: make one tag name another's alias (js → javascript)."),
            new Entry("tag", "/tag remove <tag> | /tag merge <from> <into>",
                    "Moderators: remove a tag, or merge one into another (its name becomes an alias)."),
            new Entry("top", "/top [tag] [week|month|all]", "Leaderboard."),
            new Entry("profile", "/profile [user]", "Reputation, answers, accepted answers and badges."),
            new Entry("search", "/search <text>", "Search answered questions, best match first."),
            new Entry("unanswered", "/unanswered [tag]", "Open questions."),
            new Entry("privacy", "/privacy [announcements off|on] [reminders off|on] [hide|show]",
                    "Your privacy: public accept notices, accept reminders, your name on public web pages."),
            new Entry("digest", "/digest [off|on]",
                    "This week's digest; /digest off leaves you out of its top helpers."),
            new Entry("web", "/web [logout]", "A private sign-in link to the knowledge base (/web logout signs out)."),
            new Entry("help", "/help", "This list."));

    private CommandCatalog() {
    }

    public static List<Entry> on(Platform platform) {
        return ENTRIES.stream().filter(entry -> entry.worksOn(platform)).toList();
    }

    public static Optional<Entry> find(String name) {
        return ENTRIES.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }
}
