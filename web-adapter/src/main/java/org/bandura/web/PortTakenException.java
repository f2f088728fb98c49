package org.bandura.web;

/** The web server's port is already in use. */
public final class PortTakenException extends Exception {

    private static final long serialVersionUID = 1L;

    public PortTakenException(String bind, int port, Throwable cause) {
        super("port " + port + " on " + bind + " is already in use", cause);
    }
}
