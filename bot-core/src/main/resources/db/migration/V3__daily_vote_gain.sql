-- Reputation each member gained from votes per UTC day, kept beside the ledger so the daily cap is one row read
-- instead of a sum over every vote the member got that day. Derived: 1 row per member and day, rebuilt from the
-- ledger by the nightly job if it ever drifts.
CREATE TABLE vote_gain_day (
    member_id BIGINT NOT NULL REFERENCES member (id),
    earned_on DATE   NOT NULL,
    gained    BIGINT NOT NULL,
    PRIMARY KEY (member_id, earned_on)
);

INSERT INTO vote_gain_day (member_id, earned_on, gained)
SELECT member_id, earned_on, SUM(delta) FROM reputation_event
WHERE counts_toward_cap = TRUE AND delta > 0
GROUP BY member_id, earned_on;
