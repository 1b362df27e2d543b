import type { Me } from '../api.ts';

/** What a page or menu entry needs: an action the person holds, and/or being a student. */
export interface Need {
  action?: string;
  /** Pages about the signed-in student's own records. */
  studentOnly?: boolean;
}

/** The one permission check of the web app (routes and menu use it; the server checks again). */
export function allowed(me: Me | null, need: Need): boolean {
  if (!me) return false;
  if (need.studentOnly && !me.studentId) return false;
  if (need.action && !me.actions.includes(need.action)) return false;
  return true;
}

/** Why a page is refused: the i18n key of the explanation. */
export function refusal(me: Me | null, need: Need): 'app.studentsOnly' | 'app.forbidden' {
  return need.studentOnly && !me?.studentId ? 'app.studentsOnly' : 'app.forbidden';
}
