/**
 * One file store for every module. A file is staged by upload (checked by its content, not its name:
 * magic bytes decide what it is) and linked to its record inside the owning module's write; from then
 * on whoever may read the record may read the file. Modules declare the records files attach to
 * (`attachments` in the manifest) with the kinds, count and size they accept and who may read them.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../access.ts';
import { recordAudit, type RequestContext } from '../audit.ts';
import { AppError, forbidden, notFound, unprocessable } from '../errors.ts';
import { countAll } from '../../db/sql.ts';
import { attachments } from '../schema.ts';
import { sha256Of, type BlobStore } from './store.ts';

export const fileKinds = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  pdf: ['application/pdf'],
  office: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
} as const;
export type FileKind = keyof typeof fileKinds;

const kindLabels: Record<FileKind, { 'zh-CN': string; en: string }> = {
  image: { 'zh-CN': '图片（JPG、PNG、WebP、GIF）', en: 'images (JPG, PNG, WebP, GIF)' },
  pdf: { 'zh-CN': 'PDF', en: 'PDF' },
  office: { 'zh-CN': 'Word、Excel、PowerPoint（docx/xlsx/pptx）', en: 'Word, Excel, PowerPoint (docx/xlsx/pptx)' },
};

/** A kind of record files can be attached to (e.g. `creditbank.claim`), declared by the module that owns it. */
export interface AttachmentOwner {
  /** `<module>.<record>`; also the purpose a file is uploaded for. */
  type: string;
  accept: FileKind[];
  /** The most files one record may hold. */
  maxFiles: number;
  /** Whether the actor may upload files meant for such records (before the record exists). */
  canStage(app: AppContext, actor: Actor): Promise<boolean>;
  /** Whether the actor may read the record, and so its files. */
  canRead(app: AppContext, actor: Actor, ownerId: number): Promise<boolean>;
}

export type AttachmentRow = typeof attachments.$inferSelect;

export interface AttachmentInfo {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: Date;
  url: string;
}

export const presentAttachment = (row: AttachmentRow): AttachmentInfo => ({
  id: row.id,
  fileName: row.fileName,
  contentType: row.contentType,
  sizeBytes: row.sizeBytes,
  uploadedAt: row.uploadedAt,
  url: `/api/attachments/${row.id}`,
});

/** A file name as given, without directories or control characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'file';
}

/** The store's own words stay in the server log; the person is told storage is down. */
function storageFailure(cause: unknown): AppError {
  const failure = new AppError(503, 'STORAGE_UNAVAILABLE', 'attachments.storage_failed');
  (failure as Error & { cause?: unknown }).cause = cause;
  return failure;
}

export class AttachmentService {
  private readonly owners = new Map<string, AttachmentOwner>();

  constructor(
    private readonly app: AppContext,
    readonly store: BlobStore,
  ) {}

  registerOwner(owner: AttachmentOwner): void {
    if (this.owners.has(owner.type)) throw new Error(`Attachment owner ${owner.type} registered twice`);
    this.owners.set(owner.type, owner);
  }

  private owner(type: string): AttachmentOwner {
    const owner = this.owners.get(type);
    if (!owner) throw new AppError(404, 'UNKNOWN_PURPOSE', 'attachments.unknown_purpose', { purpose: type });
    return owner;
  }

  /** Checks and keeps an uploaded file, staged for the uploader until a module links it. */
  async stage(request: RequestContext, purpose: string, file: { name: string; data: Buffer }) {
    const actor = request.actor!;
    const owner = this.owner(purpose);
    if (!(await owner.canStage(this.app, actor))) throw forbidden();
    if (file.data.length === 0) throw unprocessable('EMPTY_FILE', 'attachments.empty');
    if (file.data.length > this.app.config.attachmentMaxBytes) {
      throw new AppError(413, 'FILE_TOO_LARGE', 'attachments.too_large', {
        limitMb: Math.round(this.app.config.attachmentMaxBytes / 1048576),
      });
    }
    const detected = await fileTypeFromBuffer(file.data);
    const allowed = owner.accept.flatMap((kind) => fileKinds[kind] as readonly string[]);
    if (!detected || !allowed.includes(detected.mime)) {
      throw unprocessable('BAD_FILE_TYPE', 'attachments.bad_type', {
        kinds: {
          'zh-CN': owner.accept.map((kind) => kindLabels[kind]['zh-CN']).join('、'),
          en: owner.accept.map((kind) => kindLabels[kind].en).join(', '),
        },
        detected: detected ? detected.ext : { 'zh-CN': '无法识别的格式', en: 'an unknown format' },
      });
    }
    const sha256 = sha256Of(file.data);
    await this.store.put(sha256, file.data).catch((error: unknown) => {
      throw storageFailure(error);
    });
    const [row] = await this.app.db
      .insert(attachments)
      .values({
        institutionId: actor.institutionId,
        purpose,
        sha256,
        sizeBytes: file.data.length,
        contentType: detected.mime,
        fileName: cleanName(file.name),
        uploadedBy: actor.userId,
      })
      .returning();
    await recordAudit(this.app.db, request, {
      action: 'attachment.upload',
      entity: 'attachment',
      entityId: row!.id,
      institutionId: actor.institutionId,
      summary: `上传附件“${row!.fileName}”（${detected.mime}，${file.data.length} 字节）`,
      after: { purpose, sha256, sizeBytes: file.data.length, contentType: detected.mime },
    });
    return presentAttachment(row!);
  }

  /** A file's bytes, for whoever may read it: its uploader while staged, then the readers of its record. */
  async read(actor: Actor, id: string): Promise<{ row: AttachmentRow; bytes: Buffer }> {
    const [row] = await this.app.db.select().from(attachments).where(eq(attachments.id, id));
    if (!row) throw notFound('attachment', id);
    const mayRead =
      row.ownerType === null
        ? row.uploadedBy === actor.userId
        : row.uploadedBy === actor.userId || (await this.owner(row.ownerType).canRead(this.app, actor, row.ownerId!));
    // Someone who may not read the record learns nothing about the file either.
    if (!mayRead) throw notFound('attachment', id);
    const bytes = await this.store.get(row.sha256).catch((error: unknown) => {
      throw storageFailure(error);
    });
    if (!bytes) throw new AppError(410, 'GONE', 'attachments.missing_blob');
    return { row, bytes };
  }

  /** The uploader takes back a staged file (a linked one is part of its record's evidence). */
  async removeStaged(request: RequestContext, id: string) {
    const actor = request.actor!;
    const [row] = await this.app.db.select().from(attachments).where(eq(attachments.id, id));
    if (!row || row.uploadedBy !== actor.userId) throw notFound('attachment', id);
    if (row.ownerType !== null) throw new AppError(409, 'LINKED', 'attachments.linked');
    await this.app.db.delete(attachments).where(eq(attachments.id, id));
    await this.forgetBlob(row.sha256);
    return { id, removed: true };
  }

  /**
   * Links staged files to a record inside the module's transaction: each must be the actor's, staged for
   * this kind of record, not linked yet; the record's count stays within its owner's limit.
   */
  async link(tx: Db, actor: Actor, ids: string[], ownerType: string, ownerId: number): Promise<AttachmentRow[]> {
    if (ids.length === 0) return [];
    const owner = this.owner(ownerType);
    const unique = [...new Set(ids)];
    const rows = await tx.select().from(attachments).where(inArray(attachments.id, unique)).for('update');
    for (const id of unique) {
      const row = rows.find((candidate) => candidate.id === id);
      if (!row || row.uploadedBy !== actor.userId) throw unprocessable('NOT_YOUR_FILE', 'attachments.not_staged', { id });
      if (row.ownerType !== null) throw unprocessable('ALREADY_LINKED', 'attachments.already_linked', { name: row.fileName });
      if (row.purpose !== ownerType) throw unprocessable('WRONG_PURPOSE', 'attachments.wrong_purpose', { name: row.fileName });
    }
    const [{ held }] = (await tx
      .select({ held: countAll() })
      .from(attachments)
      .where(and(eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)))) as [{ held: number }];
    if (held + unique.length > owner.maxFiles) throw unprocessable('TOO_MANY_FILES', 'attachments.too_many', { max: owner.maxFiles });
    return tx
      .update(attachments)
      .set({ ownerType, ownerId, linkedAt: new Date() })
      .where(and(inArray(attachments.id, unique), isNull(attachments.ownerType)))
      .returning();
  }

  /** The files of some records, by record id. */
  async listFor(db: Db, ownerType: string, ownerIds: number[]): Promise<Map<number, AttachmentInfo[]>> {
    const byOwner = new Map<number, AttachmentInfo[]>(ownerIds.map((id) => [id, []]));
    if (ownerIds.length === 0) return byOwner;
    const rows = await db
      .select()
      .from(attachments)
      .where(and(eq(attachments.ownerType, ownerType), inArray(attachments.ownerId, ownerIds)))
      .orderBy(attachments.uploadedAt);
    for (const row of rows) byOwner.get(row.ownerId!)?.push(presentAttachment(row));
    return byOwner;
  }

  /** Staged files nobody linked within a day are dropped (and their bytes, when nothing else holds them). */
  async dropAbandoned(hours = 24): Promise<{ dropped: number }> {
    const dropped = await this.app.db
      .delete(attachments)
      .where(and(isNull(attachments.ownerType), sql`${attachments.uploadedAt} < now() - make_interval(hours => ${hours})`))
      .returning({ sha256: attachments.sha256 });
    for (const sha256 of new Set(dropped.map((row) => row.sha256))) await this.forgetBlob(sha256);
    return { dropped: dropped.length };
  }

  private async forgetBlob(sha256: string) {
    const [still] = await this.app.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.sha256, sha256)).limit(1);
    if (!still) await this.store.remove(sha256);
  }
}
