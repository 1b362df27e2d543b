import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../context.ts';
import { contextOf, idParam, sendFile } from '../../../platform/http.ts';
import {
  credentialVerification,
  issuedCredential,
  issuerProfileDocument,
  myCredentialList,
  publicTranscriptAnswer,
  statusListCredentialDocument,
} from '../responses.ts';
import { exportTranscript, publicTranscript, transcriptTokenPattern } from '../transcript-service.ts';
import { requireActor } from '../../../platform/access.ts';
import { forbidden } from '../../../platform/errors.ts';
import {
  credentialFile,
  issueCredential,
  issuerDocument,
  myCredentials,
  statusListDocument,
  verifyLimits,
  verifyPresentedCredential,
} from './credential-service.ts';
import { enforceRateLimit } from '../../../platform/rate-limit.ts';

const uuidParam = z.object({ id: z.uuid() });

/**
 * Verifiable transcripts. `/api/public/…` needs no login and no CSRF token (app.ts reads no session
 * there): issuer documents and status lists are what any verifier fetches, and anyone may check a credential.
 */
export async function credentialRoutes(fastify: FastifyInstance, app: AppContext) {
  const api = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['creditbank'];
  // Verifiers send credentials with their JSON-LD media types too.
  fastify.addContentTypeParser(
    ['application/ld+json', 'application/vc+ld+json', 'application/vc'],
    { parseAs: 'string' },
    fastify.getDefaultJsonParser('error', 'error'),
  );

  api.get(
    '/api/me/creditbank/credentials',
    {
      schema: { tags, summary: '我的可验证学分证明 / my verifiable credentials', response: { 200: myCredentialList } },
    },
    async (request) => myCredentials(app, contextOf(request)),
  );
  api.post(
    '/api/creditbank/outcomes/:id/credential',
    {
      schema: {
        tags,
        summary: '生成可验证学分证明（已生成则返回原件）/ issue the credential of a granted outcome (idempotent)',
        params: idParam,
        response: { 200: issuedCredential, 201: issuedCredential },
      },
    },
    async (request, reply) => {
      const issued = await issueCredential(app, contextOf(request), request.params.id);
      return reply.status(issued.created ? 201 : 200).send(issued);
    },
  );
  // A file download (raw bytes, sent as an attachment): no response schema to encode it with.
  api.get(
    '/api/creditbank/credentials/:id',
    { schema: { tags, summary: '下载可验证学分证明 JSON / download a credential', params: uuidParam } },
    async (request, reply) => {
      const file = await credentialFile(app, contextOf(request), request.params.id);
      return sendFile(reply, file.fileName, 'application/json; charset=utf-8', file.body);
    },
  );

  // The transcript PDF: raw bytes sent as an attachment (no response schema to encode them with). A POST: exporting
  // issues the credentials printed on it and keeps the QR code's token.
  api.post(
    '/api/me/creditbank/transcript',
    { schema: { tags, summary: '导出我的学分成绩单 PDF（带核验二维码）/ export my credit transcript (PDF with a QR code)' } },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      if (!actor.studentId) throw forbidden();
      const file = await exportTranscript(app, contextOf(request), request.locale, actor.studentId);
      return sendFile(reply, file.fileName, 'application/pdf', file.body);
    },
  );
  api.post(
    '/api/creditbank/students/:id/transcript',
    { schema: { tags, summary: "导出学生的学分成绩单 PDF / export a student's credit transcript (PDF)", params: idParam } },
    async (request, reply) => {
      const file = await exportTranscript(app, contextOf(request), request.locale, request.params.id);
      return sendFile(reply, file.fileName, 'application/pdf', file.body);
    },
  );
  api.get(
    '/api/public/transcripts/:token',
    {
      schema: {
        tags,
        summary: '核验纸质成绩单上的证明（公开，二维码）/ the credentials of a printed transcript, verified (public, QR code)',
        params: z.object({ token: z.string().regex(transcriptTokenPattern, '成绩单二维码格式不正确 / not a transcript code') }),
        response: { 200: publicTranscriptAnswer },
      },
    },
    async (request, reply) =>
      reply.header('cache-control', 'no-store').send(await publicTranscript(app, request.params.token, request.locale, request.ip)),
  );

  api.get(
    '/api/public/issuers/:institutionId',
    {
      schema: {
        tags,
        summary: '签发机构档案与公钥（公开）/ issuer profile and keys (public)',
        params: z.object({
          institutionId: z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 53 - 1),
        }),
        response: { 200: issuerProfileDocument },
      },
    },
    async (request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=300')
        .type('application/ld+json; charset=utf-8')
        .send(await issuerDocument(app, request.params.institutionId)),
  );
  api.get(
    '/api/public/status-lists/:id',
    {
      schema: {
        tags,
        summary: '撤销状态列表（公开）/ revocation status list (public)',
        params: uuidParam,
        response: { 200: statusListCredentialDocument },
      },
    },
    async (request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=60')
        .type('application/vc+ld+json; charset=utf-8')
        .send(await statusListDocument(app, request.params.id)),
  );
  api.post(
    '/api/public/credentials/verify',
    {
      // A credential we issue is a few kilobytes; the limits leave room for one with a long description.
      bodyLimit: verifyLimits.maxBytes,
      schema: {
        tags,
        summary: '验证可验证学分证明（公开）/ verify a credential (public)',
        body: z.record(z.string(), z.unknown()),
        response: { 200: credentialVerification },
      },
    },
    async (request, reply) => {
      // Anonymous and costly (JSON-LD canonicalisation): limited per client address across all server processes.
      await enforceRateLimit(app.db, verifyLimits.perAddress, request.ip);
      return reply.header('cache-control', 'no-store').send(await verifyPresentedCredential(app, request.body, request.locale));
    },
  );
}
