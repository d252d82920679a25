-- botbuilder's Storage: conversation and user state, one row per key, with its eTag for
-- optimistic concurrency (a write with a stale eTag changes nothing).
CREATE TABLE bot_state (
  key text PRIMARY KEY,
  item jsonb NOT NULL,
  etag text NOT NULL
);
