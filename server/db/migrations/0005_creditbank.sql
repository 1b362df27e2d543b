-- 证书互认互通 / 学分银行: catalogues, certificate–course mappings, versioned conversion rules,
-- learning outcomes (claims) and the hash-chained ledger of grants and reversals.

-- 职业技能等级证书 / 职业资格证书. A certificate belongs to the group whose programmes it is part of
-- (课证融通); one of another group is "cross-group" (跨群) for a student.
CREATE TABLE certificates (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  cluster_id      bigint NOT NULL REFERENCES clusters(id),
  code            text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_en         text,
  kind            text NOT NULL CHECK (kind IN ('skill_level', 'qualification')),
  issuer          text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 100),
  occupation      text,
  levels          text[] NOT NULL CHECK (cardinality(levels) > 0 AND levels <@ ARRAY['junior', 'intermediate', 'senior', 'technician_prep', 'technician']),
  owner_group_id  bigint REFERENCES professional_groups(id),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  guessed         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);
CREATE INDEX certificates_cluster ON certificates (cluster_id);

-- 技能大赛: one row per edition (a year's contest at one level).
CREATE TABLE competitions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  cluster_id      bigint NOT NULL REFERENCES clusters(id),
  code            text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  name_en         text,
  level           text NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'school')),
  organiser       text,
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  owner_group_id  bigint REFERENCES professional_groups(id),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);

-- 证书-课程 映射: a certificate held at min_level or above can exempt the course (免修).
CREATE TABLE certificate_course_mappings (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  cluster_id      bigint NOT NULL REFERENCES clusters(id),
  certificate_id  bigint NOT NULL REFERENCES certificates(id),
  min_level       text NOT NULL CHECK (min_level IN ('junior', 'intermediate', 'senior', 'technician_prep', 'technician')),
  course_id       bigint NOT NULL REFERENCES courses(id),
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (certificate_id, course_id)
);
CREATE INDEX certificate_course_mappings_course ON certificate_course_mappings (course_id);

-- Conversion rules, versioned per cluster: a draft is edited, then approved by someone other than
-- its author; the approved version whose validity covers a date is the one applied on that date.
CREATE TABLE conversion_rule_sets (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  cluster_id      bigint NOT NULL REFERENCES clusters(id),
  version_no      integer NOT NULL CHECK (version_no > 0),
  rules           jsonb NOT NULL,
  valid_from      date NOT NULL,
  valid_to        date,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'retired')),
  note            text,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  approved_by     bigint REFERENCES users(id),
  approved_at     timestamptz,
  UNIQUE (cluster_id, version_no),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (status = 'draft' OR (approved_by IS NOT NULL AND approved_at IS NOT NULL)),
  CHECK (approved_by IS NULL OR created_by IS NULL OR approved_by <> created_by)
);

-- 学习成果: every outcome is a claim. identity_key names the real-world outcome (a certificate
-- number, a competition entry, an earned course credit), so it is counted once whatever the path.
CREATE TABLE learning_outcomes (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id    bigint NOT NULL REFERENCES institutions(id),
  student_id        bigint NOT NULL REFERENCES students(id),
  kind              text NOT NULL CHECK (kind IN ('course_credit', 'certificate', 'competition')),
  identity_key      text NOT NULL,
  certificate_id    bigint REFERENCES certificates(id),
  level             text CHECK (level IN ('junior', 'intermediate', 'senior', 'technician_prep', 'technician')),
  certificate_no    text,
  issued_on         date,
  competition_id    bigint REFERENCES competitions(id),
  prize             text CHECK (prize IN ('first', 'second', 'third', 'excellence')),
  -- The courses module's earned-credit id, from its event (no key: a corrected grade deletes that row).
  earned_credit_id  bigint,
  course_id         bigint REFERENCES courses(id),
  course_credits    numeric(4,1),
  intended_use      text NOT NULL DEFAULT 'credit' CHECK (intended_use IN ('credit', 'exemption')),
  exempt_course_id  bigint REFERENCES courses(id),
  evidence          jsonb NOT NULL DEFAULT '{}'::jsonb,
  source            text NOT NULL CHECK (source IN ('student', 'staff', 'import', 'courses')),
  import_batch_id   text REFERENCES import_batches(id),
  status            text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'verified', 'granted', 'rejected', 'reversed')),
  submitted_by      bigint REFERENCES users(id),
  submitted_at      timestamptz NOT NULL DEFAULT now(),
  verified_by       bigint REFERENCES users(id),
  verified_at       timestamptz,
  decided_by        bigint REFERENCES users(id),
  decided_at        timestamptz,
  decision_note     text,
  revision          integer NOT NULL DEFAULT 1,
  CHECK (kind <> 'certificate' OR (certificate_id IS NOT NULL AND level IS NOT NULL AND certificate_no IS NOT NULL)),
  CHECK (kind <> 'competition' OR (competition_id IS NOT NULL AND prize IS NOT NULL)),
  CHECK (kind <> 'course_credit' OR (earned_credit_id IS NOT NULL AND course_id IS NOT NULL AND course_credits IS NOT NULL)),
  CHECK (intended_use = 'credit' OR exempt_course_id IS NOT NULL),
  -- Nobody verifies their own claim.
  CHECK (verified_by IS NULL OR submitted_by IS NULL OR verified_by <> submitted_by)
);
-- A rejected claim may be submitted again with better evidence; anything else holds the outcome.
CREATE UNIQUE INDEX learning_outcomes_identity ON learning_outcomes (institution_id, identity_key) WHERE status <> 'rejected';
CREATE INDEX learning_outcomes_student ON learning_outcomes (student_id, status);
CREATE INDEX learning_outcomes_queue ON learning_outcomes (institution_id, status, submitted_at);

-- The ledger: grants and reversals, append-only, one hash chain per institution. Each entry's
-- hash covers its content and the hash before it (creditbank_entry_hash), so a changed, removed
-- or inserted entry breaks the chain where it happened. The head row holds the last seq and hash.
CREATE TABLE ledger_heads (
  institution_id  bigint PRIMARY KEY REFERENCES institutions(id),
  seq             bigint NOT NULL,
  hash            text NOT NULL
);

CREATE TABLE ledger_entries (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id      bigint NOT NULL REFERENCES institutions(id),
  seq                 bigint NOT NULL,
  student_id          bigint NOT NULL REFERENCES students(id),
  outcome_id          bigint NOT NULL REFERENCES learning_outcomes(id),
  kind                text NOT NULL CHECK (kind IN ('grant', 'reversal')),
  category            text NOT NULL CHECK (category IN ('course', 'certificate', 'competition', 'exemption')),
  credits             numeric(5,1) NOT NULL,
  exempted_course_id  bigint REFERENCES courses(id),
  rule_set_id         bigint REFERENCES conversion_rule_sets(id),
  reason              text,
  actor_user_id       bigint REFERENCES users(id),
  recorded_at         timestamptz NOT NULL,
  prev_hash           text NOT NULL,
  hash                text NOT NULL,
  UNIQUE (institution_id, seq),
  -- One grant per outcome, and at most one reversal: two reviewers cannot grant twice.
  UNIQUE (outcome_id, kind),
  CHECK ((kind = 'grant') = (credits >= 0))
);
CREATE INDEX ledger_entries_student ON ledger_entries (student_id, seq);

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only';
END
$$;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();

-- The exact text an entry's hash covers: every field but the hash itself, as a JSON array (so no
-- value can be shifted into its neighbour), times in UTC to the microsecond.
CREATE FUNCTION creditbank_entry_content(
  p_institution bigint, p_seq bigint, p_student bigint, p_outcome bigint, p_kind text, p_category text, p_credits numeric,
  p_exempted_course bigint, p_rule_set bigint, p_reason text, p_actor bigint, p_recorded_at timestamptz)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT json_build_array(p_institution, p_seq, p_student, p_outcome, p_kind, p_category, p_credits::numeric(5,1)::text, p_exempted_course, p_rule_set, p_reason, p_actor,
    to_char(p_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
$$;

CREATE FUNCTION creditbank_entry_hash(p_prev_hash text, p_content text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(p_prev_hash || p_content, 'UTF8')), 'hex')
$$;

-- Appends entries to an institution's chain, in the order given, under the head's row lock (so
-- appends to one chain are serial). p_entries: [{student, outcome, kind, category, credits,
-- exemptedCourse, ruleSet, reason, actor}]. Returns the new rows' ids and seqs in that order.
CREATE FUNCTION creditbank_append(p_institution bigint, p_entries jsonb)
RETURNS TABLE (entry_id bigint, entry_seq bigint, entry_hash text)
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  previous_hash text;
  item record;
  recorded timestamptz := clock_timestamp();
  new_id bigint;
BEGIN
  INSERT INTO ledger_heads (institution_id, seq, hash) VALUES (p_institution, 0, repeat('0', 64)) ON CONFLICT (institution_id) DO NOTHING;
  SELECT h.seq, h.hash INTO head_seq, head_hash FROM ledger_heads h WHERE h.institution_id = p_institution FOR UPDATE;
  FOR item IN
    SELECT * FROM jsonb_to_recordset(p_entries) AS x(student bigint, outcome bigint, kind text, category text, credits numeric,
      "exemptedCourse" bigint, "ruleSet" bigint, reason text, actor bigint)
  LOOP
    head_seq := head_seq + 1;
    previous_hash := head_hash;
    head_hash := creditbank_entry_hash(previous_hash, creditbank_entry_content(p_institution, head_seq, item.student, item.outcome, item.kind, item.category,
      item.credits, item."exemptedCourse", item."ruleSet", item.reason, item.actor, recorded));
    INSERT INTO ledger_entries (institution_id, seq, student_id, outcome_id, kind, category, credits, exempted_course_id, rule_set_id, reason, actor_user_id, recorded_at, prev_hash, hash)
    VALUES (p_institution, head_seq, item.student, item.outcome, item.kind, item.category, item.credits, item."exemptedCourse", item."ruleSet", item.reason, item.actor, recorded,
      previous_hash, head_hash)
    RETURNING id INTO new_id;
    entry_id := new_id;
    entry_seq := head_seq;
    entry_hash := head_hash;
    RETURN NEXT;
  END LOOP;
  UPDATE ledger_heads SET seq = head_seq, hash = head_hash WHERE institution_id = p_institution;
END
$$;

-- Checks a chain set-wise: every entry's hash against its content and predecessor, the links, the
-- sequence, and the head. Returns one row per problem (none: the chain is intact).
CREATE FUNCTION creditbank_verify(p_institution bigint)
RETURNS TABLE (entry_id bigint, entry_seq bigint, problem text)
LANGUAGE sql STABLE AS $$
  WITH ordered AS (
    SELECT e.id, e.seq, e.hash, e.prev_hash,
      creditbank_entry_hash(e.prev_hash, creditbank_entry_content(e.institution_id, e.seq, e.student_id, e.outcome_id, e.kind, e.category, e.credits,
        e.exempted_course_id, e.rule_set_id, e.reason, e.actor_user_id, e.recorded_at)) AS recomputed,
      lag(e.hash) OVER (ORDER BY e.seq) AS previous_hash,
      lag(e.seq) OVER (ORDER BY e.seq) AS previous_seq
    FROM ledger_entries e WHERE e.institution_id = p_institution
  ), problems AS (
    SELECT o.id, o.seq, 'hash_mismatch' AS problem FROM ordered o WHERE o.hash <> o.recomputed
    UNION ALL
    SELECT o.id, o.seq, 'chain_broken' FROM ordered o WHERE o.prev_hash <> coalesce(o.previous_hash, repeat('0', 64))
    UNION ALL
    SELECT o.id, o.seq, 'sequence_gap' FROM ordered o WHERE o.seq <> coalesce(o.previous_seq, 0) + 1
    UNION ALL
    SELECT NULL, h.seq, 'head_mismatch' FROM ledger_heads h
    LEFT JOIN LATERAL (SELECT o.seq, o.hash FROM ordered o ORDER BY o.seq DESC LIMIT 1) last ON true
    WHERE h.institution_id = p_institution
      AND (h.seq <> coalesce(last.seq, 0) OR h.hash <> coalesce(last.hash, repeat('0', 64)))
  )
  SELECT id, seq, problem FROM problems ORDER BY seq, problem
$$;
