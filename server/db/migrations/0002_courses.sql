-- 课程体系贯通: course pool with versions, training programmes, offerings, selection, grades;
-- and the platform's transactional event outbox (modules publish inside their own transaction).

CREATE TABLE domain_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  type           text NOT NULL,
  aggregate      text NOT NULL,
  aggregate_id   text NOT NULL,
  -- The same fact is published once: a retry of the same write cannot add a second event.
  dedupe_key     text NOT NULL UNIQUE,
  payload        jsonb NOT NULL,
  occurred_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_events_type ON domain_events (type, id);

CREATE TABLE credit_rule_sets (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  cluster_id     bigint NOT NULL UNIQUE REFERENCES clusters(id),
  rules          jsonb NOT NULL,
  updated_by     bigint REFERENCES users(id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE courses (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id     bigint NOT NULL REFERENCES institutions(id),
  cluster_id         bigint NOT NULL REFERENCES clusters(id),
  code               text NOT NULL,
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
  current_version_no integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);

CREATE TABLE course_versions (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id     bigint NOT NULL REFERENCES institutions(id),
  course_id          bigint NOT NULL REFERENCES courses(id),
  version_no         integer NOT NULL CHECK (version_no >= 1),
  name               text NOT NULL,
  name_en            text,
  credits            numeric(4,1) NOT NULL CHECK (credits > 0 AND credits <= 40),
  theory_hours       integer NOT NULL CHECK (theory_hours >= 0),
  practice_hours     integer NOT NULL CHECK (practice_hours >= 0),
  assessment         text NOT NULL CHECK (assessment IN ('exam', 'assessment')),
  layer              text NOT NULL CHECK (layer IN ('shared', 'core', 'extension')),
  module_type        text NOT NULL CHECK (module_type IN ('ideology_culture', 'professional', 'extension', 'innovation')),
  owner_group_id     bigint REFERENCES professional_groups(id),
  certificate_codes  text[] NOT NULL DEFAULT '{}',
  prerequisite_codes text[] NOT NULL DEFAULT '{}',
  description        text,
  created_by         bigint REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (course_id, version_no),
  CHECK ((layer = 'shared') = (owner_group_id IS NULL)),
  CHECK (theory_hours + practice_hours > 0)
);
CREATE INDEX course_versions_owner ON course_versions (owner_group_id);

CREATE TABLE programmes (
  id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id            bigint NOT NULL REFERENCES institutions(id),
  cluster_id                bigint NOT NULL REFERENCES clusters(id),
  major_id                  bigint NOT NULL REFERENCES majors(id),
  group_id                  bigint NOT NULL REFERENCES professional_groups(id),
  cohort_year               integer NOT NULL CHECK (cohort_year BETWEEN 1990 AND 2100),
  name                      text NOT NULL,
  graduation_credits        numeric(5,1) NOT NULL CHECK (graduation_credits > 0),
  elective_credits_required numeric(4,1) NOT NULL DEFAULT 0 CHECK (elective_credits_required >= 0),
  status                    text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'published')),
  revision                  integer NOT NULL DEFAULT 1,
  copied_from_id            bigint REFERENCES programmes(id),
  submitted_by              bigint REFERENCES users(id),
  submitted_at              timestamptz,
  reviewed_by               bigint REFERENCES users(id),
  reviewed_at               timestamptz,
  review_comment            text,
  published_by              bigint REFERENCES users(id),
  published_at              timestamptz,
  created_by                bigint REFERENCES users(id),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  UNIQUE (major_id, cohort_year)
);
CREATE INDEX programmes_group ON programmes (group_id, cohort_year);

CREATE TABLE programme_courses (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id    bigint NOT NULL REFERENCES institutions(id),
  programme_id      bigint NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  course_id         bigint NOT NULL REFERENCES courses(id),
  course_version_id bigint NOT NULL REFERENCES course_versions(id),
  term_no           integer NOT NULL CHECK (term_no BETWEEN 1 AND 12),
  is_elective       boolean NOT NULL DEFAULT false,
  UNIQUE (programme_id, course_id)
);
CREATE INDEX programme_courses_course ON programme_courses (course_id);

CREATE TABLE selection_windows (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  term_id        bigint NOT NULL REFERENCES terms(id),
  name           text NOT NULL,
  mode           text NOT NULL CHECK (mode IN ('first_come', 'lottery')),
  cohort_years   integer[] NOT NULL,
  opens_at       timestamptz NOT NULL,
  closes_at      timestamptz NOT NULL,
  drop_deadline  timestamptz NOT NULL,
  credit_cap     numeric(4,1) NOT NULL CHECK (credit_cap > 0),
  max_choices    integer NOT NULL DEFAULT 5 CHECK (max_choices BETWEEN 1 AND 20),
  max_courses    integer NOT NULL DEFAULT 2 CHECK (max_courses BETWEEN 1 AND 20),
  waitlist_limit integer NOT NULL DEFAULT 30 CHECK (waitlist_limit >= 0),
  lottery_seed   text,
  inputs_hash    text,
  result_hash    text,
  -- Seats per section and the preferences the draw used, so anyone can re-run it from the seed.
  draw_snapshot  jsonb,
  drawn_by       bigint REFERENCES users(id),
  drawn_at       timestamptz,
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (opens_at < closes_at AND drop_deadline >= opens_at)
);

CREATE TABLE sections (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id    bigint NOT NULL REFERENCES institutions(id),
  term_id           bigint NOT NULL REFERENCES terms(id),
  course_id         bigint NOT NULL REFERENCES courses(id),
  course_version_id bigint NOT NULL REFERENCES course_versions(id),
  window_id         bigint REFERENCES selection_windows(id),
  code              text NOT NULL,
  capacity          integer NOT NULL CHECK (capacity >= 0),
  -- Seats are claimed with one conditional UPDATE; the CHECK makes over-capacity impossible even
  -- for a write that forgets the condition.
  enrolled_count    integer NOT NULL DEFAULT 0 CHECK (enrolled_count >= 0 AND enrolled_count <= capacity),
  waitlist_count    integer NOT NULL DEFAULT 0 CHECK (waitlist_count >= 0),
  waitlist_seq      bigint NOT NULL DEFAULT 0,
  room              text,
  grade_scheme      text NOT NULL DEFAULT 'percent' CHECK (grade_scheme IN ('percent', 'five_level', 'pass_fail')),
  grades_published_at timestamptz,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (term_id, code)
);
CREATE INDEX sections_window ON sections (window_id);
CREATE INDEX sections_course ON sections (course_id, term_id);

CREATE TABLE section_teachers (
  institution_id bigint NOT NULL REFERENCES institutions(id),
  section_id     bigint NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  teacher_id     bigint NOT NULL REFERENCES teachers(id),
  PRIMARY KEY (section_id, teacher_id)
);
CREATE INDEX section_teachers_teacher ON section_teachers (teacher_id);

CREATE TABLE section_classes (
  institution_id bigint NOT NULL REFERENCES institutions(id),
  section_id     bigint NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  class_id       bigint NOT NULL REFERENCES classes(id),
  PRIMARY KEY (section_id, class_id)
);

CREATE TABLE section_meetings (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  section_id     bigint NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  weekday        integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  first_period   integer NOT NULL CHECK (first_period BETWEEN 1 AND 14),
  last_period    integer NOT NULL CHECK (last_period BETWEEN 1 AND 14),
  first_week     integer NOT NULL CHECK (first_week BETWEEN 1 AND 30),
  last_week      integer NOT NULL CHECK (last_week BETWEEN 1 AND 30),
  CHECK (first_period <= last_period AND first_week <= last_week)
);
CREATE INDEX section_meetings_section ON section_meetings (section_id);

CREATE TABLE enrolments (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  section_id     bigint NOT NULL REFERENCES sections(id),
  course_id      bigint NOT NULL REFERENCES courses(id),
  term_id        bigint NOT NULL REFERENCES terms(id),
  student_id     bigint NOT NULL REFERENCES students(id),
  status         text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'dropped')),
  waitlist_seq   bigint,
  source         text NOT NULL CHECK (source IN ('first_come', 'lottery', 'promotion', 'assigned')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL))
);
-- One active place (enrolled or waitlisted) per student and course in a term: no double enrolment.
CREATE UNIQUE INDEX enrolments_one_active ON enrolments (student_id, course_id, term_id) WHERE status IN ('enrolled', 'waitlisted');
CREATE INDEX enrolments_section ON enrolments (section_id, status, waitlist_seq);
CREATE INDEX enrolments_student ON enrolments (student_id, term_id);

-- The answer given to each submission, so that a retry with the same request id gets the same answer.
CREATE TABLE selection_requests (
  institution_id bigint NOT NULL REFERENCES institutions(id),
  student_id     bigint NOT NULL REFERENCES students(id),
  request_id     text NOT NULL,
  action         text NOT NULL,
  section_id     bigint NOT NULL,
  response       jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (student_id, request_id)
);

CREATE TABLE selection_preferences (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  window_id      bigint NOT NULL REFERENCES selection_windows(id),
  student_id     bigint NOT NULL REFERENCES students(id),
  rank           integer NOT NULL CHECK (rank BETWEEN 1 AND 20),
  section_id     bigint NOT NULL REFERENCES sections(id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (window_id, student_id, rank),
  UNIQUE (window_id, student_id, section_id)
);

CREATE TABLE grades (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id bigint NOT NULL REFERENCES institutions(id),
  section_id     bigint NOT NULL REFERENCES sections(id),
  student_id     bigint NOT NULL REFERENCES students(id),
  course_id      bigint NOT NULL REFERENCES courses(id),
  term_id        bigint NOT NULL REFERENCES terms(id),
  scheme         text NOT NULL CHECK (scheme IN ('percent', 'five_level', 'pass_fail')),
  score          numeric(4,1) CHECK (score BETWEEN 0 AND 100),
  level          text,
  passed         boolean NOT NULL,
  credits        numeric(4,1) NOT NULL,
  entered_by     bigint REFERENCES users(id),
  entered_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (section_id, student_id)
);
CREATE INDEX grades_student ON grades (student_id);

-- Credits on the student's record: one row per passed course (a retake that passes again adds nothing).
CREATE TABLE earned_credits (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id    bigint NOT NULL REFERENCES institutions(id),
  student_id        bigint NOT NULL REFERENCES students(id),
  course_id         bigint NOT NULL REFERENCES courses(id),
  course_version_id bigint NOT NULL REFERENCES course_versions(id),
  term_id           bigint NOT NULL REFERENCES terms(id),
  grade_id          bigint NOT NULL REFERENCES grades(id),
  credits           numeric(4,1) NOT NULL CHECK (credits > 0),
  layer             text NOT NULL,
  cross_group       boolean NOT NULL,
  earned_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (student_id, course_id)
);
