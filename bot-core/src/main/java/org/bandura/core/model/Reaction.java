package org.bandura.core.model;

/** What a chat reaction means to Bandura; adapters map their emoji (configurable) onto these. */
public enum Reaction {
    UPVOTE, DOWNVOTE, ACCEPT
}
