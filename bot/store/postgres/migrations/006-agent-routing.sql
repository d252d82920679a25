-- The agents' routing skills and limit (CASE_ROUTING), published from the agents file with the rest.
-- Rows published before this migration get the file's defaults: three chats, every language, no team.
ALTER TABLE agents
  ADD COLUMN max_chats integer NOT NULL DEFAULT 3,
  ADD COLUMN languages jsonb NOT NULL DEFAULT '["fi", "en"]',
  ADD COLUMN teams jsonb NOT NULL DEFAULT '[]';
