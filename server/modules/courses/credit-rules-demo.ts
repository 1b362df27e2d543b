/** Demo data of the versioned credit-structure rules: the seeds' defaults, approved as version 1. */
import type { Db } from '../../db/connection.ts';
import { defaultCreditRules } from './rules.ts';
import { creditRuleVersions } from './schema.ts';

/** Version 1 of a cluster's rules: the seeds' defaults (8 / 50 / 22 / 16 …), in force from the first demo cohort. */
export async function seedCreditRuleVersion(
  tx: Db,
  options: { institutionId: number; clusterId: number; approvedBy: number; approvedAt: Date; firstCohort: number },
) {
  const [row] = await tx
    .insert(creditRuleVersions)
    .values({
      institutionId: options.institutionId,
      clusterId: options.clusterId,
      versionNo: 1,
      rules: { ...defaultCreditRules },
      effectiveFromCohort: options.firstCohort,
      status: 'approved',
      origin: 'seeded',
      note: '种子文件的默认学分结构（000_*.txt §(三)1）/ the seeds’ default credit structure',
      createdAt: options.approvedAt,
      updatedAt: options.approvedAt,
      approvedBy: options.approvedBy,
      approvedAt: options.approvedAt,
    })
    .returning();
  return row!;
}
