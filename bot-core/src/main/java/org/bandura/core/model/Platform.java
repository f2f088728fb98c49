package org.bandura.core.model;

/** Where a workspace lives. Only used to keep platform ids apart; the core has no platform logic. */
public enum Platform {
    CONSOLE, DISCORD, SLACK
}
