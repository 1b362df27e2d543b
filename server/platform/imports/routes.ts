import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../access.ts';
import { AppError } from '../errors.ts';
import { contextOf, sendFile, xlsxContentType } from '../http.ts';
import * as r from '../responses.ts';
import { buildExportWorkbook, buildTemplate } from './spreadsheet.ts';
import { batchChanges, commitImport, errorWorkbook, exportRecords, getBatch, presentBatch, previewImport } from './service.ts';

const entityParam = z.object({ entity: z.string().regex(/^[a-z_]{1,40}$/) });
const batchParam = z.object({ id: z.string().uuid() });
const institutionQuery = z.object({ institutionId: z.coerce.number().int().positive().optional() });
const tags = ['imports'];

export async function importRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/imports',
    { schema: { tags, summary: '可导入的对象及其列 / importable entities and their columns', response: { 200: r.importEntities } } },
    async (request) => {
      requireActor(request.actor);
      return app.imports.list().map((definition) => ({
        entity: definition.entity,
        title: definition.title,
        keyColumn: definition.keyColumn,
        columns: definition.columns.map(({ key, header, required, kind, example }) => ({ key, header, required, kind, example })),
      }));
    },
  );

  api.get(
    '/api/imports/:entity/template.xlsx',
    { schema: { tags, summary: '下载导入模板 / download the import template', params: entityParam } },
    async (request, reply) => {
      requireActor(request.actor);
      const definition = app.imports.get(request.params.entity);
      const file = await buildTemplate(definition, request.locale);
      return sendFile(
        reply,
        `${definition.title[request.locale]}-${request.locale === 'en' ? 'template' : '导入模板'}.xlsx`,
        xlsxContentType,
        file,
      );
    },
  );

  api.post(
    '/api/imports/:entity/preview',
    {
      schema: {
        tags,
        summary: '上传 .xlsx 并预览 / upload an .xlsx and preview',
        params: entityParam,
        querystring: institutionQuery,
        consumes: ['multipart/form-data'],
        response: { 201: r.importBatch },
      },
    },
    async (request, reply) => {
      requireActor(request.actor);
      const definition = app.imports.get(request.params.entity);
      const { fileName, data } = await readXlsxUpload(request, app.config.importMaxBytes);
      const { batch } = await previewImport(
        app,
        contextOf(request),
        definition.entity,
        { name: fileName, data },
        request.query.institutionId,
      );
      return reply.status(201).send(presentBatch(definition, { ...batch, errors: batch.errors as never }, request.locale));
    },
  );

  api.get(
    '/api/imports/batches/:id',
    { schema: { tags, summary: '查看导入批次 / an import batch', params: batchParam, response: { 200: r.importBatch } } },
    async (request) => {
      requireActor(request.actor);
      const { batch, definition } = await getBatch(app, contextOf(request), request.params.id);
      return presentBatch(definition, batch, request.locale);
    },
  );

  api.get(
    '/api/imports/batches/:id/changes',
    {
      schema: {
        tags,
        summary: "预览：每行将修改的字段（原值 → 新值）/ the preview's changes, field by field",
        params: batchParam,
        querystring: z.object({
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: r.importChanges },
      },
    },
    async (request) => {
      requireActor(request.actor);
      return batchChanges(app, contextOf(request), request.params.id, request.query, request.locale);
    },
  );

  api.post(
    '/api/imports/batches/:id/commit',
    {
      schema: {
        tags,
        summary: '确认导入（全部或全不）/ commit all rows or none',
        params: batchParam,
        response: { 200: r.importCommitted },
      },
    },
    async (request) => {
      requireActor(request.actor);
      return commitImport(app, contextOf(request), request.params.id);
    },
  );

  api.get(
    '/api/imports/batches/:id/errors.xlsx',
    { schema: { tags, summary: '下载错误行 / download the bad rows', params: batchParam } },
    async (request, reply) => {
      requireActor(request.actor);
      const { definition, file } = await errorWorkbook(app, contextOf(request), request.params.id, request.locale);
      return sendFile(
        reply,
        `${definition.title[request.locale]}-${request.locale === 'en' ? 'errors' : '错误行'}.xlsx`,
        xlsxContentType,
        file,
      );
    },
  );

  api.get(
    '/api/exports/:entity',
    { schema: { tags, summary: '导出为 .xlsx（可直接再导入）/ export as .xlsx', params: entityParam, querystring: institutionQuery } },
    async (request, reply) => {
      requireActor(request.actor);
      const { definition, records } = await exportRecords(app, contextOf(request), request.params.entity, request.query.institutionId);
      const file = await buildExportWorkbook(definition, records, request.locale);
      return sendFile(reply, `${definition.title[request.locale]}.xlsx`, xlsxContentType, file);
    },
  );
}

/** Reads the one .xlsx file of a multipart upload, with the size limit and clear errors. */
export async function readXlsxUpload(request: FastifyRequest, maxBytes: number): Promise<{ fileName: string; data: Buffer }> {
  if (!request.isMultipart()) throw new AppError(415, 'NOT_XLSX', 'import.no_file');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError(400, 'NO_FILE', 'import.no_file');
  const data = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'FILE_TOO_LARGE', 'import.too_large', { limitMb: Math.round((maxBytes / 1048576) * 10) / 10 });
    }
    throw error;
  });
  if (!/\.xlsx$/i.test(part.filename)) throw new AppError(415, 'NOT_XLSX', 'import.not_xlsx');
  return { fileName: part.filename, data };
}
