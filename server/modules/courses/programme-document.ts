/** Assembles a programme's export from the module's data: the 课程设置与学时分配表 (.xlsx), the whole 人才培养方案 (.docx). */
import type { AppContext } from '../../context.ts';
import type { RequestContext } from '../../platform/audit.ts';
import type { Locale } from '../../platform/messages.ts';
import { clusterById, groupsOfCluster, institutionById } from '../org/read.ts';
import { buildProgrammeDocx, buildProgrammeXlsx, type ProgrammeDocument } from './programme-export.ts';
import { getProgramme } from './programme-service.ts';
import './messages.ts';

export async function exportProgramme(
  app: AppContext,
  request: RequestContext,
  programmeId: number,
  format: 'xlsx' | 'docx',
  locale: Locale,
) {
  const programme = await getProgramme(app, request, programmeId, locale);
  const [institution, cluster, groups] = await Promise.all([
    institutionById(app.db, programme.institutionId),
    clusterById(app.db, programme.clusterId),
    groupsOfCluster(app.db, programme.clusterId),
  ]);
  const document: ProgrammeDocument = {
    title: programme.name,
    institutionName: institution?.name ?? '',
    clusterName: cluster?.name ?? '',
    groupName: groups.find((group) => group.id === programme.groupId)?.name ?? '',
    majorCode: programme.major?.code ?? '',
    majorName: programme.major?.name ?? '',
    cohortYear: programme.cohortYear,
    statusLabel: programme.statusLabel[locale],
    graduationCredits: programme.graduationCredits,
    electiveCreditsRequired: programme.electiveCreditsRequired,
    termCount: programme.rules.termCount,
    items: programme.items,
    metrics: programme.check.metrics,
    ownerGroupNames: Object.fromEntries(groups.map((group) => [group.id, group.shortName ?? group.name])),
    texts: programme.texts,
  };
  const data = format === 'xlsx' ? await buildProgrammeXlsx(document, locale) : await buildProgrammeDocx(document, locale);
  return { fileName: `${programme.name}.${format}`, data };
}
