-- What each instance still kept to itself (docs/deploy.md), shared so that a round-robin load
-- balancer without sticky sessions changes nothing the customers and agents see.

-- Agents' presence (online, away, offline); every instance keeps a copy, refreshed by LISTEN/NOTIFY.
CREATE TABLE agent_presence (
  login text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('online', 'away', 'offline')),
  since text NOT NULL
);

-- Agent consoles with their live stream open, counted per instance. An instance refreshes `seen_at`
-- while it has any; the rows of an instance that was killed stop counting once they are stale.
CREATE TABLE agent_consoles (
  instance text NOT NULL,
  login text NOT NULL,
  open integer NOT NULL,
  seen_at bigint NOT NULL,
  PRIMARY KEY (instance, login)
);

-- Whether a customer's web chat page is there: the streams each instance serves it and its last poll
-- there. Rows with open streams are refreshed (`seen_at`) while they are open, as above.
CREATE TABLE directline_pages (
  conversation_id text NOT NULL,
  instance text NOT NULL,
  streams integer NOT NULL,
  last_polled bigint,
  away_since bigint NOT NULL,
  seen_at bigint NOT NULL,
  PRIMARY KEY (conversation_id, instance)
);

-- Per-address allowances of the built-in Direct Line (token buckets), shared so N instances do not
-- give a client N times the allowance.
CREATE TABLE rate_limit_buckets (
  scope text NOT NULL,
  key text NOT NULL,
  tokens double precision NOT NULL,
  updated bigint NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX rate_limit_buckets_updated ON rate_limit_buckets (updated);

-- Single-use stream tokens already used, until they expire: one used on any instance is refused on all.
CREATE TABLE spent_tokens (
  id text PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE INDEX spent_tokens_expires_at ON spent_tokens (expires_at);
