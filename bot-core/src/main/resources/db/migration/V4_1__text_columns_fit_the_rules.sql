-- Lengths are rules about characters (code points), as PostgreSQL counts them; H2 counts UTF-16 units, so a
-- character outside the Basic Multilingual Plane (an emoji, U+1D400) takes two. Columns are sized for the rule on
-- both: a tag of 32 such characters, and the longest text the settings allow (8000 characters).
ALTER TABLE tag ALTER COLUMN name SET DATA TYPE VARCHAR(64);
ALTER TABLE tag_alias ALTER COLUMN alias SET DATA TYPE VARCHAR(64);
ALTER TABLE question ALTER COLUMN body SET DATA TYPE VARCHAR(16000);
ALTER TABLE answer ALTER COLUMN body SET DATA TYPE VARCHAR(16000);
