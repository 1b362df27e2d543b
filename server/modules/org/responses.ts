/** What the org module's routes answer (the OpenAPI document and the web client's types come from these). */
import { z } from 'zod';
import { isoDateText, isoTime, pageOf } from '../../platform/http.ts';
import { majorStatuses, studentStatuses } from './rules.ts';

const majorStatus = z.enum(majorStatuses);

export const alliance = z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string(), createdAt: isoTime });
export const institution = z.object({
  id: z.number(),
  allianceId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  createdAt: isoTime,
});
export const institutionList = z.object({
  alliances: z.array(alliance),
  institutions: z.array(
    institution.extend({
      /** Every alliance it belongs to, with its role there (lead = 牵头单位). */
      memberships: z.array(
        z.object({ allianceId: z.number(), role: z.enum(['lead', 'member']), joinedOn: z.string().nullable().optional() }),
      ),
    }),
  ),
});

export const department = z.object({
  id: z.number(),
  institutionId: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

const groupColumns = {
  id: z.number(),
  institutionId: z.number(),
  clusterId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  departmentId: z.number().nullable(),
  coreMajorCode: z.string().nullable(),
  industryChain: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
};
export const group = z.object(groupColumns);

const majorColumns = {
  id: z.number(),
  institutionId: z.number(),
  code: z.string(),
  name: z.string(),
  departmentId: z.number().nullable(),
  groupId: z.number().nullable(),
  level: z.string(),
  firstEnrolmentYear: z.number().nullable(),
  status: majorStatus,
  createdAt: isoTime,
  updatedAt: isoTime,
};
export const major = z.object(majorColumns);

export const clusterTree = z.array(
  z.object({
    id: z.number(),
    institutionId: z.number(),
    code: z.string(),
    name: z.string(),
    formedOn: z.string().nullable(),
    description: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
    groups: z.array(
      group.extend({
        majors: z.array(
          z.object({
            id: z.number(),
            code: z.string(),
            name: z.string(),
            groupId: z.number().nullable(),
            status: majorStatus,
            level: z.string(),
            departmentId: z.number().nullable(),
            firstEnrolmentYear: z.number().nullable(),
            students: z.number(),
          }),
        ),
        students: z.number(),
        teachers: z.number(),
        dualQualifiedTeachers: z.number(),
      }),
    ),
    majors: z.number(),
    students: z.number(),
    teachers: z.number(),
  }),
);

/** Every major of an institution, in a group or not (表 1-1 and more), with its enrolled students. */
export const majorList = z.array(
  z.object({
    ...majorColumns,
    clusterId: z.number().nullable(),
    /** Enrolled students (在读). */
    students: z.number(),
  }),
);

export const groupDetail = group.extend({ majors: z.array(major) });

const klass = z.object({
  id: z.number(),
  institutionId: z.number(),
  code: z.string(),
  name: z.string(),
  majorId: z.number(),
  cohortYear: z.number(),
  headTeacherId: z.number().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export const majorDetail = major.extend({
  statusHistory: z.array(
    z.object({
      id: z.number(),
      institutionId: z.number(),
      majorId: z.number(),
      fromStatus: majorStatus.nullable(),
      toStatus: majorStatus,
      effectiveYear: z.number().nullable(),
      reason: z.string().nullable(),
      changedBy: z.number().nullable(),
      changedAt: isoTime,
    }),
  ),
  students: z.number(),
  classes: z.array(klass),
});

export const term = z.object({
  id: z.number(),
  institutionId: z.number(),
  code: z.string(),
  academicYear: z.string(),
  termNo: z.number(),
  startsOn: isoDateText,
  endsOn: isoDateText,
  /** The Monday of teaching week 1 (第一教学周周一). */
  firstWeekStartsOn: isoDateText,
  /** Teaching weeks from week 1 to the week of the last day. */
  teachingWeeks: z.number(),
  /** Today's teaching week (Beijing time), or null outside the term's teaching weeks. */
  currentWeek: z.number().nullable(),
});

export const classList = z.array(
  z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    majorId: z.number(),
    cohortYear: z.number(),
    majorName: z.string(),
    students: z.number(),
  }),
);

const studentStatus = z.enum(studentStatuses);

export const studentPage = pageOf(
  z.object({
    id: z.number(),
    studentNo: z.string(),
    name: z.string(),
    gender: z.string().nullable(),
    cohortYear: z.number(),
    majorId: z.number(),
    majorCode: z.string(),
    majorName: z.string(),
    classId: z.number().nullable(),
    className: z.string().nullable(),
    status: studentStatus,
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
  }),
);

export const teacherPage = pageOf(
  z.object({
    id: z.number(),
    staffNo: z.string(),
    name: z.string(),
    gender: z.string().nullable(),
    title: z.string().nullable(),
    isDualQualified: z.boolean(),
    status: z.string(),
    departmentId: z.number().nullable(),
    departmentName: z.string().nullable(),
    homeGroupId: z.number().nullable(),
    homeGroupName: z.string().nullable(),
    phone: z.string().nullable(),
    idNumber: z.string().nullable(),
  }),
);

export const studentDetail = z.object({
  id: z.number(),
  institutionId: z.number(),
  studentNo: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  cohortYear: z.number(),
  majorId: z.number(),
  majorCode: z.string().nullable(),
  majorName: z.string().nullable(),
  classId: z.number().nullable(),
  classCode: z.string().nullable(),
  className: z.string().nullable(),
  status: studentStatus,
  /** Masked, except on the student's own record when they ask; others reveal one field at a time (POST …/reveal). */
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  piiRevealed: z.boolean(),
  /** Whether the asker may reveal the numbers in full (people.pii on the student's major, or their own record). */
  canReveal: z.boolean(),
});

/** One personal field in clear (null when none is on record). */
export const revealed = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string().nullable() });

/** A student as stored, without the sealed and hashed columns. */
export const studentRecord = z.object({
  id: z.number(),
  institutionId: z.number(),
  studentNo: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  cohortYear: z.number(),
  majorId: z.number(),
  classId: z.number().nullable(),
  status: studentStatus,
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const teacherDetail = z.object({
  id: z.number(),
  institutionId: z.number(),
  staffNo: z.string(),
  name: z.string(),
  gender: z.string().nullable(),
  departmentId: z.number().nullable(),
  homeGroupId: z.number().nullable(),
  title: z.string().nullable(),
  isDualQualified: z.boolean(),
  status: z.string(),
  email: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  piiRevealed: z.boolean(),
  canReveal: z.boolean(),
});

export const myStudent = z.object({ student: studentDetail.nullable() });

const contact = z.object({
  id: z.number(),
  institutionId: z.number(),
  name: z.string(),
  position: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: isoTime,
  phone: z.string().nullable(),
});
export const contactList = z.object({
  enterprise: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  items: z.array(contact.extend({ piiRevealed: z.boolean() })),
});
export const createdContact = contact.extend({ phoneMasked: z.string().nullable() });
