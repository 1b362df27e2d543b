-- The selection batch's read, planned once per connection (issue 12, selection under real conditions).
--
-- courses_selection_states (migration 0004) joined the requests to org_student_profile, which the
-- planner inlined and, estimating 100 requests for any jsonb array, answered with a hash join over
-- every student: a fixed ~2 ms per batch on PostgreSQL with 4,000 students (and ~1.5 ms in PGlite with
-- 12,000) before the first request was read. The profile is now looked up per request (a LIMIT in the
-- lateral subquery keeps it from being flattened into that join); the answer is the same.
CREATE OR REPLACE FUNCTION courses_selection_states(p_requests jsonb)
RETURNS TABLE (ord integer, profile json, programme json, current json, passed json, prior json)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  WITH r AS (
    SELECT x.ord::integer AS ord, (x.item->>'student')::bigint AS student_id, (x.item->>'term')::bigint AS term_id, x.item->>'request' AS request_id
    FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS x(item, ord)
  )
  SELECT r.ord, row_to_json(p),
    (SELECT json_build_object('courseIds', coalesce((SELECT json_agg(pc.course_id) FROM programme_courses pc WHERE pc.programme_id = pr.id), '[]'::json))
     FROM programmes pr WHERE pr.major_id = p.major_id AND pr.cohort_year = p.cohort_year AND pr.status = 'published'),
    (SELECT coalesce(json_agg(json_build_object(
       'id', e.id, 'section_id', e.section_id, 'course_id', e.course_id, 'status', e.status, 'waitlist_seq', e.waitlist_seq,
       'credits', cv.credits, 'course_name', cv.name,
       'meetings', (SELECT json_agg(json_build_object('weekday', m.weekday, 'firstPeriod', m.first_period, 'lastPeriod', m.last_period, 'firstWeek', m.first_week, 'lastWeek', m.last_week))
                    FROM section_meetings m WHERE m.section_id = e.section_id))), '[]'::json)
     FROM enrolments e JOIN sections s ON s.id = e.section_id JOIN course_versions cv ON cv.id = s.course_version_id
     WHERE e.student_id = r.student_id AND e.term_id = r.term_id AND e.status IN ('enrolled', 'waitlisted')),
    (SELECT coalesce(json_agg(c.code), '[]'::json) FROM earned_credits ec JOIN courses c ON c.id = ec.course_id WHERE ec.student_id = r.student_id),
    (SELECT json_build_object('action', q.action, 'section_id', q.section_id, 'response', q.response) FROM selection_requests q
     WHERE q.student_id = r.student_id AND q.request_id = r.request_id)
  FROM r LEFT JOIN LATERAL (SELECT * FROM org_student_profile(r.student_id) LIMIT 1) p ON true
  ORDER BY r.ord;
END
$$;

-- A selection batch's first read, under the students' locks: each request's state (as above) and, on
-- the first row, the places of the sections asked for (no row lock: a section already full, waitlist
-- included, is answered without queueing behind the claims still taking its places). As a function
-- its plan is made once per connection; the same text sent with each batch was planned each time.
CREATE FUNCTION courses_selection_batch(p_requests jsonb, p_sections jsonb)
RETURNS TABLE (ord integer, profile json, programme json, current json, passed json, prior json, seats json)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT st.ord, st.profile, st.programme, st.current, st.passed, st.prior,
    CASE WHEN st.ord = 1 THEN (
      SELECT json_agg(json_build_object('id', s.id, 'status', s.status, 'capacity', s.capacity, 'enrolled', s.enrolled_count, 'waiting', s.waitlist_count))
      FROM sections s WHERE s.id = ANY (ARRAY(SELECT jsonb_array_elements_text(p_sections)::bigint))) END
  FROM courses_selection_states(p_requests) st
  ORDER BY st.ord;
END
$$;

-- The plans of these two functions are made once per connection and kept. Made while selection_requests
-- was still empty (the first minutes of a window), they read it by a sequential scan and kept doing so
-- as it grew to tens of thousands of answers: measured on PGlite, a 50-request batch went from 4 ms to
-- 270 ms. Every lookup in them has an index, so they are planned with sequential scans ruled out.
ALTER FUNCTION courses_selection_states(jsonb) SET enable_seqscan = off;
ALTER FUNCTION courses_selection_batch(jsonb, jsonb) SET enable_seqscan = off;
