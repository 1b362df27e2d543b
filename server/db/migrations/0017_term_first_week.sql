-- The Monday of teaching week 1 (第一教学周周一) of each term: weeks are counted from it, not from the
-- term's first day. Existing terms get the first Monday on or after their start.
ALTER TABLE terms ADD COLUMN first_week_starts_on date;
UPDATE terms SET first_week_starts_on = starts_on + ((8 - extract(isodow FROM starts_on)::int) % 7);
ALTER TABLE terms ALTER COLUMN first_week_starts_on SET NOT NULL;
ALTER TABLE terms ADD CONSTRAINT terms_first_week_monday CHECK (extract(isodow FROM first_week_starts_on) = 1);
-- Within the term: checked for every new or changed row. NOT VALID so that an existing term too short to
-- hold a Monday does not stop the upgrade (the API refuses such a term).
ALTER TABLE terms ADD CONSTRAINT terms_first_week_within CHECK (first_week_starts_on BETWEEN starts_on AND ends_on) NOT VALID;
