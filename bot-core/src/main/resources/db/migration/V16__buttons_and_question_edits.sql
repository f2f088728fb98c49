-- Buttons under job messages ("I'm on it", "Accept", "Not yet"): one per line as label|P or S|command.
ALTER TABLE outbox_message ADD COLUMN actions VARCHAR(1000) DEFAULT '' NOT NULL;

-- When the asker last edited the question's text: the escalation ladder waits from here again.
ALTER TABLE question ADD COLUMN edited_at TIMESTAMP WITH TIME ZONE;
