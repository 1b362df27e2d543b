/**
 * Loads the demo data once: each module's demo step in module order (server/modules/index.ts), all in
 * one transaction; the demo logins a module lists are created as it goes, so later modules can name them.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { modules as allModules } from '../modules/index.ts';
import type { Role } from '../platform/access.ts';
import { recordAudit } from '../platform/audit.ts';
import { hashPassword } from '../platform/auth.ts';
import type { DemoContext, ModuleManifest } from '../platform/module.ts';
import type { PiiCipher } from '../platform/pii.ts';
import { appMeta, roleGrants, users } from '../platform/schema.ts';

export const demoPassword = 'Sitong@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: string;
}

export interface SeedOptions {
  students: number;
  /** Teachers default to one per 24 students (about 500 for 12,000). */
  teachers?: number;
  seed?: number;
}

export async function demoLoaded(db: Db): Promise<boolean> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_data'));
  return Boolean(row);
}

/** Loads the demo data once; returns the accounts created (empty if it was already there). */
export async function seedDemoData(
  db: Db,
  pii: PiiCipher,
  options: SeedOptions,
  modules: readonly ModuleManifest[] = allModules,
): Promise<DemoAccount[]> {
  const seed = options.seed ?? 20240301;
  const teachers = options.teachers ?? Math.max(30, Math.round(options.students / 24));
  const passwordHash = await hashPassword(demoPassword);

  return db.transaction(async (tx) => {
    // Claiming the marker first makes a second concurrent start skip the load instead of duplicating it.
    const claimed = await tx
      .insert(appMeta)
      .values({ key: 'demo_data', value: { students: options.students, teachers, seed, at: new Date().toISOString() } })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return [];

    const logins = new Map<string, { id: number; teacherId: number | null; studentId: number | null }>();
    const created: DemoAccount[] = [];
    let firstInstitution: number | null = null;
    const demo: DemoContext = {
      db: tx,
      pii,
      options: { students: options.students, teachers, seed },
      user(username) {
        const login = logins.get(username);
        if (!login) throw new Error(`Demo login ${username} does not exist yet`);
        return login;
      },
    };
    for (const manifest of modules) {
      const result = await manifest.demo?.(demo);
      for (const account of result?.accounts ?? []) {
        const [user] = await tx
          .insert(users)
          .values({
            username: account.username,
            displayName: account.displayName,
            passwordHash,
            demoPassword: true,
            institutionId: account.institutionId,
            email: account.email ?? null,
            teacherId: account.teacherId ?? null,
            studentId: account.studentId ?? null,
            enterpriseContactId: account.enterpriseContactId ?? null,
          })
          .returning();
        await tx.insert(roleGrants).values({
          userId: user!.id,
          role: account.role,
          scopeType: account.scopeType,
          scopeId: account.scopeId,
          institutionId: account.institutionId,
        });
        logins.set(account.username, { id: user!.id, teacherId: user!.teacherId, studentId: user!.studentId });
        created.push({ username: account.username, displayName: account.displayName, role: account.role, scope: account.scope });
        firstInstitution ??= account.institutionId;
      }
    }
    await recordAudit(
      tx,
      { actor: null },
      {
        action: 'demo.seed',
        entity: 'system',
        institutionId: firstInstitution,
        summary: `载入演示数据：${options.students} 名学生、${teachers} 名教师（模块 ${modules
          .filter((m) => m.demo)
          .map((m) => m.name)
          .join('、')}）`,
        after: { students: options.students, teachers, modules: modules.filter((m) => m.demo).map((m) => m.name) },
      },
    );
    return created;
  });
}
