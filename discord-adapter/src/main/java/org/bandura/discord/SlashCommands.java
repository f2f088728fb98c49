package org.bandura.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.bandura.core.command.CommandCatalog;

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
    public static final String WEB = "web";
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
                                .addOption(OptionType.STRING, "tag", "Only this tag", false, true)),
                slash(TAGS),
                slash(TOP).addOptions(
                        new OptionData(OptionType.STRING, "tag", "Only this tag", false, true),
                        new OptionData(OptionType.STRING, "period", "Time window", false)
                                .addChoice("week", "week").addChoice("month", "month").addChoice("all", "all")),
                slash(PROFILE).addOption(OptionType.USER, "user", "Whose profile (you by default)", false),
                slash(SEARCH).addOption(OptionType.STRING, "query", "What to look for", true),
                slash(UNANSWERED).addOption(OptionType.STRING, "tag", "Only this tag", false, true),
                slash(HELP),
                slash(WEB).addOptions(new OptionData(OptionType.STRING, "action", "Sign out everywhere instead", false)
                        .addChoice("logout", "logout")),
                Commands.message(ACCEPT_ANSWER).setContexts(InteractionContextType.GUILD));
    }

    private static net.dv8tion.jda.api.interactions.commands.build.SlashCommandData slash(String name) {
        String summary = CommandCatalog.find(name).map(CommandCatalog.Entry::summary).orElse(name);
        return Commands.slash(name, summary.length() > 100 ? summary.substring(0, 99) + "…" : summary)
                .setContexts(InteractionContextType.GUILD);
    }
}
