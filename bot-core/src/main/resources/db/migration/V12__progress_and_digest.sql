-- Member progress and the weekly digest (issue 13).

-- Whether the member appears among the digest's top helpers (/digest off hides them).
ALTER TABLE member ADD COLUMN digest BOOLEAN DEFAULT TRUE NOT NULL;

-- Badge counts per member: Curious (the member's questions with an accepted answer) and Mentor (who accepted the
-- member's answers) read questions by asker and by accepted answer.
CREATE INDEX ix_question_asker ON question (asker_id, accepted_answer_id);
CREATE INDEX ix_question_accepted_answer ON question (accepted_answer_id);

-- The digest lists the badges earned in a week.
CREATE INDEX ix_badge_awarded ON badge (awarded_at);
