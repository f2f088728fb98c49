package org.bandura.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bandura.core.persistence.SearchChanges.Change;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChangeFollowerTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private final ChangeFollower follower = new ChangeFollower(0, Duration.ofSeconds(30));

    @Test
    @DisplayName("GIVEN change 2 committed before change 1 WHEN 1 shows up THEN both apply once and the watermark passes both")
    void lateCommitIsNotSkipped() {
        List<Change> firstRead = List.of(new Change(2, 20));
        assertThat(follower.unapplied(firstRead)).containsExactly(new Change(2, 20));
        follower.applied(firstRead, T0);
        assertThat(follower.watermark()).isZero();

        List<Change> secondRead = List.of(new Change(1, 10), new Change(2, 20), new Change(3, 30));
        assertThat(follower.unapplied(secondRead)).containsExactly(new Change(1, 10), new Change(3, 30));
        follower.applied(secondRead, T0.plusSeconds(1));
        assertThat(follower.watermark()).isEqualTo(3);
    }

    @Test
    @DisplayName("a gap left by a rolled-back transaction holds the watermark only until the gap timeout")
    void rolledBackGapExpires() {
        follower.applied(List.of(new Change(1, 10), new Change(3, 30)), T0);
        assertThat(follower.watermark()).isEqualTo(1);
        follower.applied(List.of(new Change(3, 30)), T0.plusSeconds(29));
        assertThat(follower.watermark()).isEqualTo(1);
        follower.applied(List.of(new Change(3, 30)), T0.plusSeconds(30));
        assertThat(follower.watermark()).isEqualTo(3);
        assertThat(follower.unapplied(List.of(new Change(4, 40)))).containsExactly(new Change(4, 40));
    }

    @Test
    @DisplayName("reads go on above the highest change seen; only the numbers not seen yet below it are re-read")
    void gapsAreReadByNumber() {
        assertThat(follower.highestSeen()).isZero();
        assertThat(follower.gaps(10)).isEmpty();
        follower.applied(List.of(new Change(1, 10), new Change(3, 30), new Change(4, 40), new Change(7, 70)), T0);

        assertThat(follower.watermark()).isEqualTo(1);
        assertThat(follower.highestSeen()).isEqualTo(7);
        assertThat(follower.gaps(10)).containsExactly(2L, 5L, 6L);
        assertThat(follower.gaps(2)).containsExactly(2L, 5L);

        follower.applied(List.of(new Change(2, 20), new Change(5, 50)), T0.plusSeconds(1));
        assertThat(follower.watermark()).isEqualTo(5);
        assertThat(follower.gaps(10)).containsExactly(6L);
    }
}
