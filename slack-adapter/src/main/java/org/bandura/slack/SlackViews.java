package org.bandura.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.multiStaticSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bandura.core.command.CommandLineParser;
import org.bandura.core.reply.Action;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.RichText;
import org.bandura.core.text.TextChunks;

/** Block Kit for everything the bot shows: the question message, its status, the ask modal and App Home. */
final class SlackViews {

    static final String STATUS_BLOCK = "bandura_status";
    static final String ASK_MODAL = "bandura_ask";
    static final String ANSWER_MODAL = "bandura_answer";
    static final String QUESTION_BLOCK = "question";
    static final String QUESTION_ACTION = "text";
    static final String TAGS_BLOCK = "tags";
    static final String TAGS_ACTION = "known";
    static final String NEW_TAGS_BLOCK = "new_tags";
    static final String NEW_TAGS_ACTION = "typed";
    static final String ANSWER_QUESTION_BLOCK = "question_id";
    static final String ANSWER_QUESTION_ACTION = "id";
    static final String ANSWER_TEXT_BLOCK = "answer";
    static final String ANSWER_TEXT_ACTION = "text";
    static final String BUTTONS_BLOCK = "bandura_buttons";
    static final String OUTCOME_BLOCK = "bandura_outcome";

    private static final int SECTION_LIMIT = 2900;
    private static final int OPTION_LIMIT = 100;
    /** The most an escaped character grows: {@code &} becomes {@code &amp;}. */
    private static final int ESCAPE_GROWTH = 5;

    private final SlackSettings settings;

    SlackViews(SlackSettings settings) {
        this.settings = settings;
    }

    List<String> acceptEmojiNames() {
        return settings.acceptEmojiNames();
    }

    /** The question as posted in the channel: id, text, tags, asker, and an "open" status line. */
    List<LayoutBlock> question(Event.QuestionAsked asked) {
        List<LayoutBlock> blocks = new ArrayList<>();
        List<String> sections = sections("*Q" + asked.number() + "* ", asked.text());
        for (int i = 0; i < sections.size(); i++) {
            String blockId = i == 0 ? "bandura_question" : "bandura_question_" + i;
            String mrkdwn = sections.get(i);
            blocks.add(section(s -> s.blockId(blockId).text(userMarkdown(mrkdwn))));
        }
        String tags = asked.tags().isEmpty() ? "no tags"
                : asked.tags().stream().map(tag -> "`" + SlackText.escape(tag) + "`").collect(Collectors.joining(" "));
        blocks.add(context(c -> c.blockId("bandura_meta").elements(List.<ContextBlockElement>of(userMarkdown(
                "Tags: " + tags + " · asked by " + SlackText.escape(asked.asker().displayName()))))));
        blocks.add(openStatus());
        return blocks;
    }

    /** Fallback text for notifications; also escaped. */
    static String questionFallback(Event.QuestionAsked asked) {
        return "Q" + asked.number() + ": " + SlackText.escape(asked.title());
    }

    LayoutBlock openStatus() {
        String text = ":hourglass_flowing_sand: Open · answer in the thread · :" + settings.upvoteEmoji() + ": / :"
                + settings.downvoteEmoji() + ": to vote · " + QuestionFlow.emojiList(settings.acceptEmojiNames())
                + " on an answer to accept it";
        return context(c -> c.blockId(STATUS_BLOCK).elements(List.<ContextBlockElement>of(markdownText(text))));
    }

    LayoutBlock solvedStatus(Event.AnswerAccepted accepted) {
        String text = ":" + settings.acceptEmojiNames().get(0) + ": Solved · A" + accepted.answerNumber() + " by "
                + SlackText.escape(accepted.author().displayName()) + " accepted by "
                + SlackText.escape(accepted.acceptedBy().displayName());
        return context(c -> c.blockId(STATUS_BLOCK).elements(List.<ContextBlockElement>of(userMarkdown(text))));
    }

    /** Replaces the status block of a posted question; questions posted before have it, others get it appended. */
    static List<LayoutBlock> withStatus(List<LayoutBlock> blocks, LayoutBlock status) {
        List<LayoutBlock> updated = new ArrayList<>();
        boolean replaced = false;
        for (LayoutBlock block : blocks) {
            if (STATUS_BLOCK.equals(block.getBlockId())) {
                updated.add(status);
                replaced = true;
            } else {
                updated.add(block);
            }
        }
        if (!replaced) {
            updated.add(status);
        }
        return updated;
    }

    /**
     * A bot message with buttons: the mrkdwn text (already escaped, mentions only of the people it names) in
     * sections, then one {@code actions} block whose buttons carry {@link Action#id()} as action id and the command
     * line as value. The same text goes into the message's {@code text} as the notification fallback.
     */
    static List<LayoutBlock> withButtons(String mrkdwn, List<Action> buttons) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String chunk : chunks(mrkdwn)) {
            blocks.add(section(s -> s.text(userMarkdown(chunk))));
        }
        List<BlockElement> elements = buttons.stream().<BlockElement>map(SlackViews::button).toList();
        blocks.add(actions(a -> a.blockId(BUTTONS_BLOCK).elements(elements)));
        return blocks;
    }

    private static ButtonElement button(Action action) {
        return ButtonElement.builder().actionId(action.id()).value(action.commandLine())
                .text(plainText(action.label())).style(action.primary() ? "primary" : null).build();
    }

    /** A private prompt after it was answered: its text (may be blank), and the outcome where the buttons were. */
    static List<LayoutBlock> answered(String promptMrkdwn, String outcomeMrkdwn) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (!promptMrkdwn.isBlank()) {
            for (String chunk : chunks(promptMrkdwn)) {
                blocks.add(section(s -> s.text(userMarkdown(chunk))));
            }
        }
        blocks.add(context(c -> c.blockId(OUTCOME_BLOCK).elements(List.<ContextBlockElement>of(
                userMarkdown(outcomeMrkdwn)))));
        return blocks;
    }

    /** The {@code /ask} modal: a question field, known tags to pick, and a field for new tags. */
    View askModal(String channelId, List<String> knownTags) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(input(i -> i.blockId(QUESTION_BLOCK).label(plainText("Your question"))
                .element(plainTextInput(p -> p.actionId(QUESTION_ACTION).multiline(true).minLength(10)))));
        if (!knownTags.isEmpty()) {
            blocks.add(input(i -> i.blockId(TAGS_BLOCK).optional(true).label(plainText("Tags"))
                    .element(multiStaticSelect(m -> m.actionId(TAGS_ACTION).placeholder(plainText("Pick tags"))
                            .options(knownTags.stream().limit(OPTION_LIMIT)
                                    .map(tag -> option(plainText(tag), tag)).toList())))));
        }
        blocks.add(input(i -> i.blockId(NEW_TAGS_BLOCK).optional(true).label(plainText("Other tags"))
                .hint(plainText("Separated by spaces or commas, e.g. java sql"))
                .element(plainTextInput(p -> p.actionId(NEW_TAGS_ACTION)))));
        return view(v -> v.type("modal").callbackId(ASK_MODAL).privateMetadata(channelId)
                .title(viewTitle(t -> t.type("plain_text").text("Ask a question")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Ask")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** The "Answer with this message" modal: which question, and the answer text (prefilled). */
    /** @param questionId prefilled when the message is in a question's thread, else null */
    View answerModal(String privateMetadata, String text, String questionId) {
        List<LayoutBlock> blocks = List.of(
                input(i -> i.blockId(ANSWER_QUESTION_BLOCK).label(plainText("Question id"))
                        .hint(plainText("For example Q12"))
                        .element(plainTextInput(p -> p.actionId(ANSWER_QUESTION_ACTION).initialValue(questionId)))),
                input(i -> i.blockId(ANSWER_TEXT_BLOCK).label(plainText("Answer"))
                        .element(plainTextInput(p -> p.actionId(ANSWER_TEXT_ACTION).multiline(true)
                                .initialValue(TextChunks.split(text, SECTION_LIMIT).get(0))))));
        return view(v -> v.type("modal").callbackId(ANSWER_MODAL).privateMetadata(privateMetadata)
                .title(viewTitle(t -> t.type("plain_text").text("Record an answer")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Record")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** App Home: the core's home text, split into sections Slack accepts. */
    View home(RichText text) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String chunk : chunks(SlackText.render(text))) {
            blocks.add(section(s -> s.text(userMarkdown(chunk))));
        }
        return view(v -> v.type("home").blocks(blocks));
    }

    /** Values typed into a submitted modal. */
    static String typed(ViewState state, String block, String action) {
        Map<String, ViewState.Value> values = state.getValues().get(block);
        if (values == null || values.get(action) == null || values.get(action).getValue() == null) {
            return "";
        }
        return values.get(action).getValue();
    }

    static List<String> pickedTags(ViewState state) {
        List<String> tags = new ArrayList<>();
        Map<String, ViewState.Value> known = state.getValues().get(TAGS_BLOCK);
        if (known != null && known.get(TAGS_ACTION) != null && known.get(TAGS_ACTION).getSelectedOptions() != null) {
            known.get(TAGS_ACTION).getSelectedOptions().forEach(option -> tags.add(option.getValue()));
        }
        tags.addAll(CommandLineParser.splitTags(typed(state, NEW_TAGS_BLOCK, NEW_TAGS_ACTION)));
        return tags;
    }

    static List<String> chunks(String text) {
        return text.isEmpty() ? List.of(" ") : TextChunks.split(text, SECTION_LIMIT);
    }

    /**
     * User text as mrkdwn sections that each fit Slack's limit, {@code prefix} on the first. The raw text is cut
     * before escaping so no {@code &amp;} is ever split; a piece dense in escaped characters is cut smaller.
     */
    static List<String> sections(String prefix, String text) {
        List<String> sections = new ArrayList<>();
        int budget = SECTION_LIMIT - prefix.length();
        for (String piece : TextChunks.split(text, budget)) {
            String escaped = SlackText.escape(piece);
            if (escaped.length() <= budget) {
                sections.add(escaped);
            } else {
                TextChunks.split(piece, budget / ESCAPE_GROWTH).forEach(small -> sections.add(SlackText.escape(small)));
            }
        }
        sections.set(0, prefix + sections.get(0));
        return sections;
    }

    /** Text objects that carry what people typed are verbatim: Slack must not turn it into mentions or links. */
    static MarkdownTextObject userMarkdown(String mrkdwn) {
        return MarkdownTextObject.builder().text(mrkdwn).verbatim(true).build();
    }
}
