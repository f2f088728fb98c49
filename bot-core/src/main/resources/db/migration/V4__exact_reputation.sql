-- Exact reputation: the ledger keeps the raw sum, the floor of 1 applies only to what is shown and compared.
-- member.reputation_raw = 1 + SUM(reputation_event.delta), exact and possibly below 1;
-- member.reputation = GREATEST(1, reputation_raw), the figure /top, /profile, routing and the web read.
ALTER TABLE member ADD COLUMN reputation_raw BIGINT DEFAULT 1 NOT NULL;
UPDATE member SET reputation_raw = reputation;

-- counts_toward_cap now marks exactly the rows that make up a day's vote gain (earned_on): an upvote's gain and,
-- on the same earned_on, its reversal, so a retracted vote gives back its share of that day's cap.
-- Losses never counted toward the cap; their rows no longer carry the flag.
UPDATE reputation_event SET counts_toward_cap = FALSE WHERE delta < 0;
