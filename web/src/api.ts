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
export interface ImportSummary { total: number; valid: number; invalid: number; create: number; update: number; unchanged: number }
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

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public details: unknown = null) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentLanguage = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;

export function setApiLanguage(language: string) { currentLanguage = language; }
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
  myStudent: () => request<{ student: StudentDetail | null }>('GET', '/api/me/student'),

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
};

/** Links for downloads (plain anchors; the browser sends the session cookie, `lang` picks the file's language). */
export const downloads = {
  template: (entity: string) => `/api/imports/${encodeURIComponent(entity)}/template.xlsx?lang=${currentLanguage}`,
  errors: (batchId: string) => `/api/imports/batches/${batchId}/errors.xlsx?lang=${currentLanguage}`,
  export: (entity: string) => `/api/exports/${encodeURIComponent(entity)}?lang=${currentLanguage}`,
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export const measurementsApi = {
  latest: (query: { unitType?: string; unitId?: number; period?: string }) => request<(Measurement & { unitType: string; unitId: number; period: string })[]>('GET', '/api/measurements', undefined, query),
};
