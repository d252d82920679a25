-- The agent console's agents, published from the agents file by `npm run agents` (add, password,
-- remove, publish) so that every instance signs in the same agents. Passwords only as scrypt hashes.
CREATE TABLE agents (
  login text PRIMARY KEY,
  name text NOT NULL,
  language text NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL
);
