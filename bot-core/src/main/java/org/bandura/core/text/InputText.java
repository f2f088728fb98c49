package org.bandura.core.text;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;
import org.bandura.core.command.Command;
import org.bandura.core.model.Actor;
import org.bandura.core.model.WorkspaceRef;

/**
 * Text as it enters the core, cleaned once so every database stores the same: line ends become {@code \n}
 * ({@code \r\n} and a lone {@code \r} alike), and NUL and the other C0 control characters except tab and newline are
 * dropped. PostgreSQL refuses NUL in text while H2 keeps it; no one types the others on purpose.
 */
public final class InputText {

    private InputText() {
    }

    public static String clean(String text) {
        if (text == null || text.chars().noneMatch(InputText::needsCleaning)) {
            return text;
        }
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                cleaned.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (!needsCleaning(c)) {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    public static Actor clean(Actor actor) {
        WorkspaceRef workspace = actor.workspace();
        return new Actor(new WorkspaceRef(workspace.platform(), clean(workspace.externalId()), clean(workspace.name())),
                clean(actor.userId()), clean(actor.displayName()), actor.moderator());
    }

    /** The same command with every text in it (strings and lists of strings) cleaned; other values stay. */
    public static Command clean(Command command) {
        if (!command.getClass().isRecord()) {
            return command;
        }
        RecordComponent[] components = command.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                Object value = components[i].getAccessor().invoke(command);
                values[i] = cleanValue(value);
                changed |= !Objects.equals(value, values[i]);
            }
            if (!changed) {
                return command;
            }
            Constructor<?> canonical = command.getClass().getDeclaredConstructor(types);
            return (Command) canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("can't clean the text of " + command.getClass().getSimpleName(),
                    e instanceof InvocationTargetException target ? target.getCause() : e);
        }
    }

    private static Object cleanValue(Object value) {
        if (value instanceof String text) {
            return clean(text);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(item -> clean((String) item)).toList();
        }
        return value;
    }

    private static boolean needsCleaning(int c) {
        return c < 0x20 && c != '\t' && c != '\n';
    }
}
