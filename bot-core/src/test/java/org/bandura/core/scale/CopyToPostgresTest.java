package org.bandura.core.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bandura.core.testing.TestCore.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bandura.core.persistence.Database;
import org.bandura.core.persistence.DatabaseCopier;
import org.bandura.core.persistence.ReputationLedger;
import org.bandura.core.testing.StateSnapshot;
import org.bandura.core.testing.TestCore;
import org.bandura.core.testing.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CopyToPostgresTest {

    @Test
    @DisplayName("H2 → PostgreSQL: every count and reputation total equal, progress shown, the copy keeps working")
    void copyH2ToPostgres() {
        try (TestCore h2 = TestCore.onH2();
             TestCore postgres = TestCore.on(TestDatabases.postgres(), TestCore.settings())) {
            h2.run(user("alice"), "/expert add java sql");
            for (int i = 1; i <= 30; i++) {
                h2.run(user("asker" + (i % 4)), "/ask Copy question " + i + " about pools #java");
                h2.run(user("alice"), "/answer Q" + i + " Answer " + i);
                h2.run(user("voter" + (i % 7)), "/upvote A" + i);
                if (i % 3 == 0) {
                    h2.run(user("asker" + (i % 4)), "/accept A" + i);
                }
            }
            List<String> progress = new ArrayList<>();
            Map<String, Long> copied = DatabaseCopier.copy(h2.database(), postgres.database(),
                    (table, done, total) -> progress.add(table + " " + done + "/" + total));

            assertThat(copied).containsEntry("question", 30L).containsEntry("answer", 30L);
            assertThat(progress).contains("question 30/30", "reputation_event " + copied.get("reputation_event")
                    + "/" + copied.get("reputation_event"));
            for (String table : copied.keySet()) {
                assertThat(postgres.rows(table)).as(table).isEqualTo(h2.rows(table));
            }
            assertThat(StateSnapshot.of(postgres.database())).isEqualTo(StateSnapshot.of(h2.database()));
            ReputationLedger ledger = new ReputationLedger();
            postgres.database().inTransaction(sql -> {
                long workspace = sql.count("SELECT id FROM workspace");
                assertThat(ledger.storedTotals(sql, workspace)).isEqualTo(ledger.totalsFromLedger(sql, workspace));
                return null;
            });

            // New rows continue after the copied ids and numbers.
            assertThat(postgres.run(user("bob"), "/ask After the move #java").text().toPlainString())
                    .contains("Q31 posted");
            assertThat(postgres.run(user("alice"), "/answer Q31 Still works").isOk()).isTrue();

            assertThatThrownBy(() -> DatabaseCopier.copy(h2.database(), postgres.database(), (t, d, n) -> { }))
                    .hasMessageContaining("already has data");
        }
    }

    @Test
    @DisplayName("copying into a database with data refuses and leaves it untouched")
    void refusesNonEmptyTarget() {
        try (TestCore source = TestCore.onH2(); TestCore target = TestCore.onH2()) {
            target.run(user("x"), "/tags");
            long before = target.rows("member");
            Database from = source.database();
            assertThatThrownBy(() -> DatabaseCopier.copy(from, target.database(), (t, d, n) -> { }))
                    .hasMessageContaining("empty");
            assertThat(target.rows("member")).isEqualTo(before);
        }
    }
}
