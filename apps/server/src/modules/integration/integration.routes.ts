import { columnSuggestionSchema, errorResponseSchema, integrationSettingsSchema, startSyncResponseSchema, updateIntegrationRequestSchema } from '@rentledger/contracts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import { AppError, invalid } from '../../lib/app-error.ts';
import { uploadFromFile } from '../../lib/upload.ts';
import { TooManyColumnsError } from '../../integrations/accounting/csv/csv-columns.ts';
import type { IntegrationService } from './integration.service.ts';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const fileTooLarge = () => new AppError('too_large', 'file_too_large', 'The file is larger than 50 MB', [{ path: 'file', message: 'At most 50 MB' }]);

type Options = {
  integrationService: IntegrationService;
  suggestColumns: (headerLine: string) => z.infer<typeof columnSuggestionSchema>;
};

export const integrationRoutes: FastifyPluginAsyncZod<Options> = async (app, { integrationService, suggestColumns }) => {
  app.get('/api/integration', {
    config: { auth: ['landlord'] },
    schema: { tags: ['integration'], summary: 'The accounting integration: provider and settings (secrets never returned)', response: { 200: integrationSettingsSchema } },
    handler: async (request) => integrationService.get(principalOf(request)),
  });

  app.put('/api/integration', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['integration'],
      summary: 'Set the provider and its settings; secrets are write-only and stored encrypted',
      body: updateIntegrationRequestSchema,
      response: { 200: integrationSettingsSchema, 400: errorResponseSchema },
    },
    handler: async (request) => integrationService.update(principalOf(request), request.body),
  });

  app.post('/api/integration/csv-columns', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['integration'],
      summary: "Suggest a column mapping from a rent roll's header line",
      body: z.strictObject({ headerLine: z.string().min(1).max(10_000) }),
      response: { 200: columnSuggestionSchema },
    },
    handler: async (request) => {
      try {
        return suggestColumns(request.body.headerLine);
      } catch (error) {
        if (error instanceof TooManyColumnsError) throw invalid([{ path: 'headerLine', message: error.message }]);
        throw error;
      }
    },
  });

  app.post('/api/integration/import', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['integration'],
      summary: 'Upload a rent roll (CSV) or MITS ResidentTransactions (XML) file: multipart field "file", optional field "format" (csv|mits)',
      consumes: ['multipart/form-data'],
      response: { 202: startSyncResponseSchema, 400: errorResponseSchema, 409: errorResponseSchema, 413: errorResponseSchema },
    },
    handler: async (request, reply) => {
      if (!request.isMultipart()) throw invalid([{ path: 'file', message: 'Send the file as multipart/form-data in the field "file"' }]);
      // The file streams to a temporary file, then into the run's chunks: never whole in memory.
      const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rentledger-upload-'));
      try {
        let file: { path: string; name: string } | undefined;
        let format: string | undefined;
        for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') throw invalid([{ path: part.fieldname, message: 'Unknown field: send the file in "file"' }]);
            const target = path.join(folder, 'upload');
            await pipeline(part.file, fs.createWriteStream(target)).catch((error: { code?: string }) => {
              if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
              throw error;
            });
            if (part.file.truncated) throw fileTooLarge();
            file = { path: target, name: part.filename || 'upload' };
          } else if (part.fieldname === 'format') format = String(part.value);
          else throw invalid([{ path: part.fieldname, message: 'Unknown field' }]);
        }
        if (!file) throw invalid([{ path: 'file', message: 'Choose a file to upload' }]);
        if (format !== undefined && format !== 'csv' && format !== 'mits') throw invalid([{ path: 'format', message: 'Use csv or mits' }]);
        const result = await integrationService.importFile(principalOf(request), { upload: await uploadFromFile(file.path), name: file.name, format });
        return reply.code(202).send(result);
      } finally {
        await fs.promises.rm(folder, { recursive: true, force: true });
      }
    },
  });

  app.post('/api/integration/sync', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['integration'],
      summary: 'Sync Now with the configured accounting API',
      response: { 202: startSyncResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(202).send(await integrationService.syncNow(principalOf(request))),
  });
};
