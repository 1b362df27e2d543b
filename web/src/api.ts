/**
 * The web app's API: every call goes through the typed client (web/src/api/client.ts), whose paths,
 * parameters, bodies and answers come from the server's OpenAPI document (generated schema.d.ts), and
 * every type name below is taken from it (web/src/api/types.ts). Requests carry the session cookie
 * (same origin), the UI language as Accept-Language and, for state-changing methods, the CSRF token
 * that the server set in the readable `sitong_csrf` cookie.
 */
import { client, unwrap } from './api/client.ts';
import type {
  Bands,
  Body as RequestBody,
  CertificateMapping,
  ClaimAction,
  ClaimInput,
  ImportReviewStatus,
  LedgerCategory,
  MajorStatus,
  ProgrammeAction,
  ProgrammeChoice,
  Query,
  RuleSetInput,
  StageCriteria,
} from './api/types.ts';

export type * from './api/types.ts';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentLanguage = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;

export function setApiLanguage(language: string) {
  currentLanguage = language;
}
export function apiLanguage(): string {
  return currentLanguage;
}
/** Tells the app that the session is gone (it sends the user to /login). */
export function notifyUnauthorized() {
  unauthorizedHandler?.();
}
/** Called on any 401 from an API other than login itself (the app sends the user to /login). */
export function onUnauthorized(handler: (() => void) | null) {
  unauthorizedHandler = handler;
}

/** The CSRF token the server set: `__Host-sitong_csrf` on https, `sitong_csrf` otherwise. */
export function readCsrfCookie(): string | null {
  return readCookie('__Host-sitong_csrf') ?? readCookie('sitong_csrf');
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** A multipart body with one file (imports, grade sheets). */
function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}
const asForm = (form: FormData) => ({ body: form as never, bodySerializer: (body: unknown) => body as FormData });

export const api = {
  login: (username: string, password: string) => unwrap(client.POST('/api/auth/login', { body: { username, password } })),
  logout: () => unwrap(client.POST('/api/auth/logout')),
  me: () => unwrap(client.GET('/api/auth/me')),
  changePassword: (currentPassword: string, newPassword: string) =>
    unwrap(client.POST('/api/auth/password', { body: { currentPassword, newPassword } })),
  setupStatus: () => unwrap(client.GET('/api/public/setup')),
  signInOptions: () => unwrap(client.GET('/api/public/sign-in-options')),
  identityProviders: () => unwrap(client.GET('/api/identity-providers')),
  createIdentityProvider: (body: RequestBody<'/api/identity-providers', 'post'>) =>
    unwrap(client.POST('/api/identity-providers', { body })),
  updateIdentityProvider: (id: number, body: RequestBody<'/api/identity-providers/{id}', 'patch'>) =>
    unwrap(client.PATCH('/api/identity-providers/{id}', { params: { path: { id } }, body })),
  setLocalLogin: (institutionId: number, localLogin: boolean) =>
    unwrap(client.PUT('/api/sign-in-settings/{id}', { params: { path: { id: institutionId } }, body: { localLogin } })),
  completeSetup: (body: { token: string; username: string; displayName?: string | null; password: string; allianceName?: string | null }) =>
    unwrap(client.POST('/api/public/setup', { body })),

  firstPassword: (newPassword: string) => unwrap(client.POST('/api/auth/first-password', { body: { newPassword } })),

  users: (query: Query<'/api/users'>) => unwrap(client.GET('/api/users', { params: { query } })),
  user: (id: number) => unwrap(client.GET('/api/users/{id}', { params: { path: { id } } })),
  createUser: (body: RequestBody<'/api/users', 'post'>) => unwrap(client.POST('/api/users', { body })),
  updateUser: (id: number, body: RequestBody<'/api/users/{id}', 'patch'>) =>
    unwrap(client.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
  disableUser: (id: number, reason?: string) =>
    unwrap(client.POST('/api/users/{id}/disable', { params: { path: { id } }, body: { reason: reason ?? null } })),
  enableUser: (id: number) => unwrap(client.POST('/api/users/{id}/enable', { params: { path: { id } }, body: {} })),
  unlockUser: (id: number) => unwrap(client.POST('/api/users/{id}/unlock', { params: { path: { id } } })),
  resetUser: (id: number) => unwrap(client.POST('/api/users/{id}/reset', { params: { path: { id } } })),
  grantRole: (id: number, body: RequestBody<'/api/users/{id}/grants', 'post'>) =>
    unwrap(client.POST('/api/users/{id}/grants', { params: { path: { id } }, body })),
  revokeGrant: (id: number, grantId: number) =>
    unwrap(client.DELETE('/api/users/{id}/grants/{grantId}', { params: { path: { id, grantId } } })),
  provisionAccounts: (body: RequestBody<'/api/accounts/provision', 'post'>) => unwrap(client.POST('/api/accounts/provision', { body })),
  institutions: () => unwrap(client.GET('/api/institutions')),
  createInstitution: (body: RequestBody<'/api/institutions', 'post'>) => unwrap(client.POST('/api/institutions', { body })),
  departments: () => unwrap(client.GET('/api/departments')),
  createDepartment: (body: RequestBody<'/api/departments', 'post'>) => unwrap(client.POST('/api/departments', { body })),
  createCluster: (body: RequestBody<'/api/clusters', 'post'>) => unwrap(client.POST('/api/clusters', { body })),
  createGroup: (body: RequestBody<'/api/groups', 'post'>) => unwrap(client.POST('/api/groups', { body })),
  createMajor: (body: RequestBody<'/api/majors', 'post'>) => unwrap(client.POST('/api/majors', { body })),
  updateDepartment: (id: number, body: RequestBody<'/api/departments/{id}', 'patch'>) =>
    unwrap(client.PATCH('/api/departments/{id}', { params: { path: { id } }, body })),
  updateCluster: (id: number, body: RequestBody<'/api/clusters/{id}', 'patch'>) =>
    unwrap(client.PATCH('/api/clusters/{id}', { params: { path: { id } }, body })),
  updateGroup: (id: number, body: RequestBody<'/api/groups/{id}', 'patch'>) =>
    unwrap(client.PATCH('/api/groups/{id}', { params: { path: { id } }, body })),
  updateMajor: (id: number, body: RequestBody<'/api/majors/{id}', 'patch'>) =>
    unwrap(client.PATCH('/api/majors/{id}', { params: { path: { id } }, body })),
  classes: (query: Query<'/api/classes'>) => unwrap(client.GET('/api/classes', { params: { query } })),

  clusterTree: () => unwrap(client.GET('/api/cluster-tree')),
  major: (id: number) => unwrap(client.GET('/api/majors/{id}', { params: { path: { id } } })),
  changeMajorStatus: (id: number, body: { status: MajorStatus; reason?: string; effectiveYear?: number }) =>
    unwrap(client.POST('/api/majors/{id}/status', { params: { path: { id } }, body })),

  students: (query: Query<'/api/students'>) => unwrap(client.GET('/api/students', { params: { query } })),
  student: (id: number) => unwrap(client.GET('/api/students/{id}', { params: { path: { id } } })),
  teachers: (query: Query<'/api/teachers'>) => unwrap(client.GET('/api/teachers', { params: { query } })),
  revealStudent: (id: number, field: 'idNumber' | 'phone') =>
    unwrap(client.POST('/api/students/{id}/reveal', { params: { path: { id } }, body: { field } })),
  majors: () => unwrap(client.GET('/api/majors')),
  myStudent: (reveal = false) => unwrap(client.GET('/api/me/student', { params: { query: { reveal: reveal ? 'true' : undefined } } })),

  importEntities: () => unwrap(client.GET('/api/imports')),
  previewImport: (entity: string, file: File) =>
    unwrap(client.POST('/api/imports/{entity}/preview', { params: { path: { entity } }, ...asForm(fileForm(file)) })),
  importChanges: (batchId: string, offset: number, limit: number) =>
    unwrap(client.GET('/api/imports/batches/{id}/changes', { params: { path: { id: batchId }, query: { offset, limit } } })),
  commitImport: (batchId: string) => unwrap(client.POST('/api/imports/batches/{id}/commit', { params: { path: { id: batchId } } })),

  indicators: () => unwrap(client.GET('/api/indicators')),
  targets: (clusterId: number, period: string) =>
    unwrap(client.GET('/api/clusters/{clusterId}/indicator-targets', { params: { path: { clusterId }, query: { period } } })),
  setTarget: (clusterId: number, key: string, body: { period: string; target: number; comparison: '>=' | '<='; bands?: Bands }) =>
    unwrap(client.PUT('/api/clusters/{clusterId}/indicator-targets/{key}', { params: { path: { clusterId, key } }, body })),
  measure: (body: { indicatorKey: string; unitType: 'cluster' | 'group' | 'major'; unitId: number; period: string }) =>
    unwrap(client.POST('/api/measurements', { body })),

  audit: (query: Query<'/api/audit'>) => unwrap(client.GET('/api/audit', { params: { query } })),
  auditActions: () => unwrap(client.GET('/api/audit/actions')),

  terms: () => unwrap(client.GET('/api/terms')),
  createTerm: (body: RequestBody<'/api/terms', 'post'>) => unwrap(client.POST('/api/terms', { body })),
  updateTerm: (id: number, body: RequestBody<'/api/terms/{id}', 'patch'>) =>
    unwrap(client.PATCH('/api/terms/{id}', { params: { path: { id } }, body })),

  courses: (query: Query<'/api/courses'>) => unwrap(client.GET('/api/courses', { params: { query } })),
  course: (id: number) => unwrap(client.GET('/api/courses/{id}', { params: { path: { id } } })),
  courseDiff: (id: number, from: number, to: number) =>
    unwrap(client.GET('/api/courses/{id}/diff', { params: { path: { id }, query: { from, to } } })),
  creditRules: (clusterId: number) => unwrap(client.GET('/api/clusters/{id}/credit-rules', { params: { path: { id: clusterId } } })),

  programmes: (query: Query<'/api/programmes'>) => unwrap(client.GET('/api/programmes', { params: { query } })),
  programme: (id: number) => unwrap(client.GET('/api/programmes/{id}', { params: { path: { id } } })),
  createProgramme: (body: { majorId: number; cohortYear: number; graduationCredits: number; electiveCreditsRequired?: number }) =>
    unwrap(client.POST('/api/programmes', { body })),
  saveProgramme: (id: number, body: RequestBody<'/api/programmes/{id}', 'put'>) =>
    unwrap(client.PUT('/api/programmes/{id}', { params: { path: { id } }, body })),
  deleteProgramme: (id: number, revision?: number) =>
    unwrap(client.DELETE('/api/programmes/{id}', { params: { path: { id }, query: { revision } } })),
  previewCopy: (id: number, body: RequestBody<'/api/programmes/{id}/copy/preview'>) =>
    unwrap(client.POST('/api/programmes/{id}/copy/preview', { params: { path: { id } }, body })),
  checkProgramme: (id: number, body: { courses: ProgrammeChoice[]; graduationCredits?: number; electiveCreditsRequired?: number }) =>
    unwrap(client.POST('/api/programmes/{id}/check', { params: { path: { id } }, body })),
  transitionProgramme: (id: number, action: ProgrammeAction, comment?: string) =>
    unwrap(client.POST('/api/programmes/{id}/transitions', { params: { path: { id } }, body: { action, comment } })),
  copyProgramme: (id: number, body: RequestBody<'/api/programmes/{id}/copy'>) =>
    unwrap(client.POST('/api/programmes/{id}/copy', { params: { path: { id } }, body })),
  compareProgrammes: (left: number, right: number) => unwrap(client.GET('/api/programmes/compare', { params: { query: { left, right } } })),

  sections: (query: Query<'/api/sections'>) => unwrap(client.GET('/api/sections', { params: { query } })),
  section: (id: number) => unwrap(client.GET('/api/sections/{id}', { params: { path: { id } } })),
  roster: (sectionId: number) => unwrap(client.GET('/api/sections/{id}/roster', { params: { path: { id: sectionId } } })),
  selectionWindows: () => unwrap(client.GET('/api/selection-windows')),
  selectionWindow: (id: number) => unwrap(client.GET('/api/selection-windows/{id}', { params: { path: { id } } })),
  drawWindow: (id: number, seed?: string) =>
    unwrap(client.POST('/api/selection-windows/{id}/draw', { params: { path: { id } }, body: seed ? { seed } : {} })),
  verifyDraw: (id: number) => unwrap(client.GET('/api/selection-windows/{id}/draw/verify', { params: { path: { id } } })),
  submitPreferences: (windowId: number, sectionIds: number[]) =>
    unwrap(client.PUT('/api/selection-windows/{id}/preferences', { params: { path: { id: windowId } }, body: { sectionIds } })),

  mySelection: () => unwrap(client.GET('/api/me/selection')),
  selectSection: (sectionId: number, requestId: string) => unwrap(client.POST('/api/me/selections', { body: { sectionId, requestId } })),
  dropSection: (sectionId: number, requestId: string) => unwrap(client.POST('/api/me/selections/drop', { body: { sectionId, requestId } })),
  myTimetable: (termId?: number) => unwrap(client.GET('/api/me/timetable', { params: { query: { termId } } })),
  myProgress: () => unwrap(client.GET('/api/me/progress')),

  gradeBook: (sectionId: number) => unwrap(client.GET('/api/sections/{id}/grades', { params: { path: { id: sectionId } } })),
  saveGrades: (sectionId: number, entries: { studentNo: string; grade: string | number }[]) =>
    unwrap(client.PUT('/api/sections/{id}/grades', { params: { path: { id: sectionId } }, body: { entries } })),
  uploadGrades: (sectionId: number, file: File) =>
    unwrap(client.POST('/api/sections/{id}/grades/upload', { params: { path: { id: sectionId } }, ...asForm(fileForm(file)) })),
  publishGrades: (sectionId: number) => unwrap(client.POST('/api/sections/{id}/grades/publish', { params: { path: { id: sectionId } } })),
};

/** A file a POST answers with (e.g. the transcript PDF): its bytes and the name the server gave it; a refusal as an ApiError. */
async function downloadPost(path: '/api/me/creditbank/transcript'): Promise<{ blob: Blob; fileName: string }> {
  const answer = client.POST(path, { parseAs: 'blob' });
  const blob = (await unwrap(answer)) as unknown as Blob;
  const disposition = (await answer).response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  return { blob, fileName: encoded ? decodeURIComponent(encoded) : 'download' };
}

/** Links for downloads (plain anchors; the browser sends the session cookie, `lang` picks the file's language). */
export const downloads = {
  template: (entity: string) => `/api/imports/${encodeURIComponent(entity)}/template.xlsx?lang=${currentLanguage}`,
  errors: (batchId: string) => `/api/imports/batches/${batchId}/errors.xlsx?lang=${currentLanguage}`,
  export: (entity: string) => `/api/exports/${encodeURIComponent(entity)}?lang=${currentLanguage}`,
  programme: (id: number, format: 'xlsx' | 'docx') => `/api/programmes/${id}/export.${format}?lang=${currentLanguage}`,
  gradeSheet: (sectionId: number) => `/api/sections/${sectionId}/grades.xlsx?lang=${currentLanguage}`,
  /** The filtered student or teacher list (every page), numbers masked. */
  peopleList: (kind: 'students' | 'teachers', filter: Record<string, string | number | boolean | undefined>) =>
    `/api/${kind}/export.xlsx?${new URLSearchParams(
      Object.entries({ ...filter, lang: currentLanguage }).flatMap(([key, value]) =>
        value === undefined || value === '' ? [] : [[key, String(value)]],
      ),
    ).toString()}`,
};

/**
 * A fresh id for one selection click. The same id is sent again on a retry, so the server answers
 * the retry with the first answer instead of acting twice.
 */
export function newRequestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts; getRandomValues works everywhere.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export const measurementsApi = {
  latest: (query: Query<'/api/measurements'>) => unwrap(client.GET('/api/measurements', { params: { query } })),
  recompute: (clusterId: number, period: string) =>
    unwrap(client.POST('/api/clusters/{clusterId}/indicators/recompute', { params: { path: { clusterId } }, body: { period } })),
};

// ---- Credit bank (学分银行): catalogue, claims, conversion rules, ledger, credentials, apprentice pathway

export const creditbankApi = {
  pathwaySettings: (clusterId: number) =>
    unwrap(client.GET('/api/creditbank/clusters/{id}/pathway', { params: { path: { id: clusterId } } })),
  savePathwaySettings: (clusterId: number, stages: StageCriteria[], revision: number) =>
    unwrap(client.PUT('/api/creditbank/clusters/{id}/pathway', { params: { path: { id: clusterId } }, body: { stages, revision } })),
  certificates: (clusterId?: number) => unwrap(client.GET('/api/creditbank/certificates', { params: { query: { clusterId } } })),
  setMappings: (certificateId: number, mappings: CertificateMapping[]) =>
    unwrap(client.PUT('/api/creditbank/certificates/{id}/mappings', { params: { path: { id: certificateId } }, body: { mappings } })),
  competitions: () => unwrap(client.GET('/api/creditbank/competitions')),

  ruleSets: (clusterId: number) => unwrap(client.GET('/api/creditbank/clusters/{id}/rules', { params: { path: { id: clusterId } } })),
  createRuleDraft: (clusterId: number, body: RuleSetInput) =>
    unwrap(client.POST('/api/creditbank/clusters/{id}/rules', { params: { path: { id: clusterId } }, body })),
  updateRuleDraft: (ruleSetId: number, body: RuleSetInput) =>
    unwrap(client.PUT('/api/creditbank/rules/{id}', { params: { path: { id: ruleSetId } }, body })),
  approveRuleSet: (ruleSetId: number) => unwrap(client.POST('/api/creditbank/rules/{id}/approve', { params: { path: { id: ruleSetId } } })),

  submitClaim: (body: ClaimInput) => unwrap(client.POST('/api/creditbank/claims', { body })),
  claims: (query: Query<'/api/creditbank/claims'>) => unwrap(client.GET('/api/creditbank/claims', { params: { query } })),
  claim: (id: number) => unwrap(client.GET('/api/creditbank/claims/{id}', { params: { path: { id } } })),
  reviewClaim: (id: number, action: ClaimAction, note?: string | null, expected?: { credits: number; category: LedgerCategory }) =>
    unwrap(
      client.POST('/api/creditbank/claims/{id}/{action}', { params: { path: { id, action } }, body: { note: note || null, expected } }),
    ),
  checkClaim: (query: Query<'/api/creditbank/claims/check'>) => unwrap(client.GET('/api/creditbank/claims/check', { params: { query } })),
  grantPreview: (id: number) => unwrap(client.GET('/api/creditbank/claims/{id}/grant-preview', { params: { path: { id } } })),
  settings: () => unwrap(client.GET('/api/creditbank/settings')),
  saveSettings: (fourEyes: boolean, revision: number) => unwrap(client.PUT('/api/creditbank/settings', { body: { fourEyes, revision } })),
  /** The transcript PDF (a POST: exporting issues the credentials on it); the file as a Blob with its name. */
  exportTranscript: () => downloadPost('/api/me/creditbank/transcript'),
  publicTranscript: (token: string) => unwrap(client.GET('/api/public/transcripts/{token}', { params: { path: { token } } })),

  importReviews: (query: { status?: ImportReviewStatus; page?: number; pageSize?: number }) =>
    unwrap(client.GET('/api/creditbank/import-reviews', { params: { query } })),
  matchImportReview: (id: number, studentId: number, note?: string | null) =>
    unwrap(client.POST('/api/creditbank/import-reviews/{id}/match', { params: { path: { id } }, body: { studentId, note: note || null } })),
  dismissImportReview: (id: number, note: string) =>
    unwrap(client.POST('/api/creditbank/import-reviews/{id}/dismiss', { params: { path: { id } }, body: { note } })),

  myAccount: () => unwrap(client.GET('/api/me/creditbank')),
  studentAccount: (studentId: number) =>
    unwrap(client.GET('/api/creditbank/students/{id}/account', { params: { path: { id: studentId } } })),
  verifyLedger: () => unwrap(client.GET('/api/creditbank/ledger/verify')),

  myCredentials: () => unwrap(client.GET('/api/me/creditbank/credentials')),
  issueCredential: (outcomeId: number) =>
    unwrap(client.POST('/api/creditbank/outcomes/{id}/credential', { params: { path: { id: outcomeId } } })),
  /** The credential file (a plain link: the browser sends the session cookie). */
  credentialUrl: (credentialId: string) => `/api/creditbank/credentials/${encodeURIComponent(credentialId)}`,

  myPathway: () => unwrap(client.GET('/api/me/creditbank/pathway')),
  studentPathway: (studentId: number) =>
    unwrap(client.GET('/api/creditbank/students/{id}/pathway', { params: { path: { id: studentId } } })),
  pathwayDistribution: (clusterId: number) =>
    unwrap(client.GET('/api/creditbank/clusters/{id}/pathway/distribution', { params: { path: { id: clusterId } } })),
};
