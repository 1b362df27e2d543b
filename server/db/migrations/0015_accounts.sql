-- 用户与权限: accounts provisioned from the roster get a one-time activation code (only its hash is kept)
-- instead of a password; the first sign-in with it must choose a password before anything else.
ALTER TABLE users ADD COLUMN activation_pending boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN created_by bigint REFERENCES users(id);
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX users_institution ON users (institution_id);
CREATE UNIQUE INDEX users_student ON users (student_id) WHERE student_id IS NOT NULL;
CREATE UNIQUE INDEX users_teacher ON users (teacher_id) WHERE teacher_id IS NOT NULL;

ALTER TABLE role_grants ADD COLUMN valid_from date;
ALTER TABLE role_grants ADD COLUMN valid_until date;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_validity CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until);
CREATE INDEX role_grants_scope ON role_grants (scope_type, scope_id);

ALTER TABLE sessions ADD COLUMN password_change_required boolean NOT NULL DEFAULT false;

CREATE TABLE activation_codes (
  user_id    bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  delivery   text NOT NULL CHECK (delivery IN ('sheet', 'screen', 'email')),
  expires_at timestamptz NOT NULL,
  issued_by  bigint REFERENCES users(id),
  issued_at  timestamptz NOT NULL DEFAULT now()
);
