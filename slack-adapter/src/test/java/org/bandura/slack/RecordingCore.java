package org.bandura.slack;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.reply.Reply;

/**
 * A core double for adapter-only tests (mapping, acks, rendering): records what the adapter asked and answers
 * with a scripted reply. It keeps the one promise adapters rely on: an event key is processed once.
 */
final class RecordingCore implements BanduraCore {

    record Call(Actor actor, Command command, String eventKey) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile BiFunction<Actor, Command, Reply> replies = (actor, command) -> Reply.ok("ok");
    private volatile List<String> tags = List.of();

    void answerWith(BiFunction<Actor, Command, Reply> replies) {
        this.replies = replies;
    }

    void knownTags(List<String> tags) {
        this.tags = List.copyOf(tags);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    <C extends Command> List<C> commands(Class<C> type) {
        return calls.stream().map(Call::command).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public Reply handle(Actor actor, Command command) {
        calls.add(new Call(actor, command, null));
        return replies.apply(actor, command);
    }

    @Override
    public Reply handle(Actor actor, Command command, String eventKey) {
        if (!seen.add(actor.workspace().externalId() + "/" + eventKey)) {
            return Reply.ignored();
        }
        calls.add(new Call(actor, command, eventKey));
        return replies.apply(actor, command);
    }

    @Override
    public List<String> tagNames(WorkspaceRef workspace, String prefix, int limit) {
        return tags.stream().filter(tag -> tag.startsWith(prefix)).limit(limit).toList();
    }
}
