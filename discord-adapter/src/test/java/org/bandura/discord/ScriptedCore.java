package org.bandura.discord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.bandura.core.BanduraCore;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.WorkspaceRef;
import org.bandura.core.reply.Reply;

/** A core that records what the adapter asked and answers from a script: for start-up and rendering tests. */
final class ScriptedCore implements BanduraCore {

    record Received(Actor actor, Command command, String eventKey) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
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
        return script.apply(actor, command);
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
