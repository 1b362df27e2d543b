/**
 * Response schemas of the courses module's routes (routes.ts). The serializer encodes each answer
 * with its schema and drops keys a schema does not name, so every schema lists exactly what its
 * service function returns.
 */
import { z } from 'zod';
import { bilingual, isoTime, pageOf } from '../../platform/http.ts';
import { programmeStatuses } from './programme-service.ts';
import { copyUses } from './programme-copy.ts';
import { programmeTextsResponse } from './programme-texts.ts';
import {
  assessmentTypes,
  clashKinds,
  courseLayers,
  courseStatuses,
  enrolmentSources,
  gradeLevels,
  gradeSchemes,
  moduleTypes,
  ruleNames,
  ruleStatuses,
  sectionStatuses,
  selectionModes,
  versionedFields,
} from './rules.ts';
import { selectionOutcomes } from './selection-state.ts';
import { sectionAvailabilities } from './selection-views.ts';
import { windowPhases } from './selection-windows.ts';

/** An optional timestamp (a nullable timestamptz column). */
export const optionalTime = isoTime.nullable();
/** Parameters of a translated message (numbers, texts, or a word in both languages). */
export const messageParams = z.record(z.string(), z.union([z.string(), z.number(), bilingual]));
/** A term as a student's pages name it. */
export const termLabel = z.object({ id: z.number(), code: z.string(), academicYear: z.string(), termNo: z.number() });
export const weeklyMeeting = z.object({
  weekday: z.number(),
  firstPeriod: z.number(),
  lastPeriod: z.number(),
  firstWeek: z.number(),
  lastWeek: z.number(),
});

// ---- Course pool

const courseLayer = z.enum(courseLayers);

/** The versioned fields of a course version. */
const courseVersionFields = {
  name: z.string(),
  nameEn: z.string().nullable(),
  credits: z.number(),
  theoryHours: z.number(),
  practiceHours: z.number(),
  assessment: z.enum(assessmentTypes),
  layer: courseLayer,
  moduleType: z.enum(moduleTypes),
  ownerGroupId: z.number().nullable(),
  certificateCodes: z.array(z.string()),
  prerequisiteCodes: z.array(z.string()),
  description: z.string().nullable(),
};

/** A course with its current version (presentCourse). */
export const courseSummary = z.object({
  id: z.number(),
  code: z.string(),
  clusterId: z.number(),
  institutionId: z.number(),
  status: z.enum(courseStatuses),
  versionNo: z.number(),
  versionId: z.number(),
  ...courseVersionFields,
  hours: z.number(),
  updatedAt: isoTime,
});

/** A professional group of the cluster, as the course pool's filters list them. */
export const clusterGroup = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  institutionId: z.number(),
});

export const coursePage = pageOf(courseSummary).extend({ groups: z.array(clusterGroup) });

export const courseVersion = z.object({
  versionNo: z.number(),
  id: z.number(),
  createdAt: isoTime,
  createdBy: z.number().nullable(),
  ...courseVersionFields,
});

export const courseDetail = courseSummary.extend({ versions: z.array(courseVersion) });

/** A value of a versioned field as the versions hold it. */
const courseFieldValue = z.union([z.string(), z.number(), z.array(z.string())]).nullable();
export const courseFieldChange = z.object({ field: z.enum(versionedFields), from: courseFieldValue, to: courseFieldValue });
const courseFieldChangeLoose = z.object({ field: z.string(), from: courseFieldValue, to: courseFieldValue });

export const editedCourse = courseSummary.extend({ changes: z.array(courseFieldChange) });

export const courseDiff = z.object({
  courseId: z.number(),
  code: z.string(),
  from: z.number(),
  to: z.number(),
  changes: z.array(courseFieldChange),
});

export const creditStructureRules = z.object({
  sharedCourseCount: z.number(),
  sharedCredits: z.number(),
  coreCredits: z.number(),
  crossGroupExtensionCredits: z.number(),
  practiceShareMin: z.number(),
  totalCreditsMin: z.number(),
  totalCreditsMax: z.number(),
  termCreditsMax: z.number(),
  termCount: z.number(),
});

/** Which credit-rule version a programme (or a cohort) is checked against; id null = the seeds' defaults. */
export const ruleVersionRef = z.object({
  id: z.number().nullable(),
  versionNo: z.number().nullable(),
  effectiveFromCohort: z.number().nullable(),
  lastCohort: z.number().nullable(),
  pinned: z.boolean(),
  inForceVersionNo: z.number().nullable(),
});

// ---- Programmes

const programmeStatus = z.enum(programmeStatuses);

/** Every column of a programme row, and its status in both languages. */
export const programme = z.object({
  id: z.number(),
  institutionId: z.number(),
  clusterId: z.number(),
  majorId: z.number(),
  groupId: z.number(),
  cohortYear: z.number(),
  name: z.string(),
  graduationCredits: z.number(),
  electiveCreditsRequired: z.number(),
  status: programmeStatus,
  revision: z.number(),
  copiedFromId: z.number().nullable(),
  submittedBy: z.number().nullable(),
  submittedAt: optionalTime,
  reviewedBy: z.number().nullable(),
  reviewedAt: optionalTime,
  reviewComment: z.string().nullable(),
  publishedBy: z.number().nullable(),
  publishedAt: optionalTime,
  creditRuleVersionId: z.number().nullable(),
  createdBy: z.number().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  statusLabel: bilingual,
});

export const programmeListRow = programme.extend({
  majorCode: z.string(),
  majorName: z.string(),
  courseCount: z.number(),
  requiredCredits: z.number(),
});
export const programmeList = z.array(programmeListRow);

/** A course placed in a programme, on the version the programme was built with. */
export const programmeItem = z.object({
  id: z.number(),
  courseId: z.number(),
  courseVersionId: z.number(),
  versionNo: z.number(),
  latestVersionNo: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  termNo: z.number(),
  isElective: z.boolean(),
  credits: z.number(),
  theoryHours: z.number(),
  practiceHours: z.number(),
  assessment: z.enum(assessmentTypes),
  layer: courseLayer,
  moduleType: z.enum(moduleTypes),
  ownerGroupId: z.number().nullable(),
  prerequisiteCodes: z.array(z.string()),
  certificateCodes: z.array(z.string()),
});

export const programmeMetrics = z.object({
  totalCredits: z.number(),
  requiredCredits: z.number(),
  sharedCourseCount: z.number(),
  sharedCredits: z.number(),
  coreCredits: z.number(),
  crossGroupExtensionCredits: z.number(),
  electiveOptionCredits: z.number(),
  practiceHours: z.number(),
  totalHours: z.number(),
  practiceShare: z.number(),
  creditsByTerm: z.array(z.number()),
  sharedFoundationRatio: z.number(),
  sharedExtensionRatio: z.number(),
  extensionPartCredits: z.number(),
});

/** One finding of the credit-structure check, with its message in the request's language. */
export const ruleFinding = z.object({
  rule: z.enum(ruleNames),
  status: z.enum(ruleStatuses),
  actual: z.number().nullable(),
  required: z.number().nullable(),
  courses: z.array(z.string()).optional(),
  messageKey: z.string(),
  params: messageParams,
  message: z.string(),
});

export const ruleCheck = z.object({ passed: z.boolean(), metrics: programmeMetrics, results: z.array(ruleFinding) });

export const programmeMajor = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  groupId: z.number().nullable(),
  groupName: z.string().nullable(),
});

export const programmeDetail = programme.extend({
  major: programmeMajor.nullable(),
  items: z.array(programmeItem),
  rules: creditStructureRules,
  ruleVersion: ruleVersionRef,
  check: ruleCheck,
  /** The document's text parts (入学要求 … 毕业要求); '' where nothing is written. */
  texts: programmeTextsResponse,
  /** On a copy: what could not be carried over as it was, and what was done with it. */
  copyReport: z
    .object({
      sourceId: z.number(),
      sourceName: z.string(),
      sourceCohortYear: z.number(),
      creditsBefore: z.number(),
      creditsAfter: z.number(),
      entries: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          kind: z.enum(['retired', 'new_version']),
          use: z.enum(copyUses),
          fromVersion: z.number(),
          toVersion: z.number().nullable(),
          credits: z.number(),
          toCredits: z.number().nullable(),
          replacement: z.object({ code: z.string(), name: z.string(), credits: z.number() }).nullable(),
          changes: z.array(courseFieldChangeLoose),
        }),
      ),
    })
    .nullable(),
});

/** A failing credit-structure rule with its reason in the request's language. */
const ruleFailure = z.object({ rule: z.enum(ruleNames), status: z.enum(ruleStatuses), message: z.string() });

const programmeSide = z.object({
  id: z.number(),
  name: z.string(),
  cohortYear: z.number(),
  status: programmeStatus,
  major: programmeMajor.nullable(),
  metrics: programmeMetrics,
  passed: z.boolean(),
  failures: z.array(ruleFailure),
});

export const programmeComparison = z.object({
  left: programmeSide,
  right: programmeSide,
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'same']),
      left: programmeItem.nullable(),
      right: programmeItem.nullable(),
      differences: z.array(z.string()),
      /** Each differing field, A's value → B's value. */
      changes: z.array(
        z.object({
          field: z.string(),
          from: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).nullable(),
          to: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).nullable(),
        }),
      ),
    }),
  ),
  counts: z.object({ added: z.number(), removed: z.number(), changed: z.number(), same: z.number() }),
});

const replacementCandidate = z.object({
  courseId: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  credits: z.number(),
  layer: courseLayer,
  moduleType: z.enum(moduleTypes),
  ownerGroupId: z.number().nullable(),
});

/** What copying to another cohort would do, with the decisions given; nothing is written. */
export const programmeCopyPreview = z.object({
  sourceId: z.number(),
  sourceName: z.string(),
  name: z.string(),
  majorId: z.number(),
  cohortYear: z.number(),
  exists: z.boolean(),
  carried: z.number(),
  creditsBefore: z.number(),
  creditsAfter: z.number(),
  passed: z.boolean(),
  failures: z.array(ruleFailure),
  issues: z.array(
    z.object({
      courseId: z.number(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      termNo: z.number(),
      isElective: z.boolean(),
      kind: z.enum(['retired', 'new_version']),
      fromVersion: z.number(),
      toVersion: z.number().nullable(),
      credits: z.number(),
      toCredits: z.number().nullable(),
      changes: z.array(courseFieldChangeLoose),
      uses: z.array(z.enum(copyUses)),
      replacements: z.array(replacementCandidate),
      suggestedReplacementId: z.number().nullable(),
      use: z.enum(copyUses),
      replacementId: z.number().nullable(),
    }),
  ),
});

export const programmeDeleted = z.object({ id: z.number(), deleted: z.literal(true) });

// ---- Offerings

/** Every column of a section row. */
const sectionColumns = {
  id: z.number(),
  institutionId: z.number(),
  termId: z.number(),
  courseId: z.number(),
  courseVersionId: z.number(),
  windowId: z.number().nullable(),
  code: z.string(),
  capacity: z.number(),
  enrolledCount: z.number(),
  waitlistCount: z.number(),
  waitlistSeq: z.number(),
  room: z.string().nullable(),
  gradeScheme: z.enum(gradeSchemes),
  gradesPublishedAt: optionalTime,
  status: z.enum(sectionStatuses),
  createdAt: isoTime,
  updatedAt: isoTime,
};

/** The course a section teaches (its version's facts). */
const sectionCourse = {
  courseCode: z.string(),
  courseName: z.string(),
  courseNameEn: z.string().nullable(),
  credits: z.number(),
  layer: courseLayer,
  ownerGroupId: z.number().nullable(),
};

/** A section in a term's list: with its meetings and teachers' names. */
export const sectionListItem = z.object({
  ...sectionColumns,
  ...sectionCourse,
  seatsLeft: z.number(),
  meetings: z.array(weeklyMeeting),
  teachers: z.array(z.object({ id: z.number(), name: z.string() })),
});
export const sectionPage = pageOf(sectionListItem);

/** A section with its teachers, classes and weekly meetings. */
export const sectionDetail = z.object({
  ...sectionColumns,
  ...sectionCourse,
  teachers: z.array(z.object({ id: z.number(), name: z.string(), staffNo: z.string() })),
  classes: z.array(z.object({ id: z.number(), name: z.string(), code: z.string() })),
  meetings: z.array(weeklyMeeting),
  seatsLeft: z.number(),
});

export const classEnrolment = z.object({ added: z.number(), enrolled: z.number() });

const rosterEntry = z.object({
  enrolmentId: z.number(),
  studentId: z.number(),
  studentNo: z.string(),
  name: z.string(),
  majorName: z.string(),
  source: z.enum(enrolmentSources),
  at: isoTime,
});

export const sectionRoster = z.object({
  sectionId: z.number(),
  code: z.string(),
  capacity: z.number(),
  enrolledCount: z.number(),
  waitlistCount: z.number(),
  enrolled: z.array(rosterEntry),
  waitlist: z.array(rosterEntry.extend({ position: z.number() })),
});

export const termClash = z.object({
  kind: z.enum(clashKinds),
  /** Teacher or class id, or the room name. */
  resource: z.union([z.number(), z.string()]),
  otherSectionId: z.number(),
  otherSectionCode: z.string(),
  otherCourseName: z.string(),
  meeting: weeklyMeeting,
  sectionId: z.number(),
  sectionCode: z.string(),
  message: z.string(),
});

export const termClashes = z.object({ termId: z.number(), count: z.number(), clashes: z.array(termClash) });

// ---- Selection

/** A selection window as anyone may see it: every column but the draw snapshot; the seed only after the draw. */
export const selectionWindow = z.object({
  id: z.number(),
  institutionId: z.number(),
  termId: z.number(),
  name: z.string(),
  mode: z.enum(selectionModes),
  cohortYears: z.array(z.number()),
  opensAt: isoTime,
  closesAt: isoTime,
  dropDeadline: isoTime,
  creditCap: z.number(),
  maxChoices: z.number(),
  maxCourses: z.number(),
  waitlistLimit: z.number(),
  lotterySeed: z.string().nullable(),
  inputsHash: z.string().nullable(),
  resultHash: z.string().nullable(),
  drawnBy: z.number().nullable(),
  drawnAt: optionalTime,
  createdBy: z.number().nullable(),
  createdAt: isoTime,
  phase: z.enum(windowPhases),
});

/** A window in the list, with its sections' count and seats (capacity, enrolled, waitlisted summed over them). */
export const windowListRow = selectionWindow.extend({
  sections: z.number(),
  capacity: z.number(),
  enrolled: z.number(),
  waitlisted: z.number(),
});
export const windowList = z.array(windowListRow);

/** A section offered in a window, with seats left. */
export const windowSection = z.object({
  id: z.number(),
  code: z.string(),
  capacity: z.number(),
  enrolledCount: z.number(),
  waitlistCount: z.number(),
  room: z.string().nullable(),
  status: z.enum(sectionStatuses),
  courseId: z.number(),
  courseCode: z.string(),
  courseName: z.string(),
  courseNameEn: z.string().nullable(),
  credits: z.number(),
  layer: courseLayer,
  ownerGroupId: z.number().nullable(),
  prerequisiteCodes: z.array(z.string()),
  seatsLeft: z.number(),
  meetings: z.array(weeklyMeeting),
});

export const windowDetail = selectionWindow.extend({ sections: z.array(windowSection) });

export const drawResult = z.object({
  windowId: z.number(),
  seed: z.string(),
  inputsHash: z.string(),
  resultHash: z.string(),
  students: z.number(),
  allocated: z.number(),
  waitlisted: z.number(),
  drawnAt: isoTime,
});

export const drawVerification = z.object({
  windowId: z.number(),
  seed: z.string(),
  recordedResultHash: z.string().nullable(),
  recomputedResultHash: z.string(),
  matches: z.boolean(),
});

export const savedPreferences = z.object({ windowId: z.number(), sectionIds: z.array(z.number()) });

/** A student's active place (enrolled or waitlisted) with its section and course. */
export const studentEnrolment = z.object({
  id: z.number(),
  sectionId: z.number(),
  termId: z.number(),
  status: z.enum(['enrolled', 'waitlisted']),
  waitlistSeq: z.number().nullable(),
  source: z.enum(enrolmentSources),
  sectionCode: z.string(),
  room: z.string().nullable(),
  windowId: z.number().nullable(),
  courseId: z.number(),
  courseCode: z.string(),
  courseName: z.string(),
  courseNameEn: z.string().nullable(),
  credits: z.number(),
  layer: courseLayer,
  ownerGroupId: z.number().nullable(),
  /** Place in the waitlist (1 = next), null when enrolled. */
  position: z.number().nullable(),
  meetings: z.array(weeklyMeeting),
});

export const mySelection = z.object({
  student: z.object({
    id: z.number(),
    studentNo: z.string(),
    name: z.string(),
    cohortYear: z.number(),
    majorName: z.string(),
    groupId: z.number().nullable(),
  }),
  windows: z.array(
    selectionWindow.extend({
      /** Credits of the student's places in the window's term (waitlisted ones too), as the credit cap counts them. */
      heldCredits: z.number(),
      sections: z.array(
        windowSection.extend({
          crossGroup: z.boolean(),
          ownGroup: z.boolean(),
          ownerGroupName: z.string().nullable(),
          /**
           * held: the student has a place; open: may take a seat; waitlist: full, may join the waitlist;
           * blocked: may not, for blockedReason (the selection's refusal, in blockedMessage).
           */
          availability: z.enum(sectionAvailabilities),
          blockedReason: z.string().nullable(),
          blockedMessage: z.string().nullable(),
        }),
      ),
      preferences: z.array(z.number()),
    }),
  ),
  enrolments: z.array(studentEnrolment),
  terms: z.array(termLabel),
});

/** The answer to a selection or a drop that succeeded (refusals are 409 with an error body). */
export const selectionAnswer = z.object({
  outcome: z.enum(selectionOutcomes),
  sectionId: z.number(),
  position: z.number().nullable(),
  message: z.string(),
});

/** When each period (节次) of the day begins and ends, Beijing time. */
export const periodTime = z.object({ period: z.number(), startsAt: z.string(), endsAt: z.string() });
export const periodTimetable = z.object({
  institutionId: z.number(),
  periods: z.array(periodTime),
  /** True while the institution has not set its own (the defaults apply). */
  isDefault: z.boolean(),
  updatedAt: optionalTime,
});

/** A term of the student's programme, with its whole name and which programme term (第几学期) it is for them. */
export const timetableTerm = termLabel.extend({
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  firstWeekStartsOn: z.string(),
  weeks: z.number(),
  programmeTermNo: z.number(),
});

export const myTimetable = z.object({
  termId: z.number().nullable(),
  term: timetableTerm.nullable(),
  terms: z.array(timetableTerm),
  /** The places held in the term: the class's required courses and the student's electives. */
  items: z.array(studentEnrolment.extend({ kind: z.enum(['required', 'elective']) })),
  /** Required courses of the programme for this term that have no section for the student yet. */
  unscheduled: z.array(
    z.object({
      courseId: z.number(),
      courseCode: z.string(),
      courseName: z.string(),
      courseNameEn: z.string().nullable(),
      credits: z.number(),
      layer: courseLayer,
    }),
  ),
  periods: z.array(periodTime),
});

// ---- Grades and progress

export const gradeBook = z.object({
  sectionId: z.number(),
  code: z.string(),
  courseCode: z.string(),
  courseName: z.string(),
  courseNameEn: z.string().nullable(),
  credits: z.number(),
  scheme: z.enum(gradeSchemes),
  schemeLabel: bilingual,
  published: z.boolean(),
  publishedAt: optionalTime,
  /** The levels a grade of the scheme may take (null for percentages). */
  levels: z.array(bilingual).nullable(),
  students: z.array(
    z.object({
      studentId: z.number(),
      studentNo: z.string(),
      name: z.string(),
      majorName: z.string(),
      score: z.number().nullable(),
      level: z.enum(gradeLevels).nullable(),
      passed: z.boolean().nullable(),
    }),
  ),
});

export const savedGrades = z.object({ saved: z.number(), changed: z.number() });

export const publishedGrades = z.object({
  sectionId: z.number(),
  published: z.boolean(),
  earned: z.number(),
  alreadyPublished: z.boolean(),
});

/** A layer's credits: required, earned, under way (a place held, no grade yet) and still required (required − earned, at least 0). */
const layerProgress = z.object({ required: z.number(), earned: z.number(), inProgress: z.number(), remaining: z.number() });

export const studentProgress = z.object({
  student: z.object({ id: z.number(), studentNo: z.string(), name: z.string(), majorName: z.string(), cohortYear: z.number() }),
  programme: z
    .object({
      id: z.number(),
      name: z.string(),
      status: programmeStatus,
      statusLabel: z.string(),
      graduationCredits: z.number(),
    })
    .nullable(),
  layers: z.object({ shared: layerProgress, core: layerProgress, crossGroupExtension: layerProgress, total: layerProgress }),
  earned: z.array(
    z.object({
      courseId: z.number(),
      credits: z.number(),
      layer: courseLayer,
      crossGroup: z.boolean(),
      termId: z.number(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      termCode: z.string(),
    }),
  ),
  /** Courses under way: a place held and no grade yet. */
  inProgress: z.array(
    z.object({
      courseId: z.number(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      credits: z.number(),
      layer: courseLayer,
      crossGroup: z.boolean(),
      termId: z.number(),
      termCode: z.string(),
      sectionCode: z.string(),
    }),
  ),
  /** The programme's required courses not passed yet, with the programme term they belong to. */
  outstanding: z.array(
    z.object({
      courseId: z.number(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      credits: z.number(),
      layer: courseLayer,
      crossGroup: z.boolean(),
      termNo: z.number(),
      inProgress: z.boolean(),
    }),
  ),
});

export const myProgress = z.object({ progress: studentProgress.nullable() });
