package org.bandura.core.reply;

import java.util.Optional;

/**
 * What the core says back to one command.
 *
 * @param status     OK, ERROR (the text says what was wrong and how to fix it) or IGNORED (nothing to say: a
 *                   chat message outside any question thread, a redelivered event)
 * @param visibility who should see the text; adapters without private replies show it to the caller anyway
 * @param text       the reply, empty for IGNORED
 * @param event      what happened, for adapters that act on it
 */
public record Reply(Status status, Visibility visibility, RichText text, Optional<Event> event) {

    public enum Status {
        OK, ERROR, IGNORED
    }

    public enum Visibility {
        /** Only the person who ran the command (ephemeral where the platform has it). */
        CALLER,
        /** Everybody in the channel or thread where the command ran. */
        CHANNEL
    }

    public static Reply ok(RichText text) {
        return new Reply(Status.OK, Visibility.CALLER, text, Optional.empty());
    }

    public static Reply ok(String text) {
        return ok(RichText.of(text));
    }

    public static Reply ok(RichText text, Event event) {
        return new Reply(Status.OK, Visibility.CALLER, text, Optional.of(event));
    }

    public static Reply ok(String text, Event event) {
        return ok(RichText.of(text), event);
    }

    public static Reply error(String text) {
        return new Reply(Status.ERROR, Visibility.CALLER, RichText.of(text), Optional.empty());
    }

    /** Refused because the process is stopping: an error to show to a person, and {@link #isStopping()}. */
    public static Reply stopping(String text) {
        return new Reply(Status.ERROR, Visibility.CALLER, RichText.of(text), Optional.of(new Event.Stopping()));
    }

    public static Reply ignored() {
        return new Reply(Status.IGNORED, Visibility.CALLER, RichText.of(""), Optional.empty());
    }

    public Reply toChannel() {
        return new Reply(status, Visibility.CHANNEL, text, event);
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    public boolean isError() {
        return status == Status.ERROR;
    }

    /** Refused, unsaved, because the process is stopping: the same event after a restart would be handled. */
    public boolean isStopping() {
        return event(Event.Stopping.class).isPresent();
    }

    public boolean isIgnored() {
        return status == Status.IGNORED;
    }

    public <E extends Event> Optional<E> event(Class<E> type) {
        return event.filter(type::isInstance).map(type::cast);
    }
}
