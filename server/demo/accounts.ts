/** The demo logins, as printed at start and listed in the README. */
export const demoAccountList = [
  { username: 'admin', role: 'admin', scope: '联盟 alliance' },
  { username: 'jiaowu', role: 'academic_affairs', scope: '天津工业职业学院 institution' },
  { username: 'advisor', role: 'advisory_member', scope: '专业集群 cluster' },
  { username: 'grouplead', role: 'group_lead', scope: '钢铁智能冶金专业群 group' },
  { username: 'majorlead', role: 'major_lead', scope: '430401 钢铁智能冶金技术 major' },
  { username: 'labmanager', role: 'lab_manager', scope: '专业集群 cluster' },
  { username: 'teacher', role: 'teacher', scope: '钢铁智能冶金专业群 group' },
  { username: 'supervisor', role: 'supervisor', scope: '天津工业职业学院 institution' },
  { username: 'student', role: 'student', scope: '本人 own records' },
  { username: 'enterprise', role: 'enterprise_partner', scope: '专业集群 cluster' },
  { username: 'evaluator', role: 'evaluator', scope: '专业集群 cluster' },
  { username: 'jishi', role: 'academic_affairs', scope: '天津冶金技师学院 institution' },
] as const;
