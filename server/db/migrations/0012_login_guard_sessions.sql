-- Failed sign-ins per (account as typed, client address): delays grow with each failure from that
-- address, and an account's failures from all addresses only slow attempts down, so nobody can lock
-- another person out. Unknown account names are counted the same way (their answers look alike).
CREATE TABLE login_failures (
  account        text NOT NULL,
  address        text NOT NULL,
  failures       integer NOT NULL CHECK (failures > 0),
  last_failed_at timestamptz NOT NULL,
  PRIMARY KEY (account, address)
);
CREATE INDEX login_failures_recent ON login_failures (account, last_failed_at);

-- Sessions end after a while without use, besides their absolute lifetime.
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();

-- What ended sessions or changed rights (logout, password change, disabled account, revoked role):
-- every server process reads the entries after the last one it saw before it trusts a cached session.
CREATE TABLE auth_changes (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint,
  token_hash text,
  at         timestamptz NOT NULL DEFAULT now(),
  CHECK (user_id IS NOT NULL OR token_hash IS NOT NULL)
);
