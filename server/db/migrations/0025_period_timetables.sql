-- The period timetable (作息时间表) of an institution: when each teaching period (节次) begins and ends,
-- as [{period, startsAt, endsAt}] in Beijing time. An institution without a row uses the defaults of
-- server/modules/courses/timetable.ts. Students' timetables and their .ics export read it.
CREATE TABLE period_timetables (
  institution_id bigint PRIMARY KEY REFERENCES institutions(id),
  periods        jsonb NOT NULL,
  updated_by     bigint REFERENCES users(id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
