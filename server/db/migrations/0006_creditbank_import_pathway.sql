-- 学分银行, part two: the review queue of the issuing body's certificate results that did not match a
-- student, and the configurable four-stage apprentice pathway (四段式学徒培养路径, 003_*.txt).

-- A result row of an issuing body's spreadsheet whose ID number or name does not match one student
-- of the institution. It waits here for a person to match it to a student or to dismiss it; it is
-- never dropped or guessed. identity_key is the outcome's key (certificate + number), so a re-import
-- of the same file finds the row here (or, once matched, in learning_outcomes) and adds nothing.
CREATE TABLE certificate_import_reviews (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id        bigint NOT NULL REFERENCES institutions(id),
  import_batch_id       text REFERENCES import_batches(id),
  row_no                integer,
  identity_key          text NOT NULL,
  certificate_id        bigint NOT NULL REFERENCES certificates(id),
  level                 text NOT NULL CHECK (level IN ('junior', 'intermediate', 'senior', 'technician_prep', 'technician')),
  certificate_no        text NOT NULL,
  issued_on             date,
  person_name           text NOT NULL,
  id_number_enc         text NOT NULL,
  id_number_masked      text NOT NULL,
  id_number_hash        text NOT NULL,
  reason                text NOT NULL CHECK (reason IN ('id_not_found', 'name_mismatch', 'ambiguous')),
  candidate_student_id  bigint REFERENCES students(id),
  status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'dismissed')),
  outcome_id            bigint REFERENCES learning_outcomes(id),
  resolved_by           bigint REFERENCES users(id),
  resolved_at           timestamptz,
  note                  text,
  created_by            bigint REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  revision              integer NOT NULL DEFAULT 1,
  CHECK (status <> 'matched' OR outcome_id IS NOT NULL),
  CHECK (status = 'open' OR (resolved_by IS NOT NULL AND resolved_at IS NOT NULL))
);
CREATE UNIQUE INDEX certificate_import_reviews_identity ON certificate_import_reviews (institution_id, identity_key);
CREATE INDEX certificate_import_reviews_queue ON certificate_import_reviews (institution_id, status, id);

-- The four-stage pathway's criteria, per cluster; without a row the defaults in pathway.ts apply.
CREATE TABLE apprentice_pathways (
  cluster_id      bigint PRIMARY KEY REFERENCES clusters(id),
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  stages          jsonb NOT NULL,
  updated_by      bigint REFERENCES users(id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  revision        integer NOT NULL DEFAULT 1
);
