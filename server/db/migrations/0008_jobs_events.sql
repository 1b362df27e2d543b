-- The platform's scheduler and event consumers.
--
-- A module declares its jobs in its manifest; each job has one row here. A server process takes a due
-- job by leasing its row (SELECT … FOR UPDATE SKIP LOCKED, then lease_owner/lease_until), so with several
-- server processes on one database each due run happens once. A run that fails is retried with backoff
-- (due_at keeps the slot being retried, attempt counts); a lease that expires (the process died) is taken
-- again by another process as the next attempt.
CREATE TABLE jobs (
  name              text PRIMARY KEY,
  module            text NOT NULL,
  schedule          text NOT NULL,
  enabled           boolean NOT NULL DEFAULT true,
  next_run_at       timestamptz NOT NULL,
  due_at            timestamptz,
  attempt           integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
  lease_owner       text,
  lease_until       timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);
CREATE INDEX jobs_due ON jobs (next_run_at) WHERE enabled;

CREATE TABLE job_runs (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job           text NOT NULL REFERENCES jobs(name) ON DELETE CASCADE,
  due_at        timestamptz NOT NULL,
  attempt       integer NOT NULL CHECK (attempt >= 0),
  trigger       text NOT NULL CHECK (trigger IN ('schedule', 'retry', 'manual')),
  owner         text NOT NULL,
  requested_by  bigint REFERENCES users(id),
  started_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at   timestamptz,
  duration_ms   integer,
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned')),
  result        jsonb,
  error         text,
  -- One run per scheduled slot and attempt: two processes cannot both run the same due slot.
  UNIQUE (job, due_at, attempt, trigger)
);
CREATE INDEX job_runs_recent ON job_runs (job, started_at DESC);
CREATE INDEX job_runs_failed ON job_runs (started_at DESC) WHERE status = 'failed';

-- Which events each consumer has taken in (an inbox per consumer instead of a cursor, so an event that
-- commits late, after one with a higher id was read, is still taken).
CREATE TABLE event_consumptions (
  consumer     text NOT NULL,
  event_id     bigint NOT NULL REFERENCES domain_events(id),
  consumed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- Events the credit bank took in before consumers were tracked: every earned credit with its outcome,
-- every revocation whose outcome is reversed.
INSERT INTO event_consumptions (consumer, event_id)
SELECT 'creditbank.course_credits', e.id FROM domain_events e
WHERE e.type = 'courses.credits_earned'
  AND EXISTS (SELECT 1 FROM learning_outcomes o WHERE o.institution_id = e.institution_id AND o.identity_key = 'course_credit:' || (e.payload->>'earnedCreditId'))
UNION ALL
SELECT 'creditbank.course_credits', e.id FROM domain_events e
WHERE e.type = 'courses.credits_revoked'
  AND NOT EXISTS (SELECT 1 FROM learning_outcomes o WHERE o.institution_id = e.institution_id AND o.identity_key = 'course_credit:' || (e.payload->>'earnedCreditId') AND o.status = 'granted');
