-- What one process used to keep in memory or in small DATA_DIR files, shared here so any instance
-- can serve any request (no sticky sessions).

-- Failed order verifications (VerificationAttempts), keyed by a hash of the order or the customer.
CREATE TABLE verification_attempts (
  key text PRIMARY KEY,
  failures bigint[] NOT NULL,
  locked_until bigint
);

-- The built-in Direct Line's conversations and their activities, numbered by watermark (`seq`).
-- `next_seq` is taken under the row's lock, so two instances appending at once never share a number.
CREATE TABLE directline_conversations (
  id text PRIMARY KEY,
  base bigint NOT NULL,
  next_seq bigint NOT NULL,
  locale text,
  engaged boolean NOT NULL DEFAULT false,
  started_at bigint NOT NULL,
  last_used bigint NOT NULL
);
CREATE INDEX directline_conversations_last_used ON directline_conversations (last_used);

CREATE TABLE directline_activities (
  conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  activity jsonb NOT NULL,
  bytes integer NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

-- Agent sessions: the cookie's id is stored only as its SHA-256, so a database dump signs nobody in.
CREATE TABLE agent_sessions (
  id_hash text PRIMARY KEY,
  login text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX agent_sessions_login ON agent_sessions (login);

-- Wrong passwords per login and per client address (SignInLimiter).
CREATE TABLE sign_in_failures (
  kind text NOT NULL CHECK (kind IN ('login', 'address', 'checking')),
  key text NOT NULL,
  count integer NOT NULL,
  first_at bigint NOT NULL,
  last_at bigint NOT NULL,
  PRIMARY KEY (kind, key)
);
