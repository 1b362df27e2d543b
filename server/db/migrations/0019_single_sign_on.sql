-- 统一身份认证: an institution's identity providers (OpenID Connect or CAS 3.0), the sign-ins under way,
-- whether its people may still sign in with a password, and which provider opened a session.
CREATE TABLE identity_providers (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id    bigint NOT NULL REFERENCES institutions(id),
  protocol          text NOT NULL CHECK (protocol IN ('oidc', 'cas')),
  name              text NOT NULL,
  name_en           text,
  -- OpenID Connect: the issuer (discovery at issuer/.well-known/openid-configuration), the client and its scopes.
  issuer            text,
  client_id         text,
  client_secret_sealed text,
  scopes            text NOT NULL DEFAULT 'openid profile',
  -- CAS: the server prefix (…/login, …/p3/serviceValidate, …/logout under it).
  cas_url           text,
  -- The claim (OIDC) or attribute (CAS; `user` = cas:user) that carries the 学号 / 工号, i.e. the user name here.
  account_claim     text NOT NULL,
  enabled           boolean NOT NULL DEFAULT true,
  created_by        bigint,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (protocol <> 'oidc' OR (issuer IS NOT NULL AND client_id IS NOT NULL)),
  CHECK (protocol <> 'cas' OR cas_url IS NOT NULL)
);
CREATE INDEX identity_providers_institution ON identity_providers (institution_id);

-- A sign-in sent to a provider and not back yet: its state, PKCE verifier and nonce (used once, short-lived).
CREATE TABLE sso_logins (
  state_hash     text PRIMARY KEY,
  provider_id    bigint NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
  code_verifier  text,
  nonce          text,
  return_to      text NOT NULL DEFAULT '/',
  expires_at     timestamptz NOT NULL
);

CREATE TABLE sign_in_settings (
  institution_id bigint PRIMARY KEY REFERENCES institutions(id),
  -- Off: the institution's people sign in through its identity providers only (administrators keep the password as a way in).
  local_login    boolean NOT NULL DEFAULT true,
  updated_by     bigint,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE sessions
  ADD COLUMN identity_provider_id bigint REFERENCES identity_providers(id) ON DELETE SET NULL,
  -- The provider's reference to this sign-in: the CAS service ticket (single logout names it) or the OIDC `sid`.
  ADD COLUMN sso_session text,
  -- Kept for RP-initiated logout (id_token_hint).
  ADD COLUMN id_token text;
CREATE INDEX sessions_sso_session ON sessions (identity_provider_id, sso_session) WHERE sso_session IS NOT NULL;
