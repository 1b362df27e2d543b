/**
 * Typed client for the Sitong HTTP API. Every request carries the session cookie (same origin),
 * the UI language as Accept-Language and, for state-changing methods, the CSRF token that the
 * server set in the readable `sitong_csrf` cookie.
 */

export type Bilingual = { 'zh-CN': string; en: string };
export type MajorStatus = 'enrolling' | 'suspended' | 'revoked';

export interface Grant { role: string; type: string; id: number }
export interface Me {
  userId: number;
  username: string;
  displayName: string;
  institutionId: number | null;
  teacherId?: number | null;
  studentId?: number | null;
  grants: Grant[];
  csrfToken: string | null;
  actions: string[];
}

export interface MajorNode {
  id: number;
  code: string;
  name: string;
  status: MajorStatus;
  level: string;
  firstEnrolmentYear: number | null;
  students: number;
  groupId?: number | null;
  departmentId?: number | null;
}
export interface GroupNode {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  industryChain: string | null;
  coreMajorCode: string | null;
  students: number;
  teachers: number;
  dualQualifiedTeachers: number;
  majors: MajorNode[];
}
export interface ClusterNode {
  id: number;
  code: string;
  name: string;
  formedOn: string | null;
  description: string | null;
  majors: number;
  students: number;
  teachers: number;
  groups: GroupNode[];
}
export interface StatusChange { fromStatus: MajorStatus | null; toStatus: MajorStatus; effectiveYear: number | null; reason: string | null; changedAt: string }
export interface ClassRow { id: number; code: string; name: string; cohortYear: number }
export interface MajorDetail extends MajorNode { statusHistory: StatusChange[]; classes: ClassRow[] }

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }
export interface StudentRow {
  id: number; studentNo: string; name: string; gender: string | null; cohortYear: number;
  majorId?: number; majorCode: string; majorName: string; classId?: number | null; className: string | null;
  status: string; idNumber: string | null; phone: string | null;
}
export interface StudentDetail extends StudentRow { classCode?: string | null; piiRevealed: boolean }
export interface TeacherRow {
  id: number; staffNo: string; name: string; gender: string | null; title: string | null; isDualQualified: boolean;
  departmentName: string | null; homeGroupName: string | null; phone: string | null; idNumber: string | null; status: string;
}

export interface ImportColumn { key: string; header: Bilingual; required: boolean; kind: string; example: string }
export interface ImportEntity { entity: string; title: Bilingual; keyColumn: string; columns: ImportColumn[] }
export interface ImportSummary { total: number; valid: number; invalid: number; create: number; update: number; unchanged: number; notes?: Array<{ key: string; label: Bilingual; count: number }> }
export interface ImportRowError { row: number; column: string | null; columnLabel: string | null; reason: string }
export interface ImportBatch { id: string; entity: string; status: string; fileName: string; summary: ImportSummary; errors: ImportRowError[] }
export interface CommitResult { id: string; entity: string; status: string; summary: Partial<ImportSummary> }

export interface Indicator {
  key: string; module: string; name: Bilingual; dimension: string; unit: 'ratio' | 'count' | 'credits' | 'items';
  unitTypes: string[]; monitoringSource: Bilingual; defaultTarget: number; comparison: '>=' | '<=';
  definition: Bilingual; computable: boolean;
}
export interface Bands { yellow: number; orange: number }
export interface IndicatorTarget { indicatorKey: string; target: number; comparison: '>=' | '<='; bands: Bands; isDefault: boolean }
export type Level = 'met' | 'yellow' | 'orange' | 'red';
export interface Measurement { indicatorKey: string; value: number; level: Level; target?: number; inputs: Record<string, unknown>; computedAt?: string }

export interface AuditEntry {
  id: number; at: string; actorName: string | null; action: string; entity: string; entityId: string | null;
  summary: string; before: unknown; after: unknown; ip: string | null;
}
export interface AuditPage { items: AuditEntry[]; total: number; nextBeforeId: number | null }

// ---- Courses module: course pool, programmes, offerings, selection, grades

export type CourseLayer = 'shared' | 'core' | 'extension';
export type ModuleType = 'ideology_culture' | 'professional' | 'extension' | 'innovation';
export type CourseStatus = 'draft' | 'published' | 'retired';
export type ProgrammeStatus = 'draft' | 'submitted' | 'approved' | 'published';
export type ProgrammeAction = 'submit' | 'withdraw' | 'approve' | 'reject' | 'publish';
export type RuleStatus = 'ok' | 'missing' | 'over' | 'invalid';
export type WindowPhase = 'upcoming' | 'open' | 'awaiting_draw' | 'adjusting' | 'closed';
export type SelectionMode = 'first_come' | 'lottery';
export type GradeScheme = 'percent' | 'five_level' | 'pass_fail';

export interface CourseFields {
  name: string; nameEn: string | null; credits: number; theoryHours: number; practiceHours: number; assessment: 'exam' | 'assessment';
  layer: CourseLayer; moduleType: ModuleType; ownerGroupId: number | null; certificateCodes: string[]; prerequisiteCodes: string[]; description: string | null;
}
export interface Course extends CourseFields {
  id: number; code: string; clusterId: number; institutionId: number; status: CourseStatus; versionNo: number; versionId: number; hours: number; updatedAt: string;
}
export interface CourseVersion extends CourseFields { id: number; versionNo: number; createdAt: string; createdBy: number | null }
export interface CourseDetail extends Course { versions: CourseVersion[] }
export interface GroupRef { id: number; code: string; name: string; shortName: string | null }
export interface CoursePage extends Page<Course> { groups: GroupRef[] }
export interface FieldChange { field: string; from: unknown; to: unknown }
export interface CourseDiff { courseId: number; code: string; from: number; to: number; changes: FieldChange[] }

export interface CreditRules {
  sharedCourseCount: number; sharedCredits: number; coreCredits: number; crossGroupExtensionCredits: number; practiceShareMin: number;
  totalCreditsMin: number; totalCreditsMax: number; termCreditsMax: number; termCount: number;
}

export interface Programme {
  id: number; institutionId: number; clusterId: number; majorId: number; groupId: number; cohortYear: number; name: string;
  graduationCredits: number; electiveCreditsRequired: number; status: ProgrammeStatus; revision: number; copiedFromId: number | null;
  submittedBy: number | null; submittedAt: string | null; reviewedBy: number | null; reviewedAt: string | null; reviewComment: string | null;
  publishedBy: number | null; publishedAt: string | null; createdAt: string; updatedAt: string; statusLabel: Bilingual;
}
export interface ProgrammeListRow extends Programme { courseCount: number; requiredCredits: number }
export interface ProgrammeItem {
  id: number; courseId: number; courseVersionId: number; versionNo: number; latestVersionNo: number; code: string; name: string; nameEn: string | null;
  termNo: number; isElective: boolean; credits: number; theoryHours: number; practiceHours: number; assessment: string;
  layer: CourseLayer; moduleType: ModuleType; ownerGroupId: number | null; prerequisiteCodes: string[]; certificateCodes: string[];
}
export interface ProgrammeMetrics {
  totalCredits: number; requiredCredits: number; sharedCourseCount: number; sharedCredits: number; coreCredits: number;
  crossGroupExtensionCredits: number; electiveOptionCredits: number; practiceHours: number; totalHours: number; practiceShare: number;
  creditsByTerm: number[]; sharedFoundationRatio: number; sharedExtensionRatio: number; extensionPartCredits: number;
}
export interface RuleResult {
  rule: string; status: RuleStatus; actual: number | null; required: number | null; courses?: string[]; message: string; params?: Record<string, unknown>;
}
export interface RuleCheck { passed: boolean; metrics: ProgrammeMetrics; results: RuleResult[] }
export interface MajorRef { id: number; code: string; name: string; groupId: number | null; groupName: string | null }
export interface ProgrammeDetail extends Programme { major: MajorRef | null; items: ProgrammeItem[]; rules: CreditRules; check: RuleCheck }
export interface ProgrammeChoice { courseId: number; termNo: number; isElective?: boolean; versionNo?: number }
export interface ProgrammeSummary { id: number; name: string; cohortYear: number; status: ProgrammeStatus; major: MajorRef | null; metrics: ProgrammeMetrics; passed: boolean }
export interface ComparisonRow { code: string; name: string; change: 'added' | 'removed' | 'changed' | 'same'; left: ProgrammeItem | null; right: ProgrammeItem | null; differences: string[] }
export interface ProgrammeComparison {
  left: ProgrammeSummary; right: ProgrammeSummary; rows: ComparisonRow[];
  counts: { added: number; removed: number; changed: number; same: number };
}

export interface Term { id: number; institutionId: number; code: string; academicYear: string; termNo: number; startsOn: string; endsOn: string }
export interface Meeting { weekday: number; firstPeriod: number; lastPeriod: number; firstWeek: number; lastWeek: number }
export interface Section {
  id: number; institutionId: number; termId: number; courseId: number; courseVersionId: number; windowId: number | null; code: string;
  capacity: number; enrolledCount: number; waitlistCount: number; room: string | null; gradeScheme: GradeScheme; gradesPublishedAt: string | null;
  status: string; courseCode: string; courseName: string; credits: number; layer: CourseLayer; ownerGroupId: number | null; seatsLeft: number;
  meetings: Meeting[]; teachers: { id: number; name: string; staffNo?: string }[];
}
export interface SelectionWindow {
  id: number; institutionId: number; termId: number; name: string; mode: SelectionMode; cohortYears: number[];
  opensAt: string; closesAt: string; dropDeadline: string; creditCap: number; maxChoices: number; maxCourses: number; waitlistLimit: number;
  lotterySeed: string | null; inputsHash: string | null; resultHash: string | null; drawnBy: number | null; drawnAt: string | null; phase: WindowPhase;
}
export interface WindowListRow extends SelectionWindow { sections: number; capacity: number; enrolled: number; waitlisted: number }
export interface WindowSection {
  id: number; code: string; capacity: number; enrolledCount: number; waitlistCount: number; room: string | null; status: string;
  courseId: number; courseCode: string; courseName: string; credits: number; layer: CourseLayer; ownerGroupId: number | null;
  prerequisiteCodes: string[]; seatsLeft: number; meetings: Meeting[];
}
export interface WindowDetail extends SelectionWindow { sections: WindowSection[] }
export interface StudentWindowSection extends WindowSection { crossGroup: boolean; ownGroup: boolean }
export interface StudentWindow extends SelectionWindow { sections: StudentWindowSection[]; preferences: number[] }
export interface Enrolment {
  id: number; sectionId: number; termId: number; status: 'enrolled' | 'waitlisted'; waitlistSeq: number | null; source: string;
  sectionCode: string; room: string | null; windowId: number | null; courseId: number; courseCode: string; courseName: string;
  credits: number; layer: CourseLayer; ownerGroupId: number | null; position: number | null; meetings: Meeting[];
}
export interface MySelection {
  student: { id: number; studentNo: string; name: string; cohortYear: number; majorName: string; groupId: number | null };
  windows: StudentWindow[];
  enrolments: Enrolment[];
}
export type SelectionOutcome = 'enrolled' | 'waitlisted' | 'already_enrolled' | 'already_waitlisted' | 'dropped' | 'left_waitlist';
export interface SelectionAnswer { outcome: SelectionOutcome; sectionId: number; position: number | null; message: string }
export interface RosterEntry { enrolmentId: number; studentId: number; studentNo: string; name: string; majorName: string; source: string; at: string }
export interface Roster {
  sectionId: number; code: string; capacity: number; enrolledCount: number; waitlistCount: number;
  enrolled: RosterEntry[]; waitlist: (RosterEntry & { position: number })[];
}
export interface DrawResult { windowId: number; seed: string; inputsHash: string; resultHash: string; students: number; allocated: number; waitlisted: number; drawnAt: string }
export interface DrawVerification { windowId: number; seed: string; recordedResultHash: string | null; recomputedResultHash: string; matches: boolean }

export interface GradeBookStudent { studentId: number; studentNo: string; name: string; majorName: string; score: number | null; level: string | null; passed: boolean | null }
export interface GradeBook {
  sectionId: number; code: string; courseCode: string; courseName: string; credits: number; scheme: GradeScheme; schemeLabel: Bilingual;
  published: boolean; publishedAt: string | null; levels: Bilingual[] | null; students: GradeBookStudent[];
}
export interface GradeRowError { row: number | null; studentNo?: string; column: string | null; message: string }
export interface GradeSaveResult { saved: number; changed: number }
export interface LayerProgress { earned: number; required: number }
export interface StudentProgress {
  student: { id: number; studentNo: string; name: string; majorName: string; cohortYear: number };
  programme: { id: number; name: string; status: ProgrammeStatus; statusLabel: string; graduationCredits: number } | null;
  layers: { shared: LayerProgress; core: LayerProgress; crossGroupExtension: LayerProgress; total: LayerProgress };
  earned: { courseId: number; credits: number; layer: CourseLayer; crossGroup: boolean; termId: number; code: string; name: string; termCode: string }[];
}

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public details: unknown = null) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentLanguage = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;

export function setApiLanguage(language: string) { currentLanguage = language; }
export function apiLanguage(): string { return currentLanguage; }
/** Tells the app that the session is gone (it sends the user to /login). */
export function notifyUnauthorized() { unauthorizedHandler?.(); }
/** Called on any 401 from an API other than login itself (the app sends the user to /login). */
export function onUnauthorized(handler: (() => void) | null) { unauthorizedHandler = handler; }

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const csrf = readCookie('sitong_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', currentLanguage === 'en' ? 'Cannot reach the server' : '无法连接服务器');
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (response.status === 401 && path !== '/api/auth/login' && unauthorizedHandler) unauthorizedHandler();
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `${response.status} ${response.statusText}`, error?.details ?? null);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),

  login: (username: string, password: string) => request<{ csrfToken: string; expiresAt: string }>('POST', '/api/auth/login', { username, password }),
  logout: () => request<{ ok: true }>('POST', '/api/auth/logout'),
  me: () => request<Me>('GET', '/api/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) => request<{ ok: true }>('POST', '/api/auth/password', { currentPassword, newPassword }),

  clusterTree: () => request<ClusterNode[]>('GET', '/api/cluster-tree'),
  major: (id: number) => request<MajorDetail>('GET', `/api/majors/${id}`),
  changeMajorStatus: (id: number, body: { status: MajorStatus; reason?: string; effectiveYear?: number }) => request<unknown>('POST', `/api/majors/${id}/status`, body),

  students: (query: Query) => request<Page<StudentRow>>('GET', '/api/students', undefined, query),
  student: (id: number) => request<StudentDetail>('GET', `/api/students/${id}`),
  teachers: (query: Query) => request<Page<TeacherRow>>('GET', '/api/teachers', undefined, query),
  myStudent: (reveal = false) => request<{ student: StudentDetail | null }>('GET', '/api/me/student', undefined, { reveal: reveal ? 'true' : undefined }),

  importEntities: () => request<ImportEntity[]>('GET', '/api/imports'),
  previewImport: (entity: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportBatch>('POST', `/api/imports/${encodeURIComponent(entity)}/preview`, form);
  },
  commitImport: (batchId: string) => request<CommitResult>('POST', `/api/imports/batches/${batchId}/commit`),

  indicators: () => request<Indicator[]>('GET', '/api/indicators'),
  targets: (clusterId: number, period: string) => request<IndicatorTarget[]>('GET', `/api/clusters/${clusterId}/indicator-targets`, undefined, { period }),
  setTarget: (clusterId: number, key: string, body: { period: string; target: number; comparison: '>=' | '<='; bands?: Bands }) =>
    request<unknown>('PUT', `/api/clusters/${clusterId}/indicator-targets/${encodeURIComponent(key)}`, body),
  measure: (body: { indicatorKey: string; unitType: 'cluster' | 'group' | 'major'; unitId: number; period: string }) => request<Measurement>('POST', '/api/measurements', body),

  audit: (query: Query) => request<AuditPage>('GET', '/api/audit', undefined, query),

  terms: () => request<Term[]>('GET', '/api/terms'),

  courses: (query: Query) => request<CoursePage>('GET', '/api/courses', undefined, query),
  course: (id: number) => request<CourseDetail>('GET', `/api/courses/${id}`),
  courseDiff: (id: number, from: number, to: number) => request<CourseDiff>('GET', `/api/courses/${id}/diff`, undefined, { from, to }),
  creditRules: (clusterId: number) => request<{ clusterId: number; rules: CreditRules; defaults: CreditRules }>('GET', `/api/clusters/${clusterId}/credit-rules`),
  setCreditRules: (clusterId: number, rules: CreditRules) => request<{ clusterId: number; rules: CreditRules; defaults: CreditRules }>('PUT', `/api/clusters/${clusterId}/credit-rules`, rules),

  programmes: (query: Query) => request<ProgrammeListRow[]>('GET', '/api/programmes', undefined, query),
  programme: (id: number) => request<ProgrammeDetail>('GET', `/api/programmes/${id}`),
  createProgramme: (body: { majorId: number; cohortYear: number; graduationCredits: number; electiveCreditsRequired?: number }) => request<Programme>('POST', '/api/programmes', body),
  saveProgramme: (id: number, body: { revision?: number; graduationCredits?: number; electiveCreditsRequired?: number; courses?: ProgrammeChoice[] }) => request<ProgrammeDetail>('PUT', `/api/programmes/${id}`, body),
  checkProgramme: (id: number, body: { courses: ProgrammeChoice[]; graduationCredits?: number; electiveCreditsRequired?: number }) => request<RuleCheck>('POST', `/api/programmes/${id}/check`, body),
  transitionProgramme: (id: number, action: ProgrammeAction, comment?: string) => request<ProgrammeDetail>('POST', `/api/programmes/${id}/transitions`, { action, comment }),
  copyProgramme: (id: number, body: { cohortYear: number; majorId?: number }) => request<ProgrammeDetail>('POST', `/api/programmes/${id}/copy`, body),
  compareProgrammes: (left: number, right: number) => request<ProgrammeComparison>('GET', '/api/programmes/compare', undefined, { left, right }),

  sections: (query: Query) => request<Page<Section>>('GET', '/api/sections', undefined, query),
  section: (id: number) => request<Section>('GET', `/api/sections/${id}`),
  roster: (sectionId: number) => request<Roster>('GET', `/api/sections/${sectionId}/roster`),
  selectionWindows: () => request<WindowListRow[]>('GET', '/api/selection-windows'),
  selectionWindow: (id: number) => request<WindowDetail>('GET', `/api/selection-windows/${id}`),
  drawWindow: (id: number, seed?: string) => request<DrawResult>('POST', `/api/selection-windows/${id}/draw`, seed ? { seed } : {}),
  verifyDraw: (id: number) => request<DrawVerification>('GET', `/api/selection-windows/${id}/draw/verify`),
  submitPreferences: (windowId: number, sectionIds: number[]) => request<{ windowId: number; sectionIds: number[] }>('PUT', `/api/selection-windows/${windowId}/preferences`, { sectionIds }),

  mySelection: () => request<MySelection>('GET', '/api/me/selection'),
  selectSection: (sectionId: number, requestId: string) => request<SelectionAnswer>('POST', '/api/me/selections', { sectionId, requestId }),
  dropSection: (sectionId: number, requestId: string) => request<SelectionAnswer>('POST', '/api/me/selections/drop', { sectionId, requestId }),
  myTimetable: (termId?: number) => request<{ termId: number | null; items: Enrolment[] }>('GET', '/api/me/timetable', undefined, { termId }),
  myProgress: () => request<{ progress: StudentProgress | null }>('GET', '/api/me/progress'),

  gradeBook: (sectionId: number) => request<GradeBook>('GET', `/api/sections/${sectionId}/grades`),
  saveGrades: (sectionId: number, entries: { studentNo: string; grade: string | number }[]) => request<GradeSaveResult>('PUT', `/api/sections/${sectionId}/grades`, { entries }),
  uploadGrades: (sectionId: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<GradeSaveResult>('POST', `/api/sections/${sectionId}/grades/upload`, form);
  },
  publishGrades: (sectionId: number) => request<{ sectionId: number; published: boolean; earned: number; alreadyPublished: boolean }>('POST', `/api/sections/${sectionId}/grades/publish`),
};

/** Links for downloads (plain anchors; the browser sends the session cookie, `lang` picks the file's language). */
export const downloads = {
  template: (entity: string) => `/api/imports/${encodeURIComponent(entity)}/template.xlsx?lang=${currentLanguage}`,
  errors: (batchId: string) => `/api/imports/batches/${batchId}/errors.xlsx?lang=${currentLanguage}`,
  export: (entity: string) => `/api/exports/${encodeURIComponent(entity)}?lang=${currentLanguage}`,
  programme: (id: number, format: 'xlsx' | 'docx') => `/api/programmes/${id}/export.${format}?lang=${currentLanguage}`,
  gradeSheet: (sectionId: number) => `/api/sections/${sectionId}/grades.xlsx?lang=${currentLanguage}`,
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
  latest: (query: { unitType?: string; unitId?: number; period?: string }) => request<(Measurement & { unitType: string; unitId: number; period: string })[]>('GET', '/api/measurements', undefined, query),
};

// ---- Credit bank (学分银行): catalogue, claims, conversion rules, ledger, credentials, apprentice pathway

export type CertificateLevel = 'junior' | 'intermediate' | 'senior' | 'technician_prep' | 'technician';
export type CompetitionLevel = 'national' | 'provincial' | 'municipal' | 'school';
export type Prize = 'first' | 'second' | 'third' | 'excellence';
export type ClaimStatus = 'submitted' | 'verified' | 'granted' | 'rejected' | 'reversed';
export type ClaimAction = 'verify' | 'grant' | 'reject' | 'reverse';
export type OutcomeKind = 'course_credit' | 'certificate' | 'competition';
export type LedgerCategory = 'course' | 'certificate' | 'competition' | 'exemption';
export type IntendedUse = 'credit' | 'exemption';
export type StageKey = 'junior_apprentice' | 'intermediate_apprentice' | 'senior_apprentice' | 'craftsman_candidate';

export interface CertificateMapping { courseId: number; minLevel: CertificateLevel }
/** A mapping as the catalogue lists it: with its course's code and name, which students cannot read from the pool. */
export interface ListedCertificateMapping extends CertificateMapping { courseCode: string | null; courseName: string | null; courseNameEn: string | null }
export interface Certificate {
  id: number; institutionId: number; clusterId: number; code: string; name: string; nameEn: string | null; kind: 'skill_level' | 'qualification';
  issuer: string; occupation: string | null; levels: CertificateLevel[]; ownerGroupId: number | null; status: string; guessed: boolean;
  createdAt: string; updatedAt: string; mappings: ListedCertificateMapping[];
}
export interface Competition {
  id: number; institutionId: number; clusterId: number; code: string; name: string; nameEn: string | null; level: CompetitionLevel;
  organiser: string | null; year: number; ownerGroupId: number | null; status: string; createdAt: string;
}
export interface ClaimEvidence { note?: string; links?: string[] }
/** A learning outcome (学习成果) as stored: the claim's facts and its workflow stamps. */
export interface Outcome {
  id: number; institutionId: number; studentId: number; kind: OutcomeKind; identityKey: string;
  certificateId: number | null; level: CertificateLevel | null; certificateNo: string | null; issuedOn: string | null;
  competitionId: number | null; prize: Prize | null; earnedCreditId: number | null; courseId: number | null; courseCredits: number | null;
  intendedUse: IntendedUse; exemptCourseId: number | null; evidence: ClaimEvidence & Record<string, unknown>; source: string; importBatchId: string | null;
  status: ClaimStatus; submittedBy: number | null; submittedAt: string; verifiedBy: number | null; verifiedAt: string | null;
  decidedBy: number | null; decidedAt: string | null; decisionNote: string | null; revision: number;
}
export interface LedgerEntry {
  id: number; seq: number; kind: 'grant' | 'reversal'; category: LedgerCategory; credits: number; hash: string; recordedAt: string;
  outcomeId?: number; exemptedCourseId?: number | null; ruleSetId?: number | null; reason?: string | null; prevHash?: string;
}
export interface Claim extends Outcome {
  student: { id: number; studentNo: string; name: string }; ledger: LedgerEntry[];
  evidenceFiles: Array<{ id: string; fileName: string; contentType: string; sizeBytes: number; url: string }>;
}
export interface CreditBalances { course: number; certificate: number; competition: number; exemption: number; converted: number; total: number }
/** What a student may still convert under today's rules (cap null when no rules are in force). */
export interface ConversionAllowance {
  ruleSetId: number | null; cap: number | null; used: number; remaining: number | null; maxPerStudent: number | null; programmeShare: number | null; programmeGraduationCredits: number | null;
}
export interface CreditAccount {
  student: { id: number; studentNo: string; name: string; majorName: string; cohortYear: number };
  balances: CreditBalances; entries: LedgerEntry[]; claims: Outcome[]; levels: CertificateLevel[]; conversion: ConversionAllowance;
}
export type ClaimInput =
  | { kind: 'certificate'; studentId?: number; certificateId: number; level: CertificateLevel; certificateNo: string; issuedOn?: string | null; intendedUse: IntendedUse; exemptCourseId?: number | null; evidence?: ClaimEvidence; evidenceFileIds?: string[] }
  | { kind: 'competition'; studentId?: number; competitionId: number; prize: Prize; issuedOn?: string | null; evidence?: ClaimEvidence; evidenceFileIds?: string[] };

export interface ConversionRules {
  crossGroupCertificateCredits: Record<CertificateLevel, number>;
  ownGroupCertificateCredits: Record<CertificateLevel, number>;
  competitionCredits: Record<CompetitionLevel, Record<Prize, number>>;
  maxConvertedCreditsPerStudent: number;
  maxConvertedShareOfProgramme: number;
  allowExemption: boolean;
}
export interface RuleSet {
  id: number; institutionId: number; clusterId: number; versionNo: number; rules: ConversionRules; validFrom: string; validTo: string | null;
  status: 'draft' | 'approved'; note: string | null; createdBy: number | null; createdAt: string; approvedBy: number | null; approvedAt: string | null;
}
export interface RuleSetList { clusterId: number; currentId: number | null; defaults: ConversionRules; versions: RuleSet[] }
export interface RuleSetInput { rules: ConversionRules; validFrom: string; validTo?: string | null; note?: string | null }

export type ImportReviewStatus = 'open' | 'matched' | 'dismissed';
export interface ImportReview {
  id: number; importBatchId: string | null; rowNo: number | null; certificateId: number; level: CertificateLevel; certificateNo: string; issuedOn: string | null;
  personName: string; idNumberMasked: string; reason: string; candidateStudentId: number | null; status: ImportReviewStatus; outcomeId: number | null;
  resolvedBy: number | null; resolvedAt: string | null; note: string | null; createdBy: number | null; createdAt: string; revision: number;
  certificate: { code: string; name: string } | null; candidate: { id: number; studentNo: string; name: string; majorName: string } | null;
}

export type LedgerProblem = 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'head_mismatch';
export interface LedgerVerification {
  institutionId: number; intact: boolean; entries: number; headSeq: number; headHash: string | null;
  problems: Array<{ entryId: number | null; seq: number; problem: LedgerProblem }>; checkedAt: string; milliseconds: number;
}

export interface MyCredentialItem {
  outcomeId: number; kind: OutcomeKind; achievementName: string; achievementType: string; credits: number; grantedAt: string;
  state: 'issuable' | 'issued' | 'revoked'; credentialId: string | null; issuedAt: string | null;
}
export interface IssuedCredential { created: boolean; id: string; outcomeId: number; issuedAt: string; statusListId: string; statusIndex: number; credential: Record<string, unknown> }

export interface PathwayCriterion { key: string; label: Bilingual; met: boolean; detail: Bilingual }
export interface PathwayStage { key: StageKey; name: Bilingual; reached: boolean; criteria: PathwayCriterion[] }
export interface Pathway { studentId: number; clusterId?: number | null; current: StageKey | null; next: StageKey | null; stages: PathwayStage[]; missing: PathwayCriterion[] }
export interface PathwayDistribution {
  clusterId: number; stages: Array<{ key: StageKey; name: Bilingual }>;
  majors: Array<{ majorId: number; code: string; name: string; total: number; counts: Record<StageKey | 'none', number> }>;
}

export type AcademicCriterion =
  | { kind: 'secondary_done' }
  | { kind: 'credit_share'; share: number; fallbackCredits: number }
  | { kind: 'graduated' };
export interface StageCriteria { key: StageKey; academic: AcademicCriterion; minCertificateLevel: CertificateLevel }
export interface PathwaySettings {
  clusterId: number; stages: StageCriteria[]; defaults: StageCriteria[]; revision: number; isDefault: boolean; updatedAt: string | null; names: Record<StageKey, Bilingual>;
}

export const creditbankApi = {
  pathwaySettings: (clusterId: number) => request<PathwaySettings>('GET', `/api/creditbank/clusters/${clusterId}/pathway`),
  savePathwaySettings: (clusterId: number, stages: StageCriteria[], revision: number) =>
    request<PathwaySettings>('PUT', `/api/creditbank/clusters/${clusterId}/pathway`, { stages, revision }),
  certificates: (clusterId?: number) => request<Certificate[]>('GET', '/api/creditbank/certificates', undefined, { clusterId }),
  setMappings: (certificateId: number, mappings: CertificateMapping[]) =>
    request<{ certificateId: number; mappings: CertificateMapping[] }>('PUT', `/api/creditbank/certificates/${certificateId}/mappings`, { mappings }),
  competitions: () => request<Competition[]>('GET', '/api/creditbank/competitions'),

  ruleSets: (clusterId: number) => request<RuleSetList>('GET', `/api/creditbank/clusters/${clusterId}/rules`),
  createRuleDraft: (clusterId: number, body: RuleSetInput) => request<RuleSet>('POST', `/api/creditbank/clusters/${clusterId}/rules`, body),
  updateRuleDraft: (ruleSetId: number, body: RuleSetInput) => request<RuleSet>('PUT', `/api/creditbank/rules/${ruleSetId}`, body),
  approveRuleSet: (ruleSetId: number) => request<RuleSet>('POST', `/api/creditbank/rules/${ruleSetId}/approve`),

  submitClaim: (body: ClaimInput) => request<Claim>('POST', '/api/creditbank/claims', body),
  claims: (query: { status?: ClaimStatus; kind?: OutcomeKind; studentId?: number; page?: number; pageSize?: number }) =>
    request<{ total: number; items: Claim[] }>('GET', '/api/creditbank/claims', undefined, query),
  claim: (id: number) => request<Claim>('GET', `/api/creditbank/claims/${id}`),
  reviewClaim: (id: number, action: ClaimAction, note?: string | null) => request<Claim>('POST', `/api/creditbank/claims/${id}/${action}`, { note: note || null }),

  importReviews: (query: { status?: ImportReviewStatus; page?: number; pageSize?: number }) =>
    request<{ total: number; items: ImportReview[] }>('GET', '/api/creditbank/import-reviews', undefined, query),
  matchImportReview: (id: number, studentId: number, note?: string | null) =>
    request<ImportReview>('POST', `/api/creditbank/import-reviews/${id}/match`, { studentId, note: note || null }),
  dismissImportReview: (id: number, note: string) => request<ImportReview>('POST', `/api/creditbank/import-reviews/${id}/dismiss`, { note }),

  myAccount: () => request<CreditAccount>('GET', '/api/me/creditbank'),
  studentAccount: (studentId: number) => request<CreditAccount>('GET', `/api/creditbank/students/${studentId}/account`),
  verifyLedger: () => request<LedgerVerification>('GET', '/api/creditbank/ledger/verify'),

  myCredentials: () => request<{ items: MyCredentialItem[] }>('GET', '/api/me/creditbank/credentials'),
  issueCredential: (outcomeId: number) => request<IssuedCredential>('POST', `/api/creditbank/outcomes/${outcomeId}/credential`),
  /** The credential file (a plain link: the browser sends the session cookie). */
  credentialUrl: (credentialId: string) => `/api/creditbank/credentials/${encodeURIComponent(credentialId)}`,

  myPathway: () => request<Pathway>('GET', '/api/me/creditbank/pathway'),
  studentPathway: (studentId: number) => request<Pathway>('GET', `/api/creditbank/students/${studentId}/pathway`),
  pathwayDistribution: (clusterId: number) => request<PathwayDistribution>('GET', `/api/creditbank/clusters/${clusterId}/pathway/distribution`),
};
