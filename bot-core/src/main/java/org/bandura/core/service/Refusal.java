package org.bandura.core.service;

/**
 * A command the user got wrong. Thrown anywhere inside a command, it rolls the transaction back (nothing
 * half-written) and its message becomes the polite reply.
 */
final class Refusal extends RuntimeException {
    Refusal(String message) {
        super(message, null, false, false);
    }
}
