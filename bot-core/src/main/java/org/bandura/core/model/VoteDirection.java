package org.bandura.core.model;

public enum VoteDirection {
    UP(1), DOWN(-1);

    private final int value;

    VoteDirection(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
