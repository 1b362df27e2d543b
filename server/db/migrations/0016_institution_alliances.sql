-- An institution belongs to one or more alliances (行业产教融合共同体, 市域产教联合体), with its role in each.
CREATE TABLE institution_alliances (
  institution_id bigint NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
  alliance_id    bigint NOT NULL REFERENCES alliances(id) ON DELETE CASCADE,
  role           text NOT NULL DEFAULT 'member' CHECK (role IN ('lead', 'member')),
  joined_on      date,
  PRIMARY KEY (institution_id, alliance_id)
);
CREATE INDEX institution_alliances_alliance ON institution_alliances (alliance_id);
INSERT INTO institution_alliances (institution_id, alliance_id, role)
SELECT id, alliance_id, 'member' FROM institutions WHERE alliance_id IS NOT NULL;
