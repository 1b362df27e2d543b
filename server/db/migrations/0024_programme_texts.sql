-- 人才培养方案 as a document: the text parts around the course table (入学要求, 修业年限, 培养目标,
-- 培养规格 — 素质/知识/能力, 毕业要求), edited in the builder and printed by the .docx export; and what a
-- copy to a new cohort could not carry over as it was (a retired course, a newer course version), kept
-- on the copy so the builder can show it.
ALTER TABLE programmes
  ADD COLUMN texts jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(texts) = 'object'),
  ADD COLUMN copy_report jsonb;

-- A draft copied from another draft keeps working when that draft is deleted.
ALTER TABLE programmes DROP CONSTRAINT programmes_copied_from_id_fkey;
ALTER TABLE programmes ADD CONSTRAINT programmes_copied_from_id_fkey
  FOREIGN KEY (copied_from_id) REFERENCES programmes(id) ON DELETE SET NULL;
