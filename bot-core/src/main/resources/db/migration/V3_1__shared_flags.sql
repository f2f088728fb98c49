-- Columns several features share, added once so they don't collide:
-- a question removed by its asker or a moderator stays for the ledger but is hidden everywhere (deleted_at);
-- members choose whether the bot notifies them publicly (announcements) and whether public web pages name them.
ALTER TABLE question ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE member ADD COLUMN announcements BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE member ADD COLUMN web_hidden BOOLEAN DEFAULT FALSE NOT NULL;
