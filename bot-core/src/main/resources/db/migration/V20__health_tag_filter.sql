-- Community health filtered by a tag (issue 13): each question_tag row carries what the tag filter needs, so a
-- tag's questions of a period and its open questions by age are read from the tag's own index rows instead of
-- probing question_tag once per question of the workspace (15,000 probes for the open counts at 100k questions).
--   asked_at: the question's created_at (never changes).
--   is_open:  answer_count = 0 AND deleted_at IS NULL, kept by QuestionRepository in the same transaction as every
--             change of either (answer added or removed, question deleted).
ALTER TABLE question_tag ADD COLUMN asked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE question_tag ADD COLUMN is_open BOOLEAN;
UPDATE question_tag SET
    asked_at = (SELECT q.created_at FROM question q WHERE q.id = question_tag.question_id),
    is_open = (SELECT CASE WHEN q.answer_count = 0 AND q.deleted_at IS NULL THEN TRUE ELSE FALSE END
               FROM question q WHERE q.id = question_tag.question_id);
ALTER TABLE question_tag ALTER COLUMN asked_at SET NOT NULL;
ALTER TABLE question_tag ALTER COLUMN is_open SET NOT NULL;
-- A tag's questions asked in a period (cohorts, the 12-week trend, knowledge gaps).
CREATE INDEX ix_question_tag_asked ON question_tag (tag_id, asked_at, question_id);
-- A tag's open questions by age: the count reads only this index.
CREATE INDEX ix_question_tag_open ON question_tag (tag_id, is_open, asked_at, question_id);

-- What happened in a period (mentions, answers, accepts, reputation): the time indexes also hold the columns the
-- measures group by and the question they check against the tag, so H2 reads only index entries for every row of
-- the period and fetches a row only for the questions that carry the tag. Same leading columns as before, so what
-- used the narrower indexes uses these.
DROP INDEX ix_routing_mention_time;
CREATE INDEX ix_routing_mention_time ON routing_mention (mentioned_at, question_id, member_id);
DROP INDEX ix_answer_written;
CREATE INDEX ix_answer_written ON answer (workspace_id, created_at, question_id, author_id);
DROP INDEX ix_question_accepted;
CREATE INDEX ix_question_accepted ON question (workspace_id, accepted_at, deleted_at, accepted_answer_id);
DROP INDEX ix_reputation_workspace_time;
CREATE INDEX ix_reputation_workspace_time ON reputation_event (workspace_id, created_at, question_id, member_id, delta);
