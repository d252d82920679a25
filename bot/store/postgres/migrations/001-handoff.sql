-- Cases and conversation records (the HandoffStore port). One row serialises every transaction
-- (SELECT ... FOR UPDATE) and holds the case counter, so two instances can never both claim one case
-- or hand out one case number twice. `revision` lets each instance bring its cache up to date by
-- reading only what changed; a deletion leaves its key in handoff_deletions until compact().
CREATE TABLE handoff_meta (
  id smallint PRIMARY KEY CHECK (id = 1),
  next_case_number bigint NOT NULL CHECK (next_case_number > 0),
  revision bigint NOT NULL,
  generation bigint NOT NULL
);
INSERT INTO handoff_meta (id, next_case_number, revision, generation) VALUES (1, 1, 0, 0);

CREATE TABLE handoff_cases (
  id text PRIMARY KEY,
  record jsonb NOT NULL,
  revision bigint NOT NULL
);
CREATE INDEX handoff_cases_revision ON handoff_cases (revision);

CREATE TABLE handoff_conversations (
  key text PRIMARY KEY,
  record jsonb NOT NULL,
  revision bigint NOT NULL
);
CREATE INDEX handoff_conversations_revision ON handoff_conversations (revision);

CREATE TABLE handoff_deletions (
  kind text NOT NULL CHECK (kind IN ('case', 'conversation')),
  key text NOT NULL,
  revision bigint NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX handoff_deletions_revision ON handoff_deletions (revision);
