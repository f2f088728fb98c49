package org.bandura.config;

import java.util.List;

/**
 * One configuration key: its YAML path, the environment variables that override it, its default, and whether it
 * is a secret (never printed).
 */
record Key(String path, Kind kind, Object defaultValue, boolean secret, List<String> extraEnv, long min, long max,
           String help) {

    enum Kind {
        STRING, INT, BOOLEAN, DURATION, LIST, URL,
        /** Names to values: a YAML mapping, or {@code name=value,name=value} in the environment. */
        MAP
    }

    /** {@code database.pool-size} is overridden by {@code BANDURA_DATABASE_POOL_SIZE}. */
    String env() {
        return "BANDURA_" + path.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    List<String> envNames() {
        java.util.ArrayList<String> names = new java.util.ArrayList<>(extraEnv);
        names.add(env());
        return names;
    }
}
