-- 学分银行, claims as their users meet them: one certificate at one level per student, four eyes
-- between verifying and granting, and printed credit transcripts whose QR code opens /verify.

-- One certificate at one level (一证一级): a student holds at most one live (submitted, verified) or
-- granted claim per certificate and level, whatever certificate number it carries. A rejected or
-- reversed claim does not hold the place, so the student may claim again. The issuing body's
-- results (source 'import') are outside this index: they are the body's own record, granted as they
-- come (a level already held gives 0 credits, see bulk-grant.ts); the claim service refuses a
-- student's claim for a certificate and level that any source already holds.
--
-- Claims made before this rule that break it: the granted one, else the oldest, keeps its place;
-- the others, still waiting, are answered as rejected with the reason.
WITH ranked AS (
  SELECT id, status,
         row_number() OVER (PARTITION BY institution_id, student_id, certificate_id, level
                            ORDER BY (status = 'granted') DESC, submitted_at, id) AS place
  FROM learning_outcomes
  WHERE kind = 'certificate' AND source IN ('student', 'staff') AND status IN ('submitted', 'verified', 'granted')
)
UPDATE learning_outcomes o
SET status = 'rejected',
    decided_at = now(),
    decision_note = '同一证书同一等级已有申请，同一成果只认定一次 / the same certificate at the same level is already claimed',
    revision = o.revision + 1
FROM ranked r
WHERE r.id = o.id AND r.place > 1 AND r.status <> 'granted';

CREATE UNIQUE INDEX learning_outcomes_certificate_level ON learning_outcomes (institution_id, student_id, certificate_id, level)
  WHERE kind = 'certificate' AND source IN ('student', 'staff') AND status IN ('submitted', 'verified', 'granted');

-- The credit bank's settings per institution; without a row the defaults apply (four eyes on).
CREATE TABLE creditbank_settings (
  institution_id  bigint PRIMARY KEY REFERENCES institutions(id),
  -- 四眼原则: whoever verified a claim may not also grant it.
  four_eyes       boolean NOT NULL DEFAULT true,
  updated_by      bigint REFERENCES users(id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  revision        integer NOT NULL DEFAULT 1
);

-- A printed credit transcript (学分成绩单, PDF). Its QR code carries a random token (only its SHA-256
-- is kept) that lets anyone holding the paper fetch the credentials printed on it from /verify and
-- check them; the credentials name the student only by salted hashes.
CREATE TABLE credit_transcripts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  student_id      bigint NOT NULL REFERENCES students(id),
  token_hash      text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  credential_ids  uuid[] NOT NULL,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_transcripts_student ON credit_transcripts (student_id, created_at);
