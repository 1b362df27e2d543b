/**
 * Names for the shapes pages use, each taken from the generated schema (never written by hand):
 * `Answer<'/api/x', 'get'>` is what GET /api/x answers, `Body<'/api/x', 'post'>` what POST sends.
 */
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : R extends { 202: infer A } ? A : never;

export type Answer<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R } ? JsonOf<Success<R>> : never;
export type Body<P extends keyof paths, M extends Method = 'post'> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
export type Query<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Bilingual = { 'zh-CN': string; en: string };

// ---- Platform: accounts, imports, indicators, audit, notifications, jobs, workbench
export type Me = Answer<'/api/auth/me'>;
export type ImportEntity = Answer<'/api/imports'>[number];
export type ImportColumn = ImportEntity['columns'][number];
export type ImportBatch = Answer<'/api/imports/{entity}/preview', 'post'>;
export type ImportSummary = ImportBatch['summary'];
export type ImportRowError = ImportBatch['errors'][number];
export type UserPage = Answer<'/api/users'>;
export type UserItem = UserPage['items'][number];
export type UserDetail = Answer<'/api/users/{id}'>;
export type UserGrant = UserItem['grants'][number];
export type GrantInput = Body<'/api/users/{id}/grants', 'post'>;
export type ProvisionResult = Answer<'/api/accounts/provision', 'post'>;
export type ImportChanges = Answer<'/api/imports/batches/{id}/changes', 'get'>;
export type CommitResult = Answer<'/api/imports/batches/{id}/commit', 'post'>;
export type Indicator = Answer<'/api/indicators'>[number];
export type IndicatorTarget = Answer<'/api/clusters/{clusterId}/indicator-targets'>[number];
export type Bands = IndicatorTarget['bands'];
export type Measurement = Answer<'/api/measurements', 'post'>;
export type Level = NonNullable<Measurement['level']>;
export type AuditPage = Answer<'/api/audit'>;
export type AuditEntry = AuditPage['items'][number];
export type InboxPage = Answer<'/api/me/notifications'>;
export type InboxItem = InboxPage['items'][number];
export type NotificationPreferences = Answer<'/api/me/notification-preferences'>;
export type NotificationChannel = Answer<'/api/admin/notification-channels'>[number];
export type ChannelInput = Body<'/api/admin/notification-channels'>;
export type DeliveryPage = Answer<'/api/admin/notification-deliveries'>;
export type Delivery = DeliveryPage['items'][number];
export type Job = Answer<'/api/admin/jobs'>[number];
export type JobRun = Answer<'/api/admin/jobs/{name}/runs'>[number];
export type WorkbenchCard = Answer<'/api/me/workbench'>['cards'][number];
export type AttachmentInfo = Answer<'/api/attachments', 'post'>;

// ---- Organisation
export type ClusterNode = Answer<'/api/cluster-tree'>[number];
export type GroupNode = ClusterNode['groups'][number];
export type MajorNode = GroupNode['majors'][number];
export type MajorStatus = MajorNode['status'];
export type MajorDetail = Answer<'/api/majors/{id}'>;
export type MajorListItem = Answer<'/api/majors'>[number];
export type StatusChange = MajorDetail['statusHistory'][number];
export type ClassRow = MajorDetail['classes'][number];
export type StudentPage = Answer<'/api/students'>;
export type StudentRow = StudentPage['items'][number];
export type StudentDetail = Answer<'/api/students/{id}'>;
export type TeacherRow = Answer<'/api/teachers'>['items'][number];
export type RevealedField = Answer<'/api/students/{id}/reveal', 'post'>;
export type StudentQuery = Query<'/api/students'>;
export type TeacherQuery = Query<'/api/teachers'>;
export type Term = Answer<'/api/terms'>[number];

// ---- Courses: pool, programmes, offerings, selection, grades
export type CoursePage = Answer<'/api/courses'>;
export type Course = CoursePage['items'][number];
export type GroupRef = CoursePage['groups'][number];
export type CourseDetail = Answer<'/api/courses/{id}'>;
export type CourseVersion = CourseDetail['versions'][number];
export type CourseFields = Body<'/api/courses', 'post'>;
export type CourseLayer = Course['layer'];
export type ModuleType = Course['moduleType'];
export type CourseStatus = Course['status'];
export type CourseDiff = Answer<'/api/courses/{id}/diff'>;
export type FieldChange = CourseDiff['changes'][number];
export type CreditRules = Answer<'/api/clusters/{id}/credit-rules'>['rules'];
export type ProgrammeListRow = Answer<'/api/programmes'>[number];
export type Programme = Answer<'/api/programmes', 'post'>;
export type ProgrammeStatus = Programme['status'];
export type ProgrammeDetail = Answer<'/api/programmes/{id}'>;
export type ProgrammeItem = ProgrammeDetail['items'][number];
export type MajorRef = NonNullable<ProgrammeDetail['major']>;
export type RuleCheck = Answer<'/api/programmes/{id}/check', 'post'>;
export type RuleResult = RuleCheck['results'][number];
export type RuleStatus = RuleResult['status'];
export type ProgrammeMetrics = RuleCheck['metrics'];
export type ProgrammeChoice = Body<'/api/programmes/{id}/check', 'post'>['courses'][number];
export type ProgrammeAction = Body<'/api/programmes/{id}/transitions', 'post'>['action'];
export type ProgrammeComparison = Answer<'/api/programmes/compare'>;
export type ProgrammeSummary = ProgrammeComparison['left'];
export type ComparisonRow = ProgrammeComparison['rows'][number];
export type ProgrammeTexts = ProgrammeDetail['texts'];
export type CopyReport = NonNullable<ProgrammeDetail['copyReport']>;
export type CopyPreview = Answer<'/api/programmes/{id}/copy/preview', 'post'>;
export type CopyIssue = CopyPreview['issues'][number];
export type CopyDecision = NonNullable<Body<'/api/programmes/{id}/copy'>['decisions']>[number];
export type Section = Answer<'/api/sections/{id}'>;
export type SectionListItem = Answer<'/api/sections'>['items'][number];
export type Meeting = Section['meetings'][number];
export type Roster = Answer<'/api/sections/{id}/roster'>;
export type RosterEntry = Roster['enrolled'][number];
export type WindowListRow = Answer<'/api/selection-windows'>[number];
export type WindowDetail = Answer<'/api/selection-windows/{id}'>;
export type WindowSection = WindowDetail['sections'][number];
export type SelectionWindow = WindowListRow;
export type WindowPhase = WindowListRow['phase'];
export type SelectionMode = WindowListRow['mode'];
export type DrawResult = Answer<'/api/selection-windows/{id}/draw', 'post'>;
export type DrawVerification = Answer<'/api/selection-windows/{id}/draw/verify'>;
export type MySelection = Answer<'/api/me/selection'>;
export type StudentWindow = MySelection['windows'][number];
export type StudentWindowSection = StudentWindow['sections'][number];
export type Enrolment = MySelection['enrolments'][number];
export type SelectionAnswer = Answer<'/api/me/selections', 'post'>;
export type SelectionOutcome = SelectionAnswer['outcome'];
export type GradeBook = Answer<'/api/sections/{id}/grades'>;
export type GradeBookStudent = GradeBook['students'][number];
export type GradeScheme = GradeBook['scheme'];
export type GradeSaveResult = Answer<'/api/sections/{id}/grades', 'put'>;
export type StudentProgress = NonNullable<Answer<'/api/me/progress'>['progress']>;
export type LayerProgress = StudentProgress['layers']['total'];
/** A bad row of a grade sheet or grade entry, as a 422's details list it. */
export interface GradeRowError {
  row: number | null;
  studentNo?: string;
  column: string | null;
  message: string;
}

// ---- Credit bank: catalogue, claims, rules, ledger, pathway, credentials
export type Certificate = Answer<'/api/creditbank/certificates'>[number];
export type ListedCertificateMapping = Certificate['mappings'][number];
export type CertificateMapping = Body<'/api/creditbank/certificates/{id}/mappings', 'put'>['mappings'][number];
export type CertificateLevel = Certificate['levels'][number];
export type Competition = Answer<'/api/creditbank/competitions'>[number];
export type CompetitionLevel = Competition['level'];
export type Claim = Answer<'/api/creditbank/claims/{id}'>;
export type ClaimStatus = Claim['status'];
export type OutcomeKind = Claim['kind'];
export type Prize = NonNullable<Claim['prize']>;
export type IntendedUse = Claim['intendedUse'];
export type ClaimEvidence = NonNullable<Body<'/api/creditbank/claims'>['evidence']>;
export type ClaimInput = Body<'/api/creditbank/claims'>;
export type ClaimAction = 'verify' | 'grant' | 'reject' | 'reverse';
export type CreditAccount = Answer<'/api/me/creditbank'>;
export type Outcome = CreditAccount['claims'][number];
export type LedgerEntry = CreditAccount['entries'][number];
export type LedgerCategory = LedgerEntry['category'];
export type CreditBalances = CreditAccount['balances'];
export type ConversionAllowance = CreditAccount['conversion'];
export type RuleSetList = Answer<'/api/creditbank/clusters/{id}/rules'>;
export type RuleSet = RuleSetList['versions'][number];
export type ConversionRules = RuleSet['rules'];
export type RuleSetInput = Body<'/api/creditbank/clusters/{id}/rules'>;
export type ImportReview = Answer<'/api/creditbank/import-reviews/{id}'>;
export type ImportReviewStatus = ImportReview['status'];
export type LedgerVerification = Answer<'/api/creditbank/ledger/verify'>;
export type LedgerProblem = LedgerVerification['problems'][number]['problem'];
export type MyCredentialItem = Answer<'/api/me/creditbank/credentials'>['items'][number];
export type IssuedCredential = Answer<'/api/creditbank/outcomes/{id}/credential', 'post'>;
export type CredentialVerification = Answer<'/api/public/credentials/verify', 'post'>;
export type Pathway = Answer<'/api/me/creditbank/pathway'>;
export type PathwayStage = Pathway['stages'][number];
export type PathwayCriterion = PathwayStage['criteria'][number];
export type StageKey = PathwayStage['key'];
export type PathwayDistribution = Answer<'/api/creditbank/clusters/{id}/pathway/distribution'>;
export type PathwaySettings = Answer<'/api/creditbank/clusters/{id}/pathway'>;
export type StageCriteria = PathwaySettings['stages'][number];
export type AcademicCriterion = StageCriteria['academic'];
export type ClaimCheck = Answer<'/api/creditbank/claims/check'>;
export type GrantPreview = Answer<'/api/creditbank/claims/{id}/grant-preview'>;
export type CreditbankSettings = Answer<'/api/creditbank/settings'>;
export type PublicTranscript = Answer<'/api/public/transcripts/{token}'>;
