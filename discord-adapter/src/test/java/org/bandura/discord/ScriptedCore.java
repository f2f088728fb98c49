package org.bandura.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.bandura.core.BanduraCore;
import org.bandura.core.Outbox;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.Platform;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.reply.Event;
import org.bandura.core.reply.QuestionPost;
import org.bandura.core.reply.Reply;

/**
 * A core that records what the adapter asked and answers from a script: for start-up and rendering tests. Its outbox
 * is a list in memory, delivered in order: a question asked with {@link Command.PostTo} is queued for posting, and
 * its delivery is recorded as the {@link Command.LinkQuestion} (or {@link Command.QuestionPostFailed}) the real core
 * would apply.
 */
final class ScriptedCore implements BanduraCore {

    record Received(Actor actor, Command command, String eventKey) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Outbox.Item> outbox = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile BiFunction<Actor, Command, Reply> script = (actor, command) -> Reply.ok("ok");

    ScriptedCore answering(BiFunction<Actor, Command, Reply> script) {
        this.script = script;
        return this;
    }

    @Override
    public Reply handle(Actor actor, Command command) {
        return handle(actor, command, null);
    }

    @Override
    public Reply handle(Actor actor, Command command, String eventKey) {
        received.add(new Received(actor, command, eventKey));
        Reply reply = script.apply(actor, command);
        if (command instanceof Command.Ask ask && ask.postTo() != null) {
            reply.event(Event.QuestionAsked.class).ifPresent(asked -> add(actor.workspace().externalId(),
                    Outbox.QUESTION, ask.postTo().channelKey(),
                    new QuestionPost(asked, ask.postTo().origin(), null).toJson(), asked.number()));
        }
        return reply;
    }

    @Override
    public long enqueue(WorkspaceRef workspace, String orderKey, String kind, String payload, Long questionNumber) {
        return add(workspace.externalId(), kind, orderKey, payload, questionNumber);
    }

    private synchronized long add(String workspace, String kind, String orderKey, String payload, Long question) {
        long id = ids.incrementAndGet();
        outbox.add(new Outbox.Item(id, workspace, kind, orderKey, payload, question, 0, Instant.now(), null));
        return id;
    }

    /** Hands every row over once, oldest first; a row to try again stays for the next call. */
    @Override
    public synchronized int deliver(Platform platform, Outbox.Sender sender) {
        int delivered = 0;
        List<Outbox.Item> tried = new ArrayList<>();
        for (Outbox.Item row = next(tried); row != null; row = next(tried)) {
            Outbox.Item item = row;
            tried.add(item);
            Outbox.Outcome outcome = sender.send(item);
            if (outcome instanceof Outbox.Outcome.Delivered done) {
                outbox.remove(item);
                delivered++;
                if (item.kind().equals(Outbox.QUESTION)) {
                    received.add(new Received(null, new Command.LinkQuestion(item.questionNumber(), item.orderKey(),
                            done.platformKey(), done.threadKey()), null));
                }
                done.then().forEach(next -> add(item.workspaceExternalId(), next.kind(), next.orderKey(),
                        next.payload(), item.questionNumber()));
            } else if (outcome instanceof Outbox.Outcome.Failed failed) {
                outbox.remove(item);
                if (item.kind().equals(Outbox.QUESTION)) {
                    received.add(new Received(null, new Command.QuestionPostFailed(item.questionNumber(),
                            failed.reasonForHumans()), null));
                    add(item.workspaceExternalId(), Outbox.QUESTION_FAILED, null,
                            QuestionPost.fromJson(item.payload()).withReason(failed.reasonForHumans()).toJson(),
                            item.questionNumber());
                }
            }
        }
        return delivered;
    }

    /** The oldest row not tried in this call yet, as the real outbox claims the rows written meanwhile too. */
    private Outbox.Item next(List<Outbox.Item> tried) {
        return outbox.stream().filter(item -> !tried.contains(item)).findFirst().orElse(null);
    }

    @Override
    public List<String> tagNames(WorkspaceRef workspace, String prefix, int limit) {
        return List.of("java", "javascript", "sql").stream().filter(tag -> tag.startsWith(prefix)).limit(limit)
                .toList();
    }

    <C extends Command> List<C> commands(Class<C> type) {
        return received.stream().map(Received::command).filter(type::isInstance).map(type::cast).toList();
    }
}
