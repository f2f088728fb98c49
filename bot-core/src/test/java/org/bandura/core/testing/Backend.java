package org.bandura.core.testing;

import org.bandura.core.persistence.DatabaseSettings;
import org.bandura.core.service.CoreSettings;

/** The databases the storage contract runs on. */
public enum Backend {
    H2, POSTGRES;

    public DatabaseSettings freshDatabase() {
        return this == H2 ? TestDatabases.h2() : TestDatabases.postgres();
    }

    public TestCore open() {
        return open(TestCore.settings());
    }

    public TestCore open(CoreSettings settings) {
        return TestCore.on(freshDatabase(), settings);
    }
}
