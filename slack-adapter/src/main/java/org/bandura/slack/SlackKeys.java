package org.bandura.slack;

import java.util.Optional;

/**
 * The opaque keys the core stores for Slack messages: {@code channel:ts}. A thread is keyed by its parent message,
 * so a question's thread key equals its message key.
 */
public record SlackKeys(String channel, String ts) {

    public static String key(String channel, String ts) {
        return channel + ":" + ts;
    }

    public static Optional<SlackKeys> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new SlackKeys(key.substring(0, colon), key.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return key(channel, ts);
    }
}
