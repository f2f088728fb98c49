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
