-- Attachments: one file store for every module. A file is uploaded first (staged, visible only to whoever
-- uploaded it), then linked to the record it belongs to (a credit-bank claim now; equipment photos,
-- observation photos, teachers' evidence and report figures next) inside that module's write. The bytes
-- are kept once per content hash (under DATA_DIR or in an S3-compatible bucket); this table says who may
-- read them, through the record's owner.
CREATE TABLE attachments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id bigint REFERENCES institutions(id),
  purpose       text NOT NULL,
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  content_type  text NOT NULL,
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  owner_type    text,
  owner_id      bigint,
  uploaded_by   bigint NOT NULL REFERENCES users(id),
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  linked_at     timestamptz,
  CHECK ((owner_type IS NULL) = (owner_id IS NULL)),
  CHECK ((owner_type IS NULL) = (linked_at IS NULL)),
  CHECK (owner_type IS NULL OR owner_type = purpose)
);
CREATE INDEX attachments_owner ON attachments (owner_type, owner_id);
CREATE INDEX attachments_staged ON attachments (uploaded_at) WHERE owner_type IS NULL;
CREATE INDEX attachments_sha ON attachments (sha256);
