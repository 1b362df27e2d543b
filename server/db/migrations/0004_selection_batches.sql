-- Selections go to the database in batches (one transaction for the submissions that arrived
-- together, see platform/batch-queue.ts). These functions read and claim for a whole batch; a
-- batch of one is the quiet case. They replace the one-student functions of migration 0003.

DROP FUNCTION courses_selection_state(bigint, bigint, text);
DROP FUNCTION courses_claim_seat(bigint, integer, bigint, bigint, bigint, bigint, jsonb, jsonb, jsonb, text, bigint, text, text, text, text, text);

-- For each {student, term, request} of p_requests (ord = its 1-based place): everything a selection
-- decides on, read under the students' locks: profile, published programme, active places in the
-- term (credits, meetings), passed course codes, and the answer already given to this request id.
CREATE FUNCTION courses_selection_states(p_requests jsonb)
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
  FROM r LEFT JOIN LATERAL org_student_profile(r.student_id) p ON true
  ORDER BY r.ord;
END
$$;

-- Claims for a batch, in (section, student) order so that batches lock sections in one order. Each
-- claim takes a seat, else a waitlist place, else gets "full". The section row is locked first, so
-- its counts are current; the sections CHECK (enrolled_count <= capacity) backs the rule up. The
-- places, their audit entries and every answer (p_remember: answers decided without a claim) are
-- then written set-wise, one statement each for the whole batch (gathered in arrays, which PL/pgSQL
-- appends to in place). Returns [{ord, answer}]; a claim whose section is not open any more has no
-- entry (nothing written for it).
CREATE FUNCTION courses_claim_seats(p_claims jsonb, p_remember jsonb)
RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  claim record;
  target record;
  answers jsonb[] := '{}';
  answered jsonb[] := '{}';
  places jsonb[] := '{}';
  answer jsonb;
  place_status text;
  place_seq bigint;
  place_position integer;
BEGIN
  FOR claim IN
    SELECT * FROM jsonb_to_recordset(p_claims) AS c(
      ord integer, section bigint, waitlist_limit integer, institution bigint, course bigint, term bigint, student bigint,
      enrolled jsonb, waitlisted jsonb, refused jsonb, request text, actor bigint, actor_name text, student_no text,
      course_name text, ip text, http_request text)
    ORDER BY c.section, c.student
  LOOP
    place_status := NULL;
    place_seq := NULL;
    place_position := NULL;
    SELECT s.capacity, s.enrolled_count, s.waitlist_count, s.waitlist_seq INTO target
    FROM sections s WHERE s.id = claim.section AND s.status = 'open' FOR UPDATE;
    CONTINUE WHEN NOT FOUND;
    IF target.enrolled_count < target.capacity THEN
      UPDATE sections SET enrolled_count = enrolled_count + 1, updated_at = now() WHERE id = claim.section;
      place_status := 'enrolled';
      answer := claim.enrolled;
    ELSIF target.waitlist_count < claim.waitlist_limit THEN
      place_position := target.waitlist_count + 1;
      place_seq := target.waitlist_seq + 1;
      UPDATE sections SET waitlist_count = waitlist_count + 1, waitlist_seq = waitlist_seq + 1, updated_at = now() WHERE id = claim.section;
      place_status := 'waitlisted';
      answer := jsonb_set(jsonb_set(claim.waitlisted, '{position}', to_jsonb(place_position)), '{params,position}', to_jsonb(place_position));
    ELSE
      answer := claim.refused;
    END IF;
    answers := array_append(answers, jsonb_build_object('ord', claim.ord, 'answer', answer));
    answered := array_append(answered, jsonb_build_object(
      'institution', claim.institution, 'student', claim.student, 'request', claim.request, 'action', 'select', 'section', claim.section, 'answer', answer));
    IF place_status IS NOT NULL THEN
      places := array_append(places, jsonb_build_object(
        'institution', claim.institution, 'section', claim.section, 'course', claim.course, 'term', claim.term, 'student', claim.student,
        'status', place_status, 'seq', place_seq, 'position', place_position, 'actor', claim.actor, 'actor_name', claim.actor_name,
        'summary', claim.student_no || CASE place_status WHEN 'enrolled' THEN ' 选中《' ELSE ' 候补《' END || claim.course_name || '》',
        'ip', claim.ip, 'http_request', claim.http_request));
    END IF;
  END LOOP;
  WITH wanted AS (
    SELECT p.* FROM unnest(places) AS item, jsonb_to_record(item) AS p(
      institution bigint, section bigint, course bigint, term bigint, student bigint, status text, seq bigint, position integer,
      actor bigint, actor_name text, summary text, ip text, http_request text)
  ), placed AS (
    INSERT INTO enrolments (institution_id, section_id, course_id, term_id, student_id, status, waitlist_seq, source)
    SELECT w.institution, w.section, w.course, w.term, w.student, w.status, w.seq, 'first_come' FROM wanted w
    RETURNING id, section_id, student_id
  )
  INSERT INTO audit_log (actor_user_id, actor_name, action, entity, entity_id, institution_id, summary, after, ip, request_id)
  SELECT w.actor, w.actor_name, CASE w.status WHEN 'enrolled' THEN 'selection.enrol' ELSE 'selection.waitlist' END, 'enrolment', placed.id::text,
         w.institution, w.summary, jsonb_build_object('sectionId', w.section, 'status', w.status, 'position', w.position), w.ip, w.http_request
  FROM placed JOIN wanted w ON w.section = placed.section_id AND w.student = placed.student_id;
  INSERT INTO selection_requests (institution_id, student_id, request_id, action, section_id, response)
  SELECT a.institution, a.student, a.request, a.action, a.section, a.answer
  FROM (SELECT unnest(answered) UNION ALL SELECT jsonb_array_elements(coalesce(p_remember, '[]'::jsonb))) AS item(value),
    jsonb_to_record(item.value) AS a(institution bigint, student bigint, request text, action text, section bigint, answer jsonb);
  RETURN to_jsonb(answers);
END
$$;

-- An enrolment's institution, term and course are its section's: one composite key says so, where
-- four separate keys allowed a place whose course was not its section's (and cost four checks on
-- every insert of a rush instead of one).
ALTER TABLE sections ADD CONSTRAINT sections_identity UNIQUE (id, institution_id, term_id, course_id);
ALTER TABLE enrolments
  DROP CONSTRAINT enrolments_institution_id_fkey,
  DROP CONSTRAINT enrolments_section_id_fkey,
  DROP CONSTRAINT enrolments_course_id_fkey,
  DROP CONSTRAINT enrolments_term_id_fkey,
  ADD CONSTRAINT enrolments_section_fkey FOREIGN KEY (section_id, institution_id, term_id, course_id)
    REFERENCES sections (id, institution_id, term_id, course_id);
