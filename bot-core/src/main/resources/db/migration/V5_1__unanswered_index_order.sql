-- /unanswered reads the oldest open questions. H2 only walks an index in order (and stops after the page) when
-- the ORDER BY names the index's columns from the first, so the index ends with id, the query's tie-breaker, and
-- the query orders by all four columns. Without this H2 sorted every open question of the workspace per call.
CREATE INDEX ix_question_open_sorted ON question (workspace_id, answer_count, created_at, id);
DROP INDEX ix_question_open;
