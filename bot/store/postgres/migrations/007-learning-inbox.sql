-- The editors' learning inbox (what the bot missed, masked), shared by the instances: the studio on
-- any instance shows every instance's misses, and an erasure or retention on one reaches them all.
CREATE TABLE learning_inbox (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  conversation_key text NOT NULL,
  item jsonb NOT NULL
);
CREATE INDEX learning_inbox_conversation ON learning_inbox (conversation_key);
CREATE INDEX learning_inbox_at ON learning_inbox (at);
