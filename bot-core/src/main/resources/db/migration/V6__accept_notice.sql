-- The bot's own "accepted" notice in a question's thread, so it can be removed when the accept is undone.
ALTER TABLE question ADD COLUMN accept_notice_key VARCHAR(100);
