/**
 * Response schemas of the credit bank's routes (routes.ts and credentials/credential-routes.ts). Each
 * describes exactly what its service returns: the serializer encodes answers with them, and an object
 * schema drops keys it does not name. Keys are listed in the order the services build them (drizzle
 * rows: the table's column order), which is the order an answer's keys are sent in.
 */
import { z } from 'zod';
import { attachmentInfo } from '../../platform/attachments/routes.ts';
import { bilingual, isoDateText, isoTime } from '../../platform/http.ts';
import { majorLevels, studentStatuses } from '../org/read.ts';
import type { CheckName } from './credentials/credential-service.ts';
import type { AchievementType, IdentityType } from './credentials/open-badges.ts';
import type { ReviewStatus } from './import-review-service.ts';
import type { LedgerProblem } from './ledger.ts';
import { stageKeys } from './pathway.ts';
import {
  certificateLevels,
  competitionLevels,
  prizes,
  type ClaimStatus,
  type IntendedUse,
  type LedgerCategory,
  type OutcomeKind,
} from './rules.ts';

/** The members of a string union as a tuple for z.enum, checked at compile time to name every member. */
type Missing<T extends string, V extends readonly string[]> = [T] extends [V[number]] ? unknown : { missing: Exclude<T, V[number]> };
const valuesOf =
  <T extends string>() =>
  <const V extends readonly [T, ...T[]]>(values: V & Missing<T, V>): V =>
    values;

// ---- Value sets (the CHECK constraints of migrations 0001, 0005 and 0006) not exported as constants elsewhere

export const outcomeKinds = valuesOf<OutcomeKind>()(['course_credit', 'certificate', 'competition']);
export const claimStatuses = valuesOf<ClaimStatus>()(['submitted', 'verified', 'granted', 'rejected', 'reversed']);
export const intendedUses = valuesOf<IntendedUse>()(['credit', 'exemption']);
export const ledgerCategories = valuesOf<LedgerCategory>()(['course', 'certificate', 'competition', 'exemption']);
export const ledgerEntryKinds = ['grant', 'reversal'] as const;
export const outcomeSources = ['student', 'staff', 'import', 'courses'] as const;
export const certificateKinds = ['skill_level', 'qualification'] as const;
/** Certificates and competitions: `status` of both catalogues. */
export const catalogueStatuses = ['active', 'retired'] as const;
export const ruleSetStatuses = ['draft', 'approved', 'retired'] as const;
export const importReviewStatuses = valuesOf<ReviewStatus>()(['open', 'matched', 'dismissed']);
export const importReviewReasons = ['id_not_found', 'name_mismatch', 'ambiguous'] as const;
export const ledgerProblems = valuesOf<LedgerProblem>()(['hash_mismatch', 'chain_broken', 'sequence_gap', 'head_mismatch']);
export const achievementTypes = valuesOf<AchievementType>()(['Certificate', 'Certification', 'Award', 'Course']);
export const identityTypes = valuesOf<IdentityType>()(['sisSourcedId', 'name']);
export const credentialStates = ['issuable', 'issued', 'revoked'] as const;
export const credentialCheckNames = valuesOf<CheckName>()(['format', 'issuer', 'key', 'signature', 'status', 'validity']);

export type CertificateKind = (typeof certificateKinds)[number];
export type CatalogueStatus = (typeof catalogueStatuses)[number];

const rowId = z.number().int();
const count = z.number().int();
const certificateLevel = z.enum(certificateLevels);

// ---- Catalogue

/** A row of `certificates`. */
export const certificateRow = z.object({
  id: rowId,
  institutionId: rowId,
  clusterId: rowId,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(certificateKinds),
  issuer: z.string(),
  occupation: z.string().nullable(),
  levels: z.array(certificateLevel),
  ownerGroupId: rowId.nullable(),
  status: z.enum(catalogueStatuses),
  guessed: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
/** A certificate–course mapping as the catalogue lists it, with its course named (students cannot read the course pool). */
export const listedCertificateMapping = z.object({
  courseId: rowId,
  minLevel: certificateLevel,
  courseCode: z.string().nullable(),
  courseName: z.string().nullable(),
  courseNameEn: z.string().nullable(),
});
export const listedCertificate = certificateRow.extend({ mappings: z.array(listedCertificateMapping) });
export const certificateMappingsSet = z.object({
  certificateId: rowId,
  mappings: z.array(z.object({ courseId: rowId, minLevel: certificateLevel })),
});

/** A row of `competitions`. */
export const competitionRow = z.object({
  id: rowId,
  institutionId: rowId,
  clusterId: rowId,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: z.enum(competitionLevels),
  organiser: z.string().nullable(),
  year: z.number().int(),
  ownerGroupId: rowId.nullable(),
  status: z.enum(catalogueStatuses),
  createdAt: isoTime,
});

// ---- Conversion rules

/** A table with every key of its enum (a record with enum keys becomes a string-keyed map in OpenAPI 3.0). */
const tableOf = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.object(Object.fromEntries(keys.map((key) => [key, value])) as Record<K, V>);
const creditsPerLevel = tableOf(certificateLevels, z.number());
export const conversionRulesBody = z.object({
  crossGroupCertificateCredits: creditsPerLevel,
  ownGroupCertificateCredits: creditsPerLevel,
  competitionCredits: tableOf(competitionLevels, tableOf(prizes, z.number())),
  maxConvertedCreditsPerStudent: z.number(),
  maxConvertedShareOfProgramme: z.number(),
  allowExemption: z.boolean(),
});
/** A row of `conversion_rule_sets`, its rules read over the defaults. */
export const ruleSetVersion = z.object({
  id: rowId,
  institutionId: rowId,
  clusterId: rowId,
  versionNo: count,
  rules: conversionRulesBody,
  validFrom: isoDateText,
  validTo: isoDateText.nullable(),
  status: z.enum(ruleSetStatuses),
  note: z.string().nullable(),
  createdBy: rowId.nullable(),
  createdAt: isoTime,
  approvedBy: rowId.nullable(),
  approvedAt: isoTime.nullable(),
});
export const ruleSetList = z.object({
  clusterId: rowId,
  currentId: rowId.nullable(),
  defaults: conversionRulesBody,
  versions: z.array(ruleSetVersion),
});

// ---- Outcomes, claims, the ledger

/** A row of `learning_outcomes` (学习成果): a claim's facts and its workflow stamps. */
export const outcomeRow = z.object({
  id: rowId,
  institutionId: rowId,
  studentId: rowId,
  kind: z.enum(outcomeKinds),
  identityKey: z.string(),
  certificateId: rowId.nullable(),
  level: certificateLevel.nullable(),
  certificateNo: z.string().nullable(),
  issuedOn: isoDateText.nullable(),
  competitionId: rowId.nullable(),
  prize: z.enum(prizes).nullable(),
  earnedCreditId: rowId.nullable(),
  courseId: rowId.nullable(),
  courseCredits: z.number().nullable(),
  intendedUse: z.enum(intendedUses),
  exemptCourseId: rowId.nullable(),
  /**
   * Free-form per source: { note, links } from a claim form, the register's batch and row from an import,
   * the event from the courses module.
   */
  // A note and links from whoever claimed; the course-credit consumer's own keys (eventId, courseCode, termId) pass as they are.
  evidence: z.looseObject({ note: z.string().optional(), links: z.array(z.string()).optional() }),
  source: z.enum(outcomeSources),
  importBatchId: z.string().nullable(),
  status: z.enum(claimStatuses),
  submittedBy: rowId.nullable(),
  submittedAt: isoTime,
  verifiedBy: rowId.nullable(),
  verifiedAt: isoTime.nullable(),
  decidedBy: rowId.nullable(),
  decidedAt: isoTime.nullable(),
  decisionNote: z.string().nullable(),
  revision: count,
});
/** A ledger entry as a claim shows it. */
export const claimLedgerLine = z.object({
  id: rowId,
  seq: rowId,
  kind: z.enum(ledgerEntryKinds),
  category: z.enum(ledgerCategories),
  credits: z.number(),
  hash: z.string(),
  recordedAt: isoTime,
});
export const claim = outcomeRow.extend({
  student: z.object({ id: rowId, studentNo: z.string(), name: z.string() }),
  evidenceFiles: z.array(attachmentInfo),
  ledger: z.array(claimLedgerLine),
});
/** A server-paged list as the credit bank answers it: this page's items and the total (page and pageSize are not echoed). */
const totalAndItems = <T extends z.ZodType>(item: T) => z.object({ total: count, items: z.array(item) });
export const claimQueue = totalAndItems(claim);
/** What granting a claim gives (the reviewer's confirmation), or why this reviewer cannot grant it. */
export const grantPreviewAnswer = z.object({
  claimId: rowId,
  status: z.enum(claimStatuses),
  fourEyes: z.boolean(),
  mayGrant: z.boolean(),
  refusal: z.string().nullable(),
  credits: z.number().nullable(),
  category: z.enum(ledgerCategories).nullable(),
  explanation: z.string().nullable(),
  cappedFrom: z.number().nullable(),
  crossGroup: z.boolean(),
  ruleSetId: rowId.nullable(),
});
/** The credit bank's review settings of an institution (revision 0: the defaults). */
export const creditbankSettingsAnswer = z.object({
  institutionId: rowId,
  fourEyes: z.boolean(),
  revision: count,
  updatedAt: isoTime.nullable(),
  updatedBy: rowId.nullable(),
});
/** Whether a claim would be refused as an outcome already on record, in the refusal's words (the claim form's live check). */
export const claimCheck = z.object({
  duplicate: z.boolean(),
  reason: z.enum(['same_certificate_level', 'same_number']).nullable(),
  /** The claim that holds the place, when it is the student's own. */
  claimId: rowId.nullable(),
  message: z.string().nullable(),
});

/** A row of `ledger_entries`. */
export const ledgerEntryRow = z.object({
  id: rowId,
  institutionId: rowId,
  seq: rowId,
  studentId: rowId,
  outcomeId: rowId,
  kind: z.enum(ledgerEntryKinds),
  category: z.enum(ledgerCategories),
  credits: z.number(),
  exemptedCourseId: rowId.nullable(),
  ruleSetId: rowId.nullable(),
  reason: z.string().nullable(),
  actorUserId: rowId.nullable(),
  recordedAt: isoTime,
  prevHash: z.string(),
  hash: z.string(),
});
export const creditBalances = z.object({
  course: z.number(),
  certificate: z.number(),
  competition: z.number(),
  exemption: z.number(),
  converted: z.number(),
  total: z.number(),
});
/** What a student may still convert under today's rules; the cap and the rule figures are null when no rules are in force. */
export const conversionAllowance = z.object({
  ruleSetId: rowId.nullable(),
  cap: z.number().nullable(),
  used: z.number(),
  remaining: z.number().nullable(),
  maxPerStudent: z.number().nullable(),
  programmeShare: z.number().nullable(),
  programmeGraduationCredits: z.number().nullable(),
});
export const creditAccount = z.object({
  student: z.object({ id: rowId, studentNo: z.string(), name: z.string(), majorName: z.string(), cohortYear: z.number().int() }),
  balances: creditBalances,
  entries: z.array(ledgerEntryRow),
  claims: z.array(outcomeRow),
  conversion: conversionAllowance,
  levels: z.array(certificateLevel),
});

export const ledgerVerification = z.object({
  institutionId: rowId,
  intact: z.boolean(),
  entries: count,
  headSeq: rowId,
  headHash: z.string().nullable(),
  problems: z.array(z.object({ entryId: rowId.nullable(), seq: rowId, problem: z.enum(ledgerProblems) })),
  checkedAt: isoTime,
  milliseconds: z.number(),
});
export const courseCreditSync = z.object({ granted: count, reversed: count });

// ---- Imported results under review (人工核对)

/** The student a review row may belong to, as the queue names them. */
const reviewCandidate = z.object({ id: rowId, studentNo: z.string(), name: z.string(), majorName: z.string() });
/** A row of `certificate_import_reviews` without the sealed and hashed ID number, with its certificate and candidate. */
export const importReview = z.object({
  id: rowId,
  institutionId: rowId,
  importBatchId: z.string().nullable(),
  rowNo: z.number().int().nullable(),
  identityKey: z.string(),
  certificateId: rowId,
  level: certificateLevel,
  certificateNo: z.string(),
  issuedOn: isoDateText.nullable(),
  personName: z.string(),
  idNumberMasked: z.string(),
  reason: z.enum(importReviewReasons),
  candidateStudentId: rowId.nullable(),
  status: z.enum(importReviewStatuses),
  outcomeId: rowId.nullable(),
  resolvedBy: rowId.nullable(),
  resolvedAt: isoTime.nullable(),
  note: z.string().nullable(),
  createdBy: rowId.nullable(),
  createdAt: isoTime,
  revision: count,
  /** The queue's items carry the certificate's id too; a single row does not. */
  certificate: z.object({ id: rowId.optional(), code: z.string(), name: z.string() }).nullable(),
  candidate: reviewCandidate.nullable(),
});
export const importReviewQueue = totalAndItems(importReview);

// ---- The apprentice pathway

const stageKey = z.enum(stageKeys);
export const pathwayCriterionResult = z.object({
  key: z.enum(['academic', 'certificate']),
  label: bilingual,
  met: z.boolean(),
  detail: bilingual,
});
export const pathwayStageResult = z.object({
  key: stageKey,
  name: bilingual,
  reached: z.boolean(),
  criteria: z.array(pathwayCriterionResult),
});
export const studentPathwayAnswer = z.object({
  studentId: rowId,
  clusterId: rowId.nullable(),
  current: stageKey.nullable(),
  next: stageKey.nullable(),
  stages: z.array(pathwayStageResult),
  missing: z.array(pathwayCriterionResult),
  facts: z.object({
    majorLevel: z.enum(majorLevels),
    status: z.enum(studentStatuses),
    courseworkCredits: z.number(),
    programmeGraduationCredits: z.number().nullable(),
    highestCertificate: z.object({ level: certificateLevel, name: z.string() }).nullable(),
  }),
});
const academicCriterion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secondary_done') }),
  z.object({ kind: z.literal('credit_share'), share: z.number(), fallbackCredits: z.number() }),
  z.object({ kind: z.literal('graduated') }),
]);
export const stageCriteria = z.object({ key: stageKey, academic: academicCriterion, minCertificateLevel: certificateLevel });
export const pathwaySettings = z.object({
  clusterId: rowId,
  defaults: z.array(stageCriteria),
  stages: z.array(stageCriteria),
  revision: count,
  isDefault: z.boolean(),
  updatedAt: isoTime.nullable(),
  names: z.record(stageKey, bilingual),
});
export const pathwayDistributionAnswer = z.object({
  clusterId: rowId,
  stages: z.array(z.object({ key: stageKey, name: bilingual })),
  majors: z.array(
    z.object({
      majorId: rowId,
      code: z.string(),
      name: z.string(),
      total: count,
      counts: z.record(z.enum(['none', ...stageKeys]), count),
    }),
  ),
});

// ---- Verifiable credentials

export const myCredentialList = z.object({
  items: z.array(
    z.object({
      outcomeId: rowId,
      kind: z.enum(outcomeKinds),
      achievementName: z.string(),
      achievementType: z.enum(achievementTypes),
      credits: z.number(),
      grantedAt: isoTime,
      state: z.enum(credentialStates),
      credentialId: z.uuid().nullable(),
      issuedAt: isoTime.nullable(),
      /** The transcript's columns (null for a reversed outcome, which is no longer on it). */
      category: z.enum(ledgerCategories),
      code: z.string().nullable(),
      term: bilingual.nullable(),
      /** 成绩 / 等级: a course's score or grade, a certificate's level, an award's prize. */
      result: bilingual.nullable(),
    }),
  ),
});

/**
 * JSON-LD documents are described as loose objects: the keys named here are checked and documented, any
 * other key is kept as it is (a signed document must reach its verifier whole).
 */
const jsonLdContext = z.array(z.union([z.string(), z.record(z.string(), z.unknown())]));
const dataIntegrityProof = z.looseObject({
  type: z.literal('DataIntegrityProof'),
  cryptosuite: z.literal('eddsa-rdfc-2022'),
  created: isoTime,
  verificationMethod: z.string(),
  proofPurpose: z.string(),
  proofValue: z.string(),
});
const bitstringStatusListEntry = z.looseObject({
  id: z.string(),
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.literal('revocation'),
  statusListIndex: z.string(),
  statusListCredential: z.string(),
});
const hashedIdentityObject = z.looseObject({
  type: z.literal('IdentityObject'),
  identityType: z.enum(identityTypes),
  hashed: z.boolean(),
  identityHash: z.string(),
  salt: z.string(),
});
const openBadgeAchievement = z.looseObject({
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  description: z.string(),
  achievementType: z.enum(achievementTypes),
  criteria: z.looseObject({ narrative: z.string() }),
  creditsAvailable: z.number(),
  humanCode: z.string().optional(),
  inLanguage: z.string(),
});
/** An Open Badges 3.0 OpenBadgeCredential as issued and stored (keys in the data model's order, as the service sorts them). */
export const openBadgeCredential = z.looseObject({
  '@context': jsonLdContext,
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  description: z.string(),
  issuer: z.looseObject({ id: z.string(), type: z.array(z.string()), name: z.string() }),
  validFrom: isoTime,
  awardedDate: isoTime,
  credentialSubject: z.looseObject({
    type: z.array(z.string()),
    identifier: z.array(hashedIdentityObject),
    achievement: openBadgeAchievement,
    creditsEarned: z.number(),
    result: z.array(z.looseObject({ type: z.array(z.string()), value: z.string() })).optional(),
  }),
  credentialStatus: bitstringStatusListEntry,
  proof: dataIntegrityProof,
});
export type OpenBadgeCredential = z.output<typeof openBadgeCredential>;
export const issuedCredential = z.object({
  created: z.boolean(),
  id: z.uuid(),
  outcomeId: rowId,
  issuedAt: isoTime,
  statusListId: z.uuid(),
  statusIndex: count,
  credential: openBadgeCredential,
});

/** The issuer's Open Badges Profile, also the controller document of every key it ever signed with. */
export const issuerProfileDocument = z.looseObject({
  '@context': jsonLdContext,
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  verificationMethod: z.array(
    z.looseObject({
      id: z.string(),
      type: z.literal('Multikey'),
      controller: z.string(),
      publicKeyMultibase: z.string(),
    }),
  ),
  assertionMethod: z.array(z.string()),
});
export type IssuerProfileDocument = z.output<typeof issuerProfileDocument>;

/** A signed BitstringStatusListCredential (W3C Bitstring Status List v1.0). */
export const statusListCredentialDocument = z.looseObject({
  '@context': jsonLdContext,
  id: z.string(),
  type: z.array(z.string()),
  issuer: z.string(),
  validFrom: isoTime,
  credentialSubject: z.looseObject({
    id: z.string(),
    type: z.literal('BitstringStatusList'),
    statusPurpose: z.literal('revocation'),
    encodedList: z.string(),
  }),
  proof: dataIntegrityProof,
});
export type StatusListCredentialDocument = z.output<typeof statusListCredentialDocument>;

/** The verification report: every check, and what the presented credential says (its own words, null where absent). */
export const credentialVerification = z.object({
  verified: z.boolean(),
  revoked: z.boolean(),
  checks: z.array(z.object({ check: z.enum(credentialCheckNames), ok: z.boolean(), message: z.string() })),
  credential: z.object({
    id: z.string().nullable(),
    name: z.string().nullable(),
    validFrom: isoTime.nullable(),
    validUntil: isoTime.nullable(),
    awardedDate: isoTime.nullable(),
  }),
  issuer: z.object({ id: z.string(), name: z.string().nullable(), known: z.boolean() }),
  achievement: z.object({
    id: z.string().nullable(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    achievementType: z.string().nullable(),
    humanCode: z.string().nullable(),
    creditsAvailable: z.number().nullable(),
    criteria: z.string().nullable(),
    creditsEarned: z.number().nullable(),
    result: z.array(z.string()),
  }),
});

export type CertificateRow = z.output<typeof certificateRow>;
export type CompetitionRow = z.output<typeof competitionRow>;
export type RuleSetVersion = z.output<typeof ruleSetVersion>;
export type OutcomeRow = z.output<typeof outcomeRow>;
export type LedgerEntryRow = z.output<typeof ledgerEntryRow>;
export type ImportReview = z.output<typeof importReview>;

/** What a printed transcript's QR code shows anyone: each credential on it, with the verifier's report. */
export const publicTranscriptAnswer = z.object({
  institutionName: z.string(),
  printedAt: isoTime,
  items: z.array(z.object({ credential: openBadgeCredential, verification: credentialVerification })),
});
