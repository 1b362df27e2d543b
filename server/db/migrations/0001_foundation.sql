-- Sitong foundation: platform (accounts, roles, audit, imports, indicators) and org (cluster data model).
-- Every table holding an institution's data carries institution_id, so the schema can later be
-- distributed by institution (Citus). Alliances and institutions themselves are reference tables.

CREATE TABLE alliances (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('vocational_group', 'city_consortium', 'industry_community')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE institutions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alliance_id   bigint REFERENCES alliances(id),
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  short_name    text,
  kind          text NOT NULL CHECK (kind IN ('higher_vocational', 'technician_college', 'secondary_vocational',
                                              'undergraduate', 'enterprise', 'government_park', 'industry_association')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE departments (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  code           text NOT NULL,
  name           text NOT NULL,
  kind           text NOT NULL DEFAULT 'department' CHECK (kind IN ('department', 'secondary_college', 'campus_unit')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);

CREATE TABLE clusters (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  code           text NOT NULL,
  name           text NOT NULL,
  formed_on      text,
  description    text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);

CREATE TABLE professional_groups (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  cluster_id      bigint REFERENCES clusters(id),
  code            text NOT NULL,
  name            text NOT NULL,
  short_name      text,
  department_id   bigint REFERENCES departments(id),
  core_major_code text,
  industry_chain  text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);
CREATE INDEX professional_groups_cluster ON professional_groups (cluster_id);

CREATE TABLE majors (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id        bigint NOT NULL REFERENCES institutions(id),
  code                  text NOT NULL CHECK (code ~ '^[0-9]{6}$'),
  name                  text NOT NULL,
  department_id         bigint REFERENCES departments(id),
  group_id              bigint REFERENCES professional_groups(id),
  level                 text NOT NULL DEFAULT 'higher_vocational'
                        CHECK (level IN ('secondary_vocational', 'higher_vocational', 'undergraduate', 'technician')),
  first_enrolment_year  integer CHECK (first_enrolment_year BETWEEN 1949 AND 2100),
  status                text NOT NULL DEFAULT 'enrolling' CHECK (status IN ('enrolling', 'suspended', 'revoked')),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);
CREATE INDEX majors_group ON majors (group_id);

CREATE TABLE major_status_history (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  major_id       bigint NOT NULL REFERENCES majors(id),
  from_status    text,
  to_status      text NOT NULL,
  effective_year integer,
  reason         text,
  changed_by     bigint,
  changed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX major_status_history_major ON major_status_history (major_id, changed_at);

CREATE TABLE terms (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  code           text NOT NULL CHECK (code ~ '^[0-9]{4}-[0-9]{4}-[12]$'),
  academic_year  text NOT NULL,
  term_no        integer NOT NULL CHECK (term_no IN (1, 2)),
  starts_on      date NOT NULL,
  ends_on        date NOT NULL,
  CHECK (ends_on > starts_on),
  UNIQUE (institution_id, code)
);

CREATE TABLE teachers (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id    bigint NOT NULL REFERENCES institutions(id),
  staff_no          text NOT NULL,
  name              text NOT NULL,
  gender            text CHECK (gender IN ('M', 'F')),
  department_id     bigint REFERENCES departments(id),
  home_group_id     bigint REFERENCES professional_groups(id),
  title             text,
  is_dual_qualified boolean NOT NULL DEFAULT false,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left', 'retired')),
  id_number_enc     text,
  id_number_masked  text,
  id_number_hash    text,
  phone_enc         text,
  phone_masked      text,
  phone_hash        text,
  email             text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, staff_no)
);
CREATE INDEX teachers_group ON teachers (institution_id, home_group_id);
CREATE INDEX teachers_list ON teachers (institution_id, staff_no) INCLUDE (name, home_group_id, status);

CREATE TABLE classes (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  code            text NOT NULL,
  name            text NOT NULL,
  major_id        bigint NOT NULL REFERENCES majors(id),
  cohort_year     integer NOT NULL CHECK (cohort_year BETWEEN 1990 AND 2100),
  head_teacher_id bigint REFERENCES teachers(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);
CREATE INDEX classes_major ON classes (major_id);

CREATE TABLE students (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id   bigint NOT NULL REFERENCES institutions(id),
  student_no       text NOT NULL,
  name             text NOT NULL,
  gender           text CHECK (gender IN ('M', 'F')),
  cohort_year      integer NOT NULL CHECK (cohort_year BETWEEN 1990 AND 2100),
  major_id         bigint NOT NULL REFERENCES majors(id),
  class_id         bigint REFERENCES classes(id),
  status           text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'suspended', 'graduated', 'withdrawn')),
  id_number_enc    text,
  id_number_masked text,
  id_number_hash   text,
  phone_enc        text,
  phone_masked     text,
  phone_hash       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, student_no)
);
CREATE INDEX students_major ON students (institution_id, major_id, student_no);
-- The roster is paged in student-number order and filtered on these columns: with them in the index,
-- counts and filtered pages are index-only scans that never touch the wide rows (encrypted PII).
CREATE INDEX students_list ON students (institution_id, student_no) INCLUDE (name, major_id, class_id, cohort_year, status);
CREATE INDEX students_class ON students (class_id);
CREATE INDEX students_id_hash ON students (id_number_hash);

CREATE TABLE enterprise_contacts (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  name           text NOT NULL,
  position       text,
  phone_enc      text,
  phone_masked   text,
  email          text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Accounts, roles, sessions ----------------------------------------------------------------

CREATE TABLE users (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username              text NOT NULL UNIQUE,
  display_name          text NOT NULL,
  password_hash         text NOT NULL,
  institution_id        bigint REFERENCES institutions(id),
  teacher_id            bigint REFERENCES teachers(id),
  student_id            bigint REFERENCES students(id),
  enterprise_contact_id bigint REFERENCES enterprise_contacts(id),
  locale                text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  disabled              boolean NOT NULL DEFAULT false,
  failed_login_count    integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  password_changed_at   timestamptz NOT NULL DEFAULT now(),
  created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_grants (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id        bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role           text NOT NULL CHECK (role IN ('admin', 'academic_affairs', 'advisory_member', 'group_lead', 'major_lead',
                                               'lab_manager', 'teacher', 'supervisor', 'student', 'enterprise_partner',
                                               'evaluator')),
  scope_type     text NOT NULL CHECK (scope_type IN ('alliance', 'institution', 'cluster', 'group', 'major')),
  scope_id       bigint NOT NULL,
  institution_id bigint REFERENCES institutions(id),
  granted_by     bigint,
  granted_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, role, scope_type, scope_id)
);
CREATE INDEX role_grants_user ON role_grants (user_id);

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Append-only audit log ------------------------------------------------------------------------

CREATE TABLE audit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_user_id  bigint,
  actor_name     text,
  action         text NOT NULL,
  entity         text NOT NULL,
  entity_id      text,
  institution_id bigint,
  summary        text,
  before         jsonb,
  after          jsonb,
  ip             text,
  request_id     text
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- Spreadsheet imports ---------------------------------------------------------------------------

CREATE TABLE import_batches (
  id             text PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  entity         text NOT NULL,
  file_name      text,
  file_sha256    text NOT NULL,
  status         text NOT NULL DEFAULT 'previewed' CHECK (status IN ('previewed', 'committed', 'discarded')),
  row_count      integer NOT NULL,
  rows           jsonb NOT NULL,
  errors         jsonb NOT NULL,
  summary        jsonb NOT NULL,
  created_by     bigint NOT NULL REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  committed_at   timestamptz
);
CREATE INDEX import_batches_institution ON import_batches (institution_id, created_at DESC);

-- Indicator registry -----------------------------------------------------------------------------

CREATE TABLE indicators (
  key               text PRIMARY KEY,
  module            text NOT NULL,
  name_zh           text NOT NULL,
  name_en           text NOT NULL,
  dimension         text NOT NULL,
  unit              text NOT NULL,
  unit_types        text[] NOT NULL,
  monitoring_source text NOT NULL,
  default_target    numeric NOT NULL,
  default_comparison text NOT NULL CHECK (default_comparison IN ('>=', '<=')),
  definition_zh     text NOT NULL,
  definition_en     text NOT NULL,
  computable        boolean NOT NULL,
  registered_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE indicator_targets (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  cluster_id     bigint NOT NULL REFERENCES clusters(id),
  period         text NOT NULL,
  indicator_key  text NOT NULL REFERENCES indicators(key),
  target         numeric NOT NULL,
  comparison     text NOT NULL CHECK (comparison IN ('>=', '<=')),
  bands          jsonb NOT NULL,
  updated_by     bigint,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cluster_id, period, indicator_key)
);

CREATE TABLE measurements (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  indicator_key  text NOT NULL REFERENCES indicators(key),
  unit_type      text NOT NULL CHECK (unit_type IN ('cluster', 'group', 'major', 'teacher')),
  unit_id        bigint NOT NULL,
  period         text NOT NULL,
  value          numeric NOT NULL,
  inputs         jsonb NOT NULL,
  target         numeric,
  comparison     text,
  level          text,
  computed_by    bigint,
  computed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measurements_lookup ON measurements (indicator_key, unit_type, unit_id, period, computed_at DESC);

CREATE TABLE app_meta (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);
