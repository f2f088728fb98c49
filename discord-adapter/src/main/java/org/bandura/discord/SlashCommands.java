package org.bandura.discord;

import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.bandura.core.command.CommandCatalog;
import org.bandura.core.text.TextChunks;

/** Every slash and context-menu command the bot registers, in one place. */
public final class SlashCommands {

    public static final String ASK = "ask";
    public static final String EXPERT = "expert";
    public static final String TAGS = "tags";
    public static final String TOP = "top";
    public static final String PROFILE = "profile";
    public static final String SEARCH = "search";
    public static final String UNANSWERED = "unanswered";
    public static final String HELP = "help";
    public static final String ACCEPT = "accept";
    public static final String UNACCEPT = "unaccept";
    public static final String UPVOTE = "upvote";
    public static final String DOWNVOTE = "downvote";
    public static final String UNVOTE = "unvote";
    public static final String ALIAS = "alias";
    public static final String PRIVACY = "privacy";
    public static final String CLAIM = "claim";
    public static final String UNCLAIM = "unclaim";
    public static final String WHY = "why";
    /** Option naming a question ({@code Q3}), autocompleted from the thread the command runs in. */
    public static final String QUESTION_OPTION = "question";
    /** Option naming an answer ({@code A3}), autocompleted from the thread the command runs in. */
    public static final String ANSWER_OPTION = "answer";
    /** Option naming a question or an answer ({@code Q1}, {@code A3}), autocompleted from the thread. */
    public static final String POST_OPTION = "post";
    public static final String TAG = "tag";
    public static final String WEB = "web";
    public static final String DIGEST = "digest";
    public static final String ACCEPT_ANSWER = "Accept answer";

    private SlashCommands() {
    }

    public static List<CommandData> all() {
        return List.of(
                slash(ASK).addOptions(
                        new OptionData(OptionType.STRING, "question", "Your question; #tags in it count too", true)
                                .setMaxLength(4000),
                        new OptionData(OptionType.STRING, "tags", "Tags, separated by spaces or commas", false, true)),
                slash(EXPERT).addSubcommands(
                        new SubcommandData("add", "Follow tags: you will be mentioned on their questions")
                                .addOption(OptionType.STRING, "tags", "Tags, separated by spaces or commas", true, true),
                        new SubcommandData("remove", "Stop following tags")
                                .addOption(OptionType.STRING, "tags", "Tags, separated by spaces or commas", true, true),
                        new SubcommandData("list", "Who follows which tag")
                                .addOption(OptionType.STRING, "tag", "Only this tag", false, true),
                        new SubcommandData("hours", "When you can be mentioned, e.g. 09:00-17:30 mon-fri Europe/Berlin")
                                .addOption(OptionType.STRING, "when", "<from>-<to> [days] [time zone]", true),
                        new SubcommandData("away", "Pause mentions, e.g. until 2026-12-24 or 3d")
                                .addOption(OptionType.STRING, "until", "until <date> or <n>d; empty: until /expert back",
                                        false),
                        new SubcommandData("back", "Be mentioned again"),
                        new SubcommandData("limit", "Most mentions per week, or none")
                                .addOption(OptionType.STRING, "mentions", "A number, or none", true)),
                slash(TAGS),
                slash(TOP).addOptions(
                        new OptionData(OptionType.STRING, "tag", "Only this tag", false, true),
                        new OptionData(OptionType.STRING, "period", "Time window", false)
                                .addChoice("week", "week").addChoice("month", "month").addChoice("all", "all")),
                slash(PROFILE).addOption(OptionType.USER, "user", "Whose profile (you by default)", false),
                slash(SEARCH).addOption(OptionType.STRING, "query", "What to look for", true),
                slash(UNANSWERED).addOption(OptionType.STRING, "tag", "Only this tag", false, true),
                slash(HELP),
                slash(ACCEPT).addOptions(answerOption()),
                slash(UNACCEPT).addOptions(answerOption()),
                slash(UPVOTE).addOptions(postOption()),
                slash(DOWNVOTE).addOptions(postOption()),
                slash(UNVOTE).addOptions(postOption()),
                slash(ALIAS).addOptions(
                        new OptionData(OptionType.STRING, "alias", "The other spelling, e.g. js", true),
                        new OptionData(OptionType.STRING, "tag", "The tag it stands for, e.g. javascript", true, true))
                        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER)),
                slash(PRIVACY).addOptions(new OptionData(OptionType.STRING, "setting", "What to change; "
                        + "leave out to see your settings", false)
                        .addChoice("announcements off", "announcements off")
                        .addChoice("announcements on", "announcements on")
                        .addChoice("hide my name on the web", "hide")
                        .addChoice("show my name on the web", "show")
                        .addChoice("reminders off", "reminders off")
                        .addChoice("reminders on", "reminders on")),
                slash(CLAIM).addOptions(questionOption()),
                slash(UNCLAIM).addOptions(questionOption()),
                slash(WHY).addOptions(questionOption()),
                tagAdmin(),
                slash(DIGEST).addOptions(new OptionData(OptionType.STRING, "setting", "Leave out to see this week's "
                        + "digest", false)
                        .addChoice("off: leave me out of the top helpers", "off")
                        .addChoice("on: list me among the top helpers again", "on")),
                slash(WEB).addOptions(new OptionData(OptionType.STRING, "action", "Sign out everywhere instead", false)
                        .addChoice("logout", "logout")),
                Commands.message(ACCEPT_ANSWER).setContexts(InteractionContextType.GUILD));
    }

    private static OptionData answerOption() {
        return new OptionData(OptionType.STRING, ANSWER_OPTION, "The answer, e.g. A3", true, true);
    }

    private static OptionData questionOption() {
        return new OptionData(OptionType.STRING, QUESTION_OPTION, "The question, e.g. Q3", true, true);
    }

    private static OptionData postOption() {
        return new OptionData(OptionType.STRING, POST_OPTION, "The question or answer, e.g. A3", true, true);
    }

    /** Moderators' tag tidying; the core refuses everyone else, so it is registered for all. */
    static CommandData tagAdmin() {
        return slash(TAG).addSubcommands(
                new SubcommandData("remove", "Moderators: take a tag off every question and expert")
                        .addOption(OptionType.STRING, "tag", "The tag to remove", true, true),
                new SubcommandData("merge", "Moderators: merge a tag into another; its name becomes an alias")
                        .addOption(OptionType.STRING, "tag", "The tag to merge away", true, true)
                        .addOption(OptionType.STRING, "into", "The tag to keep", true, true));
    }

    private static net.dv8tion.jda.api.interactions.commands.build.SlashCommandData slash(String name) {
        String summary = CommandCatalog.find(name).map(CommandCatalog.Entry::summary).orElse(name);
        return Commands.slash(name, TextChunks.shorten(summary, 100))
                .setContexts(InteractionContextType.GUILD);
    }
}
