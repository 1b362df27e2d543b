-- Request limits shared by every server process (the counters live in the database, not in one
-- process's memory): one row per limited key (e.g. "verify:<address>"), counting hits in a fixed window.
CREATE TABLE rate_limits (
  key               text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  hits              integer NOT NULL CHECK (hits > 0)
);
CREATE INDEX rate_limits_window ON rate_limits (window_started_at);

-- An import batch holds the uploaded rows (sealed) until it is committed or given up: it now expires,
-- and a scheduled job deletes expired batches with their rows.
ALTER TABLE import_batches ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '7 days';
UPDATE import_batches SET expires_at = created_at + interval '7 days';
CREATE INDEX import_batches_expiry ON import_batches (expires_at);
