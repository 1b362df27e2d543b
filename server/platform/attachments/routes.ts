import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../access.ts';
import { AppError } from '../errors.ts';
import { contextOf, isoTime } from '../http.ts';

const tags = ['attachments'];

export const attachmentInfo = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  uploadedAt: isoTime,
  url: z.string(),
});
const idParam = z.object({ id: z.string().uuid('附件编号格式不正确 / not a file id') });

/** Kinds a browser may show in place: the rest download. */
const inline = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf']);

async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ name: string; data: Buffer }> {
  if (!request.isMultipart()) throw new AppError(415, 'NO_FILE', 'import.no_file');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError(400, 'NO_FILE', 'import.no_file');
  const data = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError(413, 'FILE_TOO_LARGE', 'attachments.too_large', { limitMb: Math.round(maxBytes / 1048576) });
    throw error;
  });
  return { name: part.filename, data };
}

export async function attachmentRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/attachments',
    {
      schema: {
        tags,
        summary: '上传附件（先暂存，随记录提交）/ upload a file (staged until a record takes it)',
        querystring: z.object({ purpose: z.string().trim().min(3).max(100) }),
        consumes: ['multipart/form-data'],
        response: { 201: attachmentInfo },
      },
    },
    async (request, reply) => {
      requireActor(request.actor);
      const file = await readUpload(request, app.config.attachmentMaxBytes);
      return reply.status(201).send(await app.attachments.stage(contextOf(request), request.query.purpose, file));
    },
  );

  api.get(
    '/api/attachments/:id',
    {
      schema: { tags, summary: '下载或预览附件 / download or preview a file', params: idParam, produces: ['application/octet-stream'] },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const { row, bytes } = await app.attachments.read(actor, request.params.id);
      const disposition = inline.has(row.contentType) ? 'inline' : 'attachment';
      return (
        reply
          .header('content-type', row.contentType)
          .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
          // A file is shown as what its bytes are, never run as a page of this site.
          .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
          .header('cache-control', 'private, max-age=3600')
          .send(bytes)
      );
    },
  );

  api.delete(
    '/api/attachments/:id',
    {
      schema: {
        tags,
        summary: '删除暂存的附件 / remove a staged file',
        params: idParam,
        response: { 200: z.object({ id: z.string(), removed: z.boolean() }) },
      },
    },
    async (request) => {
      requireActor(request.actor);
      return app.attachments.removeStaged(contextOf(request), request.params.id);
    },
  );
}
