-- Notifications: one place that sends. A module calls notify(recipients, kind, payload, dedupeKey);
-- the notification is written once (the dedupe key is unique), every recipient gets an inbox row, and
-- each further channel (e-mail by the person's preference, group robots of the scope) gets a delivery
-- row that the delivery worker sends, retries with backoff and logs.

-- Where a person's e-mail goes (set by an administrator or by the person in 通知设置).
ALTER TABLE users ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');

CREATE TABLE notifications (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id  bigint REFERENCES institutions(id),
  kind            text NOT NULL,
  -- The same fact is announced once: a second notify with this key sends nothing.
  dedupe_key      text NOT NULL UNIQUE,
  title_zh        text NOT NULL,
  title_en        text NOT NULL,
  body_zh         text NOT NULL,
  body_en         text NOT NULL,
  link            text CHECK (link IS NULL OR link ~ '^/'),
  payload         jsonb NOT NULL,
  -- As asked (users, or a role on a scope) and the scope robots are chosen by.
  recipients      jsonb NOT NULL,
  scope_type      text,
  scope_id        bigint,
  recipient_count integer NOT NULL DEFAULT 0,
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_kind ON notifications (kind, created_at DESC);

CREATE TABLE notification_inbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id  bigint NOT NULL REFERENCES notifications(id),
  user_id          bigint NOT NULL REFERENCES users(id),
  read_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (notification_id, user_id)
);
CREATE INDEX notification_inbox_user ON notification_inbox (user_id, id DESC);
CREATE INDEX notification_inbox_unread ON notification_inbox (user_id) WHERE read_at IS NULL;

-- SMTP (one per institution, or one for the whole platform when institution_id is null) and group
-- robots (企业微信, 钉钉, 飞书) bound to a scope. Secrets (the SMTP password, a robot's webhook address,
-- which carries its key, and its signing secret) are sealed with the server's master key, like PII.
CREATE TABLE notification_channels (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  institution_id  bigint REFERENCES institutions(id),
  kind            text NOT NULL CHECK (kind IN ('smtp', 'wecom', 'dingtalk', 'feishu')),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  enabled         boolean NOT NULL DEFAULT true,
  config          jsonb NOT NULL,
  secret_sealed   text,
  webhook_sealed  text,
  scope_type      text CHECK (scope_type IS NULL OR scope_type IN ('alliance', 'institution', 'cluster', 'group', 'major')),
  scope_id        bigint,
  kinds           text[] NOT NULL DEFAULT '{}',
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'smtp') = (scope_type IS NULL)),
  CHECK ((scope_type IS NULL) = (scope_id IS NULL)),
  CHECK (kind = 'smtp' OR webhook_sealed IS NOT NULL)
);
CREATE UNIQUE INDEX notification_channels_one_smtp ON notification_channels (coalesce(institution_id, 0)) WHERE kind = 'smtp';
CREATE INDEX notification_channels_robots ON notification_channels (scope_type, scope_id) WHERE kind <> 'smtp';

CREATE TABLE notification_deliveries (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id  bigint NOT NULL REFERENCES notifications(id),
  channel          text NOT NULL CHECK (channel IN ('email', 'wecom', 'dingtalk', 'feishu')),
  channel_id       bigint NOT NULL REFERENCES notification_channels(id),
  user_id          bigint REFERENCES users(id),
  address          text,
  locale           text NOT NULL DEFAULT 'zh-CN',
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  locked_until     timestamptz,
  deferred_reason  text,
  last_error       text,
  sent_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((channel = 'email') = (user_id IS NOT NULL))
);
CREATE UNIQUE INDEX notification_deliveries_email ON notification_deliveries (notification_id, user_id) WHERE channel = 'email';
CREATE UNIQUE INDEX notification_deliveries_robot ON notification_deliveries (notification_id, channel_id) WHERE channel <> 'email';
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX notification_deliveries_recent ON notification_deliveries (status, updated_at DESC);

-- A person's choices: e-mail per kind (kind → on/off, absent: the kind's default) and quiet hours
-- (minutes after midnight, Beijing time; e-mail due inside them waits until they end).
CREATE TABLE notification_preferences (
  user_id      bigint PRIMARY KEY REFERENCES users(id),
  email_kinds  jsonb NOT NULL DEFAULT '{}',
  quiet_start  smallint CHECK (quiet_start BETWEEN 0 AND 1439),
  quiet_end    smallint CHECK (quiet_end BETWEEN 0 AND 1439),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)),
  CHECK (quiet_start IS NULL OR quiet_start <> quiet_end)
);
