/**
 * The credit bank's settings per institution (审核设置). Today one: four eyes (四眼原则) — whoever
 * verified a claim may not also grant it. On by default; 教务 or an administrator may turn it off for
 * an institution with few reviewers (the submitter still never verifies or grants their own claim).
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { authorizeWithinInstitution, requireActor } from '../../platform/access.ts';
import { recordAudit, type RequestContext } from '../../platform/audit.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { creditbankSettings } from './schema.ts';
import './messages.ts';

export interface CreditbankSettings {
  institutionId: number;
  fourEyes: boolean;
  /** 0 while the defaults apply (no row yet). */
  revision: number;
  updatedAt: Date | null;
  updatedBy: number | null;
}

export const defaultCreditbankSettings = { fourEyes: true } as const;

/** The settings in force for an institution (the defaults without a row). */
export async function settingsOf(db: Db, institutionId: number): Promise<CreditbankSettings> {
  const [row] = await db.select().from(creditbankSettings).where(eq(creditbankSettings.institutionId, institutionId));
  return row
    ? { institutionId, fourEyes: row.fourEyes, revision: row.revision, updatedAt: row.updatedAt, updatedBy: row.updatedBy }
    : { institutionId, ...defaultCreditbankSettings, revision: 0, updatedAt: null, updatedBy: null };
}

/** The actor's institution's settings: whoever reads the credit bank there (reviewers need to know the rule). */
export async function getSettings(app: AppContext, request: RequestContext) {
  const actor = requireActor(request.actor);
  if (!actor.institutionId) throw forbidden();
  authorizeWithinInstitution(actor, 'creditbank.read', actor.institutionId, await app.scopes.get());
  return settingsOf(app.db, actor.institutionId);
}

/** Changes the settings; `revision` is the one the editor saw (0 for the defaults), so two editors do not overwrite each other. */
export async function saveSettings(app: AppContext, request: RequestContext, input: { fourEyes: boolean; revision: number }) {
  const actor = requireActor(request.actor);
  if (!actor.institutionId) throw forbidden();
  const institutionId = actor.institutionId;
  authorizeWithinInstitution(actor, 'creditbank.settings', institutionId, await app.scopes.get());
  await app.db.transaction(async (tx) => {
    const [current] = await tx.select().from(creditbankSettings).where(eq(creditbankSettings.institutionId, institutionId)).for('update');
    if ((current?.revision ?? 0) !== input.revision) throw new AppError(409, 'STALE', 'creditbank.settings.stale');
    if (current) {
      await tx
        .update(creditbankSettings)
        .set({ fourEyes: input.fourEyes, updatedBy: actor.userId, updatedAt: new Date(), revision: current.revision + 1 })
        .where(eq(creditbankSettings.institutionId, institutionId));
    } else {
      const inserted = await tx
        .insert(creditbankSettings)
        .values({ institutionId, fourEyes: input.fourEyes, updatedBy: actor.userId })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) throw new AppError(409, 'STALE', 'creditbank.settings.stale');
    }
    await recordAudit(tx, request, {
      action: 'creditbank.settings.update',
      entity: 'creditbank_settings',
      entityId: institutionId,
      institutionId,
      summary: `学分银行审核设置：四眼原则${input.fourEyes ? '开启' : '关闭'}`,
      before: { fourEyes: current?.fourEyes ?? defaultCreditbankSettings.fourEyes },
      after: { fourEyes: input.fourEyes },
    });
  });
  return settingsOf(app.db, institutionId);
}
