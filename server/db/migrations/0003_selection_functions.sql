-- Server-side functions for the selection hot path. Their statements are planned once per
-- connection (PL/pgSQL caches plans), where the same text sent as SQL would be planned on every
-- call: for a rush that planning was most of the database's work. The TypeScript rules still
-- decide eligibility; these functions only read the state and claim the seat atomically.

-- org's read interface for hot paths: one student's profile row (the org module owns this text).
CREATE FUNCTION org_student_profile(p_student bigint)
RETURNS TABLE (id bigint, institution_id bigint, student_no text, name text, cohort_year integer, major_id bigint,
               group_id bigint, cluster_id bigint, class_id bigint, status text)
LANGUAGE sql STABLE AS $$
  SELECT s.id, s.institution_id, s.student_no, s.name, s.cohort_year, s.major_id, m.group_id, g.cluster_id, s.class_id, s.status
  FROM students s JOIN majors m ON m.id = s.major_id LEFT JOIN professional_groups g ON g.id = m.group_id
  WHERE s.id = p_student
$$;

-- Everything one selection decides on, read under the student's lock: profile, published programme,
-- active places in the term (credits, meetings), passed course codes, and the answer already given
-- to this request id.
CREATE FUNCTION courses_selection_state(p_student bigint, p_term bigint, p_request text)
RETURNS TABLE (profile json, programme json, current json, passed json, prior json)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  WITH p AS (SELECT * FROM org_student_profile(p_student))
  SELECT row_to_json(p),
    (SELECT json_build_object('courseIds', coalesce((SELECT json_agg(pc.course_id) FROM programme_courses pc WHERE pc.programme_id = pr.id), '[]'::json))
     FROM programmes pr WHERE pr.major_id = p.major_id AND pr.cohort_year = p.cohort_year AND pr.status = 'published'),
    (SELECT coalesce(json_agg(json_build_object(
       'id', e.id, 'section_id', e.section_id, 'course_id', e.course_id, 'status', e.status, 'waitlist_seq', e.waitlist_seq,
       'credits', cv.credits, 'course_name', cv.name,
       'meetings', (SELECT json_agg(json_build_object('weekday', m.weekday, 'firstPeriod', m.first_period, 'lastPeriod', m.last_period, 'firstWeek', m.first_week, 'lastWeek', m.last_week))
                    FROM section_meetings m WHERE m.section_id = e.section_id))), '[]'::json)
     FROM enrolments e JOIN sections s ON s.id = e.section_id JOIN course_versions cv ON cv.id = s.course_version_id
     WHERE e.student_id = p_student AND e.term_id = p_term AND e.status IN ('enrolled', 'waitlisted')),
    (SELECT coalesce(json_agg(c.code), '[]'::json) FROM earned_credits ec JOIN courses c ON c.id = ec.course_id WHERE ec.student_id = p_student),
    (SELECT json_build_object('action', r.action, 'section_id', r.section_id, 'response', r.response) FROM selection_requests r
     WHERE r.student_id = p_student AND r.request_id = p_request)
  FROM p;
END
$$;

-- Claims a seat, else a waitlist place, else answers "full"; records the place, the answer for the
-- request id and the audit entry. The section row is locked first, so its counts are current; the
-- sections CHECK (enrolled_count <= capacity) backs the rule up. Returns the answer, or NULL when the
-- section is not open (nothing written).
CREATE FUNCTION courses_claim_seat(
  p_section bigint, p_waitlist_limit integer, p_institution bigint, p_course bigint, p_term bigint, p_student bigint,
  p_enrolled jsonb, p_waitlisted jsonb, p_full jsonb, p_request text,
  p_actor bigint, p_actor_name text, p_student_no text, p_course_name text, p_ip text, p_http_request text)
RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  target record;
  answer jsonb;
  placed bigint;
  place_status text;
  place_position integer;
BEGIN
  SELECT s.capacity, s.enrolled_count, s.waitlist_count, s.waitlist_seq INTO target
  FROM sections s WHERE s.id = p_section AND s.status = 'open' FOR UPDATE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF target.enrolled_count < target.capacity THEN
    UPDATE sections SET enrolled_count = enrolled_count + 1, updated_at = now() WHERE id = p_section;
    INSERT INTO enrolments (institution_id, section_id, course_id, term_id, student_id, status, waitlist_seq, source)
    VALUES (p_institution, p_section, p_course, p_term, p_student, 'enrolled', NULL, 'first_come') RETURNING id INTO placed;
    place_status := 'enrolled';
    answer := p_enrolled;
  ELSIF target.waitlist_count < p_waitlist_limit THEN
    place_position := target.waitlist_count + 1;
    UPDATE sections SET waitlist_count = waitlist_count + 1, waitlist_seq = waitlist_seq + 1, updated_at = now() WHERE id = p_section;
    INSERT INTO enrolments (institution_id, section_id, course_id, term_id, student_id, status, waitlist_seq, source)
    VALUES (p_institution, p_section, p_course, p_term, p_student, 'waitlisted', target.waitlist_seq + 1, 'first_come') RETURNING id INTO placed;
    place_status := 'waitlisted';
    answer := jsonb_set(jsonb_set(p_waitlisted, '{position}', to_jsonb(place_position)), '{params,position}', to_jsonb(place_position));
  ELSE
    answer := p_full;
  END IF;
  INSERT INTO selection_requests (institution_id, student_id, request_id, action, section_id, response)
  VALUES (p_institution, p_student, p_request, 'select', p_section, answer);
  IF placed IS NOT NULL THEN
    INSERT INTO audit_log (actor_user_id, actor_name, action, entity, entity_id, institution_id, summary, after, ip, request_id)
    VALUES (p_actor, p_actor_name, CASE place_status WHEN 'enrolled' THEN 'selection.enrol' ELSE 'selection.waitlist' END, 'enrolment', placed::text,
            p_institution, p_student_no || CASE place_status WHEN 'enrolled' THEN ' 选中《' ELSE ' 候补《' END || p_course_name || '》',
            jsonb_build_object('sectionId', p_section, 'status', place_status, 'position', place_position), p_ip, p_http_request);
  END IF;
  RETURN answer;
END
$$;

-- A seat claim rewrites the section row: room on its page lets PostgreSQL update it in place
-- (a HOT update, no index entries), which matters when hundreds of claims hit 200 rows.
ALTER TABLE sections SET (fillfactor = 70);
-- Active places of a student are found through the partial unique index (student_id, course_id,
-- term_id); this second index only cost every insert an extra entry.
DROP INDEX enrolments_student;
