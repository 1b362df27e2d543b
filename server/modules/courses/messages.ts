import { defineMessages } from '../../platform/messages.ts';
// The versioned credit-structure rules' messages live beside their code.
import './credit-rules-messages.ts';

/** The courses module's messages (zh-CN first, English complete). */
export const courseMessages = defineMessages({
  // 审计日志中的操作名称 / what each audit action is called in the audit log
  'audit.course.create': { 'zh-CN': '新增课程', en: 'Add a course' },
  'audit.course.update': { 'zh-CN': '修改课程', en: 'Change a course' },
  'audit.course.version': { 'zh-CN': '课程新版本', en: 'New course version' },
  'audit.course.publish': { 'zh-CN': '发布课程', en: 'Publish a course' },
  'audit.course.retire': { 'zh-CN': '停用课程', en: 'Retire a course' },
  'audit.course.rules': { 'zh-CN': '修改学分结构规则', en: 'Change the credit-structure rules' },
  'audit.grade.enter': { 'zh-CN': '录入成绩', en: 'Enter grades' },
  'audit.grade.correct': { 'zh-CN': '更正成绩', en: 'Correct a grade' },
  'audit.grade.publish': { 'zh-CN': '发布成绩', en: 'Publish grades' },
  'audit.programme.create': { 'zh-CN': '新建培养方案', en: 'Create a programme' },
  'audit.programme.update': { 'zh-CN': '修改培养方案', en: 'Change a programme' },
  'audit.programme.copy': { 'zh-CN': '复制培养方案', en: 'Copy a programme' },
  'audit.programme.submit': { 'zh-CN': '提交培养方案审核', en: 'Submit a programme' },
  'audit.programme.withdraw': { 'zh-CN': '撤回培养方案', en: 'Withdraw a programme' },
  'audit.programme.approve': { 'zh-CN': '批准培养方案', en: 'Approve a programme' },
  'audit.programme.reject': { 'zh-CN': '退回培养方案', en: 'Return a programme' },
  'audit.programme.publish': { 'zh-CN': '发布培养方案', en: 'Publish a programme' },
  'audit.programme.delete': { 'zh-CN': '删除培养方案草稿', en: 'Delete a draft programme' },
  'builder.delete_not_author': {
    'zh-CN': '只有方案的创建人或教务可以删除草稿',
    en: 'Only the author of the draft or academic affairs may delete it',
  },
  'builder.delete_not_draft': {
    'zh-CN': '培养方案状态为“{status}”，只有草稿可以删除',
    en: 'The programme is {status}; only drafts can be deleted',
  },
  'builder.copy_decision_unknown': {
    'zh-CN': '课程“{course}”不需要决定：它不在原方案中，或可以原样复制',
    en: 'Course {course} needs no decision: it is not in the programme, or it can be copied as it is',
  },
  'builder.copy_decision_invalid': {
    'zh-CN': '课程“{course}”不能选择“{use}”',
    en: 'Course {course}: you cannot {use}',
  },
  'builder.copy_replacement_invalid': {
    'zh-CN': '课程“{course}”的替换课程须是课程池中已发布、且不在方案中的课程',
    en: 'Course {course}: the replacement must be a published pool course that is not in the programme yet',
  },
  'audit.section.create': { 'zh-CN': '新增教学班', en: 'Add a section' },
  'audit.section.update': { 'zh-CN': '修改教学班', en: 'Change a section' },
  'audit.section.enrol_classes': { 'zh-CN': '按班级排课', en: 'Enrol classes in a section' },
  'audit.selection.enrol': { 'zh-CN': '选课成功', en: 'Enrolled in a section' },
  'audit.selection.waitlist': { 'zh-CN': '进入候补', en: 'Put on a waiting list' },
  'audit.selection.drop': { 'zh-CN': '退选', en: 'Drop a section' },
  'audit.selection.leave_waitlist': { 'zh-CN': '退出候补', en: 'Leave a waiting list' },
  'audit.selection.promote': { 'zh-CN': '候补转正', en: 'Promoted from the waiting list' },
  'audit.selection.preferences': { 'zh-CN': '提交选课志愿', en: 'Submit preferences' },
  'audit.window.create': { 'zh-CN': '新增选课轮次', en: 'Add a selection window' },
  'audit.window.update': { 'zh-CN': '修改选课轮次', en: 'Change a selection window' },
  'audit.window.draw': { 'zh-CN': '抽签', en: 'Run the lottery' },
  'course.bad_owner': {
    'zh-CN': '底层共享课程归属专业集群（不填开课专业群）；中层分立和高层互选课程必须指定开课专业群',
    en: 'Shared-platform courses belong to the cluster (no owner group); core and extension courses need an owner group',
  },
  'course.owner_outside_cluster': { 'zh-CN': '开课专业群不属于该专业集群', en: 'The owner group is not part of this cluster' },
  'course.unknown_prerequisite': { 'zh-CN': '先修课程“{codes}”不在课程池中', en: 'Prerequisite courses not in the pool: "{codes}"' },
  'course.self_prerequisite': { 'zh-CN': '课程不能以自身为先修课程', en: 'A course cannot be its own prerequisite' },
  'course.no_change': { 'zh-CN': '内容没有变化，未生成新版本', en: 'Nothing changed; no new version was made' },
  'course.retired': { 'zh-CN': '课程“{code}”已停用', en: 'Course "{code}" is retired' },
  'course.version_not_found': { 'zh-CN': '课程没有第 {version} 版', en: 'The course has no version {version}' },
  'course.not_published': {
    'zh-CN': '课程“{code}”尚未发布，不能编入培养方案或开课',
    en: 'Course "{code}" is not published; it cannot be used in a programme or offered',
  },
  'programme.rule.shared_count_ok': {
    'zh-CN': '底层共享课程 {actual} 门，达到 {required} 门',
    en: '{actual} shared-platform courses, meets {required}',
  },
  'programme.rule.shared_count_missing': {
    'zh-CN': '底层共享课程需 {required} 门，目前 {actual} 门，还差 {missing} 门',
    en: 'Shared platform needs {required} courses; it has {actual}, {missing} missing',
  },
  'programme.rule.shared_credits_ok': {
    'zh-CN': '底层共享课程 {actual} 学分，达到 {required} 学分',
    en: 'Shared platform has {actual} credits, meets {required}',
  },
  'programme.rule.shared_credits_missing': {
    'zh-CN': '底层共享课程需 {required} 学分，目前 {actual} 学分，还差 {missing} 学分',
    en: 'Shared platform needs {required} credits; it has {actual}, {missing} missing',
  },
  'programme.rule.core_credits_ok': {
    'zh-CN': '本专业群核心能力课程 {actual} 学分，达到 {required} 学分',
    en: 'Group core courses have {actual} credits, meets {required}',
  },
  'programme.rule.core_credits_missing': {
    'zh-CN': '本专业群核心能力课程需 {required} 学分，目前 {actual} 学分，还差 {missing} 学分',
    en: 'Group core needs {required} credits; it has {actual}, {missing} missing',
  },
  'programme.rule.extension_ok': {
    'zh-CN': '跨群拓展课程 {actual} 学分，达到 {required} 学分',
    en: 'Cross-group extension has {actual} credits, meets {required}',
  },
  'programme.rule.extension_missing': {
    'zh-CN': '跨群拓展课程需 {required} 学分（须选自其他专业群开设的高层互选课程），目前 {actual} 学分，还差 {missing} 学分',
    en: 'Cross-group extension needs {required} credits from other groups’ extension courses; it has {actual}, {missing} missing',
  },
  'programme.rule.practice_ok': {
    'zh-CN': '实践学时占比 {actual}%，不低于 {required}%',
    en: 'Practice hours are {actual}%, at least {required}%',
  },
  'programme.rule.practice_missing': {
    'zh-CN': '实践学时占比应不低于 {required}%，目前只有 {actual}%',
    en: 'Practice hours must be at least {required}% of all hours; they are {actual}%',
  },
  'programme.rule.total_ok': { 'zh-CN': '总学分 {actual}，在 {min}–{max} 之间', en: 'Total credits {actual}, within {min}–{max}' },
  'programme.rule.total_missing': {
    'zh-CN': '总学分应在 {min}–{max} 之间，目前 {actual}，还差 {missing} 学分',
    en: 'Total credits must be {min}–{max}; they are {actual}, {missing} short',
  },
  'programme.rule.total_over': {
    'zh-CN': '总学分应在 {min}–{max} 之间，目前 {actual}，超出 {over} 学分',
    en: 'Total credits must be {min}–{max}; they are {actual}, {over} over',
  },
  'programme.rule.graduation_ok': {
    'zh-CN': '方案学分 {actual} 满足毕业要求 {required} 学分',
    en: 'Programme credits {actual} meet the graduation requirement of {required}',
  },
  'programme.rule.graduation_missing': {
    'zh-CN': '毕业要求 {required} 学分，方案只有 {actual} 学分，还差 {missing} 学分',
    en: 'Graduation needs {required} credits; the programme has {actual}, {missing} short',
  },
  'programme.rule.term_over': {
    'zh-CN': '第 {term} 学期安排 {actual} 学分，超过每学期上限 {max} 学分 {over} 学分',
    en: 'Term {term} holds {actual} credits, {over} over the limit of {max}',
  },
  'programme.rule.elective_options_missing': {
    'zh-CN': '跨群拓展选修课程可选学分只有 {actual}，少于须修的 {required} 学分，还差 {missing} 学分',
    en: 'Elective options add up to {actual} credits, {missing} short of the {required} students must earn',
  },
  'programme.rule.elective_not_cross_group': {
    'zh-CN': '选修课程《{name}》（{code}）不是其他专业群开设的高层互选课程，不能计入跨群拓展学分',
    en: 'Elective {name} ({code}) is not another group’s extension course and cannot count as cross-group credit',
  },
  'programme.rule.core_from_other_group': {
    'zh-CN': '核心课程《{name}》（{code}）不属于本专业群',
    en: 'Core course {name} ({code}) belongs to another group',
  },
  'programme.rule.term_range': {
    'zh-CN': '课程《{name}》安排在第 {term} 学期，方案只有 {terms} 个学期',
    en: 'Course {name} is placed in term {term}; the programme has {terms} terms',
  },
  'programme.rule.prerequisite_order': {
    'zh-CN': '《{name}》的先修课程《{prerequisite}》在第 {term} 学期，须安排在更早的学期',
    en: 'Prerequisite {prerequisite} of {name} is in term {term}; it must come earlier',
  },
  'programme.exists': { 'zh-CN': '专业“{major}”{cohort} 级已有培养方案', en: 'Major {major} already has a programme for cohort {cohort}' },
  'programme.locked': { 'zh-CN': '培养方案状态为“{status}”，不能修改', en: 'The programme is {status} and cannot be changed' },
  'programme.bad_transition': {
    'zh-CN': '培养方案当前为“{from}”，不能执行“{action}”',
    en: 'The programme is {from}; "{action}" is not possible',
  },
  'programme.rules_broken': {
    'zh-CN': '培养方案未通过学分结构校验（{count} 项），不能提交：{first}',
    en: 'The programme breaks {count:credit-structure rule|credit-structure rules} and cannot be submitted: {first}',
  },
  'programme.self_approval': { 'zh-CN': '不能审核自己提交的培养方案', en: 'You cannot approve a programme you submitted' },
  'programme.stale': { 'zh-CN': '培养方案已被他人修改，请刷新后再操作', en: 'Someone else changed the programme; reload and try again' },
  'programme.course_duplicate': { 'zh-CN': '课程“{code}”已在方案中', en: 'Course {code} is already in the programme' },
  'programme.no_major_group': {
    'zh-CN': '专业未归入专业群，不能编制集群培养方案',
    en: 'The major belongs to no group; it cannot have a cluster programme',
  },
  'section.clash': { 'zh-CN': '排课冲突 {count} 处：{first}', en: '{count} timetable clash(es): {first}' },
  'section.clash.teacher': {
    'zh-CN': '教师“{resource}”在{when}已有《{course}》（{section}）',
    en: 'Teacher {resource} already teaches {course} ({section}) on {when}',
  },
  'section.clash.room': {
    'zh-CN': '教室“{resource}”在{when}已排《{course}》（{section}）',
    en: 'Room {resource} is taken by {course} ({section}) on {when}',
  },
  'section.clash.class': {
    'zh-CN': '班级“{resource}”在{when}已有《{course}》（{section}）',
    en: 'Class {resource} already has {course} ({section}) on {when}',
  },
  'section.bad_meeting': {
    'zh-CN': '上课时间不合法：星期 1–7，节次 1–14，周次 1–30，且起不大于止',
    en: 'Invalid meeting: weekday 1–7, periods 1–14, weeks 1–30, start not after end',
  },
  'section.capacity_below_enrolled': {
    'zh-CN': '容量不能小于已选人数 {enrolled}',
    en: 'Capacity cannot be below the {enrolled} students already enrolled',
  },
  'section.not_teacher': { 'zh-CN': '您不是该教学班的任课教师', en: 'You do not teach this section' },
  'window.bad_times': {
    'zh-CN': '选课时间不合法：开始须早于结束，退课截止不早于开始',
    en: 'Invalid window times: it must open before it closes, and the drop deadline cannot precede the opening',
  },
  'window.not_closed': {
    'zh-CN': '志愿填报尚未结束（{closesAt}），不能抽签',
    en: 'Preferences are open until {closesAt}; the draw comes after',
  },
  'window.already_drawn': {
    'zh-CN': '该选课轮次已于 {drawnAt} 抽签，结果不能重抽',
    en: 'This window was drawn at {drawnAt}; the result stands',
  },
  'window.not_lottery': {
    'zh-CN': '该选课轮次为先到先得，不使用志愿与抽签',
    en: 'This window is first-come, first-served; it has no preferences or draw',
  },
  'window.is_lottery': {
    'zh-CN': '该选课轮次为志愿+抽签，请在填报期内提交志愿',
    en: 'This window allocates by preference and draw; submit your ranked choices',
  },
  'window.too_many_choices': { 'zh-CN': '最多填报 {max} 个志愿', en: 'At most {max} choices' },
  'window.section_not_in_window': { 'zh-CN': '教学班“{code}”不在本轮选课范围内', en: 'Section {code} is not offered in this window' },
  'selection.refused.student_inactive': { 'zh-CN': '学籍状态不是在读，不能选课', en: 'Only enrolled students can select courses' },
  'selection.refused.not_open': { 'zh-CN': '选课尚未开始（开始时间 {opensAt}）', en: 'Selection has not opened yet (opens {opensAt})' },
  'selection.refused.closed': { 'zh-CN': '选课已结束', en: 'Selection is closed' },
  'selection.refused.cohort': { 'zh-CN': '本轮选课不面向 {cohort} 级学生', en: 'This window is not for cohort {cohort}' },
  'selection.refused.no_programme': {
    'zh-CN': '您所在专业本年级尚无已发布的人才培养方案，暂不能选课',
    en: 'Your major has no published programme for your cohort yet',
  },
  'selection.refused.own_group': {
    'zh-CN': '《{name}》是本专业群课程，不能作为跨群拓展课选修',
    en: '{name} belongs to your own group; it does not count as a cross-group elective',
  },
  'selection.refused.not_in_programme': { 'zh-CN': '《{name}》不在您的培养方案中', en: '{name} is not in your programme' },
  'selection.refused.already_passed': { 'zh-CN': '您已修过《{name}》并取得学分', en: 'You already passed {name}' },
  'selection.refused.same_course': {
    'zh-CN': '本学期已选（或候补）《{name}》的其他教学班',
    en: 'You already hold (or wait for) another section of {name} this term',
  },
  'selection.refused.prerequisite': { 'zh-CN': '未修完先修课程：{codes}', en: 'Prerequisites not passed: {codes}' },
  'selection.refused.credit_cap': {
    'zh-CN': '本学期选课学分上限 {cap}，已选 {current} 学分，再选 {credits} 学分将超出',
    en: 'Term credit cap is {cap}; you hold {current}, adding {credits} would exceed it',
  },
  'selection.refused.time_clash': { 'zh-CN': '与已选课程《{name}》上课时间冲突', en: 'Clashes with {name}, which you already take' },
  'selection.refused.waitlist_full': { 'zh-CN': '教学班已满，候补名额也已满', en: 'The section and its waitlist are full' },
  'selection.refused.cancelled': { 'zh-CN': '该教学班已取消', en: 'This section was cancelled' },
  'selection.enrolled': { 'zh-CN': '选课成功：《{name}》', en: 'Enrolled in {name}' },
  'selection.waitlisted': {
    'zh-CN': '教学班已满，已加入候补，当前第 {position} 位',
    en: 'The section is full; you are number {position} on the waitlist',
  },
  'selection.already_enrolled': { 'zh-CN': '您已选中《{name}》', en: 'You are already enrolled in {name}' },
  'selection.already_waitlisted': {
    'zh-CN': '您已在《{name}》候补名单中，第 {position} 位',
    en: 'You are already number {position} on the waitlist of {name}',
  },
  'selection.drop_deadline': { 'zh-CN': '退课截止时间已过（{deadline}）', en: 'The drop deadline has passed ({deadline})' },
  'selection.not_enrolled': { 'zh-CN': '您没有选这门课', en: 'You do not hold this section' },
  'selection.not_student': { 'zh-CN': '只有学生本人可以选课', en: 'Only students select courses' },
  'selection.request_reused': { 'zh-CN': '请求编号已用于另一项操作', en: 'This request id was already used for another action' },
  'selection.not_droppable': {
    'zh-CN': '《{name}》为按行政班统一安排的课程，不能自行退选，请联系教务处',
    en: '{name} is assigned to your class; ask academic affairs to change it',
  },
  'selection.dropped': { 'zh-CN': '已退选《{name}》', en: 'Dropped {name}' },
  'selection.left_waitlist': { 'zh-CN': '已退出《{name}》的候补', en: 'Left the waitlist of {name}' },
  'selection.preferences_refused': {
    'zh-CN': '{count} 个志愿不符合选课条件：{first}',
    en: 'Not allowed ({count:choice|choices}): {first}',
  },
  'window.not_drawn': { 'zh-CN': '该选课轮次尚未抽签', en: 'This window has not been drawn yet' },
  'grade.bad_value': { 'zh-CN': '成绩“{value}”不符合{scheme}记分方式', en: 'Grade "{value}" does not fit the {scheme} scheme' },
  'grade.not_enrolled': { 'zh-CN': '学生“{studentNo}”没有选这个教学班', en: 'Student {studentNo} is not enrolled in this section' },
  'grade.none_in_file': {
    'zh-CN': '文件中没有填写任何成绩（成绩为空的学生保持原样）',
    en: 'The file holds no grades (students with an empty grade are left as they are)',
  },
  'grade.locked': { 'zh-CN': '成绩已发布，修改须由教务处办理', en: 'Grades are published; changes go through academic affairs' },
  'notify.programme_submitted.title': { 'zh-CN': '培养方案待审核：{programme}', en: 'Programme to review: {programme}' },
  'notify.programme_submitted.body': {
    'zh-CN': '{submitter} 提交了《{programme}》，请审核。',
    en: '{submitter} submitted {programme} for review.',
  },
  'notify.programme_returned.title': { 'zh-CN': '培养方案被退回：{programme}', en: 'Programme returned: {programme}' },
  'notify.programme_returned.body': {
    'zh-CN': '{reviewer} 退回了《{programme}》，意见：{comment}',
    en: '{reviewer} returned {programme}: {comment}',
  },
  'entity.course': { 'zh-CN': '课程', en: 'course' },
  'entity.programme': { 'zh-CN': '人才培养方案', en: 'training programme' },
  'entity.section': { 'zh-CN': '教学班', en: 'section' },
  'entity.selection_window': { 'zh-CN': '选课轮次', en: 'selection window' },
  'entity.grade': { 'zh-CN': '成绩', en: 'grade' },
  'entity.period_timetable': { 'zh-CN': '作息时间表', en: 'period timetable' },
  'audit.period_times.update': { 'zh-CN': '修改作息时间表', en: 'Change the period timetable' },
  'period_times.count': { 'zh-CN': '作息时间表须有 1–{max} 节', en: 'A period timetable has 1 to {max} periods' },
  'period_times.numbering': {
    'zh-CN': '第 {expected} 节写成了第 {period} 节：节次须从 1 起依次编号',
    en: 'Period {expected} is numbered {period}: periods are numbered 1, 2, 3 and so on',
  },
  'period_times.time': { 'zh-CN': '第 {period} 节的时间须写成 HH:MM（00:00–23:59）', en: 'Period {period}: times are HH:MM (00:00–23:59)' },
  'period_times.order': { 'zh-CN': '第 {period} 节的下课时间须晚于上课时间', en: 'Period {period} must end after it begins' },
  'period_times.overlap': {
    'zh-CN': '第 {period} 节须在第 {previous} 节下课后开始',
    en: 'Period {period} must begin after period {previous} ends',
  },
  'timetable.calendar_name': { 'zh-CN': '我的课表 {term}', en: 'My timetable, {term}' },
  'timetable.term_name': { 'zh-CN': '{year}学年第{no}学期', en: '{year}, term {no}' },
  'timetable.event_summary': { 'zh-CN': '{name}（{section}）', en: '{name} ({section})' },
  'timetable.event_description': {
    'zh-CN': '{code} {name}，{credits} 学分，{when}',
    en: '{code} {name}, {credits:credit|credits}, {when}',
  },
});

declare module '../../platform/messages.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageCatalog extends Record<keyof typeof courseMessages, true> {}
}
