-- Verifiable transcripts (可验证学分证明): Open Badges 3.0 credentials for granted learning outcomes,
-- signed with an institution's Ed25519 key, revocable through a Bitstring Status List.

-- An institution's signing keys. The newest active one signs; earlier ones stay published so that what
-- they signed still verifies. The private key (PKCS#8) is sealed with the server's master key.
CREATE TABLE credential_signing_keys (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id        bigint NOT NULL REFERENCES institutions(id),
  key_no                integer NOT NULL CHECK (key_no > 0),
  public_key_multibase  text NOT NULL CHECK (public_key_multibase ~ '^z6Mk[1-9A-HJ-NP-Za-km-z]+$'),
  private_key_sealed    text NOT NULL,
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_at            timestamptz NOT NULL DEFAULT now(),
  retired_at            timestamptz,
  UNIQUE (institution_id, key_no),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
-- One active key per institution: two first issues at the same moment create one key.
CREATE UNIQUE INDEX credential_signing_keys_active ON credential_signing_keys (institution_id) WHERE status = 'active';

-- Status lists (Bitstring Status List v1.0, purpose revocation). A list hands out its positions in the
-- order (start + n × stride) mod size: every position once (size a power of two, stride odd), yet
-- neighbouring credentials do not sit side by side, so a position tells little about when it was issued.
CREATE TABLE credential_status_lists (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  purpose         text NOT NULL DEFAULT 'revocation' CHECK (purpose = 'revocation'),
  size            integer NOT NULL DEFAULT 131072 CHECK (size >= 131072 AND (size & (size - 1)) = 0),
  next_index      integer NOT NULL DEFAULT 0 CHECK (next_index >= 0 AND next_index <= size),
  start_index     integer NOT NULL CHECK (start_index >= 0 AND start_index < size),
  stride          integer NOT NULL CHECK (stride > 0 AND stride < size AND stride % 2 = 1),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credential_status_lists_open ON credential_status_lists (institution_id, created_at) WHERE next_index < size;

-- One credential per learning outcome, issued once and returned again on every later request. Whether it
-- is revoked is not stored here: it is derived from the ledger (a reversal of the outcome).
CREATE TABLE issued_credentials (
  id              uuid PRIMARY KEY,
  institution_id  bigint NOT NULL REFERENCES institutions(id),
  student_id      bigint NOT NULL REFERENCES students(id),
  outcome_id      bigint NOT NULL REFERENCES learning_outcomes(id),
  status_list_id  uuid NOT NULL REFERENCES credential_status_lists(id),
  status_index    integer NOT NULL CHECK (status_index >= 0),
  signing_key_id  bigint NOT NULL REFERENCES credential_signing_keys(id),
  credential      jsonb NOT NULL,
  issued_by       bigint REFERENCES users(id),
  issued_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, outcome_id),
  UNIQUE (institution_id, status_list_id, status_index)
);
CREATE INDEX issued_credentials_student ON issued_credentials (student_id);
CREATE INDEX issued_credentials_outcome ON issued_credentials (outcome_id);
