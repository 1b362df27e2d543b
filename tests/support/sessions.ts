import crypto from 'node:crypto';

type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface SeededSession {
  studentId: number;
  userId: number;
  cookie: string;
  csrfToken: string;
}

/**
 * Student accounts with open sessions, written straight to the database: a rush needs thousands
 * of logged-in students, and argon2 logins one by one would dominate the run. The sessions are
 * the same rows a real login writes (sha256 of the token, a CSRF token, an expiry).
 */
export async function seedStudentSessions(query: Query, studentIds: number[]): Promise<SeededSession[]> {
  const sessions: SeededSession[] = [];
  const chunk = 1000;
  for (let start = 0; start < studentIds.length; start += chunk) {
    const ids = studentIds.slice(start, start + chunk);
    // A student has one account at most: those who already have one (a demo login) get a session on it.
    const found = await query<{ id: number; student_id: number }>(
      `
      WITH inserted AS (
        INSERT INTO users (username, display_name, password_hash, institution_id, student_id)
        SELECT 'rush-' || s.student_no, s.name, 'no-password-login', s.institution_id, s.id FROM students s
        WHERE s.id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM users u WHERE u.student_id = s.id)
        ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name
        RETURNING id, student_id
      )
      SELECT id, student_id FROM inserted
      UNION ALL SELECT id, student_id FROM users WHERE student_id = ANY($1::bigint[])`,
      [ids],
    );
    // In the order asked for (the students who had an account come back last from the query).
    const position = new Map(ids.map((id, index) => [Number(id), index]));
    const users = found.sort((a, b) => position.get(Number(a.student_id))! - position.get(Number(b.student_id))!);
    await query(
      `
      INSERT INTO role_grants (user_id, role, scope_type, scope_id, institution_id)
      SELECT u.id, 'student', 'major', s.major_id, s.institution_id FROM users u JOIN students s ON s.id = u.student_id WHERE u.id = ANY($1::bigint[])
      ON CONFLICT DO NOTHING`,
      [users.map((user) => user.id)],
    );
    const rows = users.map((user) => ({
      user,
      token: crypto.randomBytes(32).toString('base64url'),
      csrf: crypto.randomBytes(24).toString('base64url'),
    }));
    await query(
      `
      INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
      SELECT unnest($1::text[]), unnest($2::bigint[]), unnest($3::text[]), now() + interval '1 day'`,
      [
        rows.map((row) => crypto.createHash('sha256').update(row.token).digest('hex')),
        rows.map((row) => row.user.id),
        rows.map((row) => row.csrf),
      ],
    );
    for (const row of rows)
      sessions.push({
        studentId: Number(row.user.student_id),
        userId: Number(row.user.id),
        cookie: `sitong_session=${row.token}`,
        csrfToken: row.csrf,
      });
  }
  return sessions;
}
