-- How far question_change has been pruned (one row, id 1, written by the first prune). Rows are pruned once they
-- are older than the rebuild horizon; a search index whose watermark is below pruned_through may have missed some
-- of the deleted rows, so it rebuilds from the database instead of replaying.
CREATE TABLE question_change_pruned (
    id             INT PRIMARY KEY,
    pruned_through BIGINT NOT NULL
);
