-- Credit-structure rules (学分结构规则), versioned per cluster like the credit bank's conversion rules:
-- 教务 drafts a version (from the one in force or the seeds' defaults), submits it, and another 教务
-- approves it; an approved version is in force from a cohort year (入学年级) until the next approved
-- version starts. A programme is checked against the version in force for its cohort while it is a
-- draft, and keeps the version it was submitted and approved under (programmes.credit_rule_version_id).
CREATE TABLE credit_rule_versions (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id        bigint NOT NULL REFERENCES institutions(id),
  cluster_id            bigint NOT NULL REFERENCES clusters(id),
  version_no            integer NOT NULL CHECK (version_no > 0),
  rules                 jsonb NOT NULL,
  effective_from_cohort integer NOT NULL CHECK (effective_from_cohort BETWEEN 2000 AND 2100),
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'approved', 'superseded', 'discarded')),
  origin                text NOT NULL DEFAULT 'edited' CHECK (origin IN ('edited', 'defaults', 'migrated', 'seeded')),
  note                  text,
  revision              integer NOT NULL DEFAULT 1,
  -- Everyone who created, changed, restored or submitted the version: none of them may approve it.
  authors               bigint[] NOT NULL DEFAULT '{}',
  created_by            bigint REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_by            bigint REFERENCES users(id),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  submitted_by          bigint REFERENCES users(id),
  submitted_at          timestamptz,
  approved_by           bigint REFERENCES users(id),
  approved_at           timestamptz,
  review_comment        text,
  superseded_by_id      bigint REFERENCES credit_rule_versions(id),
  superseded_at         timestamptz,
  UNIQUE (cluster_id, version_no),
  CHECK (status <> 'pending' OR submitted_at IS NOT NULL),
  CHECK (status NOT IN ('approved', 'superseded') OR approved_at IS NOT NULL),
  CHECK (approved_by IS NULL OR NOT (approved_by = ANY (authors)))
);
-- One version open for editing or approval per cluster, and one approved version per starting cohort.
CREATE UNIQUE INDEX credit_rule_versions_open ON credit_rule_versions (cluster_id) WHERE status IN ('draft', 'pending');
CREATE UNIQUE INDEX credit_rule_versions_in_force ON credit_rule_versions (cluster_id, effective_from_cohort) WHERE status = 'approved';

-- The one rule set a cluster had becomes its version 1, in force for every cohort, as it was.
INSERT INTO credit_rule_versions
  (institution_id, cluster_id, version_no, rules, effective_from_cohort, status, origin, note,
   authors, created_by, created_at, updated_by, updated_at, approved_at)
SELECT institution_id, cluster_id, 1, rules, 2000, 'approved', 'migrated', '升级前的学分结构规则 / rules in use before versioning',
       CASE WHEN updated_by IS NULL THEN '{}'::bigint[] ELSE ARRAY[updated_by] END, updated_by, updated_at, updated_by, updated_at, updated_at
FROM credit_rule_sets;

ALTER TABLE programmes ADD COLUMN credit_rule_version_id bigint REFERENCES credit_rule_versions(id);
-- Programmes already submitted, approved or published keep the rules they were checked under.
UPDATE programmes p SET credit_rule_version_id = v.id
FROM credit_rule_versions v
WHERE v.cluster_id = p.cluster_id AND p.status <> 'draft';

DROP TABLE credit_rule_sets;
