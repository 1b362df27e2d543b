-- The preview lists old → new per field, and the commit refuses when what it would do moved since.
ALTER TABLE import_batches ADD COLUMN changes jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE import_batches ADD COLUMN plan_digests jsonb NOT NULL DEFAULT '{}'::jsonb;
