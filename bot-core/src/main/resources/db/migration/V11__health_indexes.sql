-- Community health (issue 13) reads time ranges of one workspace: questions asked, accepted, answers written,
-- mentions and claims made in a week or month. Without these indexes each dashboard measure scanned every row.
CREATE INDEX ix_question_asked ON question (workspace_id, created_at);
CREATE INDEX ix_question_accepted ON question (workspace_id, accepted_at);
CREATE INDEX ix_answer_written ON answer (workspace_id, created_at);
CREATE INDEX ix_answer_author_time ON answer (author_id, created_at);
CREATE INDEX ix_routing_mention_time ON routing_mention (mentioned_at);
CREATE INDEX ix_question_claim_time ON question_claim (claimed_at);
-- Open questions by age: the count reads only this index (deleted ones are skipped inside it, not per row).
CREATE INDEX ix_question_open_live ON question (workspace_id, answer_count, deleted_at, created_at, id);
