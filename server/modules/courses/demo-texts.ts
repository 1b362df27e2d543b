/**
 * The text parts of the demo programmes, written from the seeds: the cluster's 四化 direction and
 * 课程体系贯通 (000_*.txt §(二), §(三)1), the 准工匠 objective “高素质、强技能、能迁移、敢革新” and its
 * meanings (003_*.txt, 成果主要解决的教学问题 ①), the certificate ↔ credit rule (000_*.txt §(三)4).
 */
import { defaultTexts, type ProgrammeTexts } from './programme-texts.ts';

/** What graduates of each demo group go on to do (the groups' industrial chains in org/demo.ts). */
const fieldOfGroup: Record<string, string> = {
  YJ: '钢铁冶炼、连铸与轧制生产一线的工艺操作、过程控制、设备点检与质量检验',
  KZ: '智能装备与自动化生产线的安装调试、运行维护、控制系统集成与技术改造',
  GYHLW: '工业网络与数据采集、工业互联网平台部署运维、智能制造系统应用与数据分析',
};

export function demoProgrammeTexts(input: {
  majorName: string;
  groupCode: string;
  clusterName: string;
  termCount: number;
}): ProgrammeTexts {
  const field = fieldOfGroup[input.groupCode] ?? `${input.majorName}领域生产一线的技术技能岗位`;
  return {
    ...defaultTexts(input.termCount),
    objective:
      `本专业坚持立德树人，面向${input.clusterName}所服务的区域现代制造业，适应产业“绿色化、智能化、高端化、融合化”转型升级的需要，` +
      `培养理想信念坚定，德智体美劳全面发展，具有“高素质、强技能、能迁移、敢革新”特质，掌握${input.majorName}专业知识和技术技能，` +
      `能够从事${field}等工作的高技能人才（准工匠）。`,
    quality: [
      '（1）坚定拥护中国共产党领导和中国特色社会主义制度，践行社会主义核心价值观，具有深厚的爱国情感和中华民族自豪感；',
      '（2）有情怀、擅合作、具素养：具有工匠精神、劳模精神和劳动精神，爱岗敬业、精益求精，具有良好的团队合作与沟通表达能力；',
      '（3）具有生态文明、绿色低碳、安全生产和质量意识，遵守职业道德和行业规范；',
      '（4）具有健康的体魄、良好的心理素质和一定的审美与人文素养。',
    ].join('\n'),
    knowledge: [
      '（1）掌握必备的思想政治理论、科学文化基础知识和中华优秀传统文化知识；',
      '（2）掌握生态文明、绿色制造基础、智能制造导论等集群共享平台课程（底层共享）的基础知识；',
      `（3）掌握${input.majorName}专业群核心能力课程（中层分立）的专业知识；`,
      '（4）了解集群内其他专业群高层互选课程的拓展知识，熟悉相关职业技能等级证书的知识要求；',
      '（5）熟悉安全生产、环境保护与质量管理的法律法规和标准。',
    ].join('\n'),
    ability: [
      `（1）强技能：娴操作、明工艺、知设计、识管理，能够完成${field}等典型工作任务；`,
      '（2）能迁移：擅学习、可拓展，具有跨专业群学习和岗位迁移的能力；',
      '（3）敢革新：懂技改、会创新，能够参与生产工艺与设备的技术改造和创新；',
      '（4）具有数字化技能和信息技术应用能力，以及终身学习和可持续发展的能力。',
    ].join('\n'),
    graduationRequirements: [
      '（1）修满本方案规定的学分，完成全部必修课程和跨群选修学分；',
      '（2）完成岗位实习并考核合格，体质健康测试达到合格标准；',
      '（3）取得至少 1 项与本专业相关的职业技能等级证书；',
      '（4）按《学分互认管理办法》，取得跨群职业技能等级证书可兑换相应课程学分（初级 2 学分、中级 4 学分、高级 6 学分），技能竞赛奖项等学习成果可经学分银行认定、转换。',
    ].join('\n'),
  };
}
