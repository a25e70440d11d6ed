/**
 * The exports over HTTP, beside the API: `GET /export` lists the formats as JSON;
 * `GET /export/<format>?filter=<MeetingFilter as JSON>` streams the matching meetings as a
 * download (`Content-Disposition: attachment`), written as the client reads it and stopped
 * when it goes away. Reads need no token, like the API's queries; cross-origin access is
 * the API's (CORS_ORIGINS). Errors are JSON as the other routes' are: an unknown format is
 * 404 NOT_FOUND listing the formats, a bad filter 400 BAD_USER_INPUT. Once streaming has
 * begun a failure can only cut the response short (the client sees an incomplete body).
 * `exports_total{format, outcome}` counts the exports that began, by how they ended.
 */
import { Router, type Response } from 'express';
import type { Logger } from 'pino';
import { BadUserInputError } from '../errors/bad-user-input.error';
import { graphqlCors } from '../http/cors';
import type { Metrics } from '../metrics';
import type { Store } from '../store/contract/store';
import type { ExportFormat } from './export-format';
import { readMeetingFilter } from './export-filter';
import { formatNamed } from './export-formats';
import { openMeetingExport, type MeetingExport } from './meeting-export';
import { OutputClosedError, streamWriter } from './stream-writer';

export interface ExportRoutesOptions {
  store: Store;
  metrics: Metrics;
  formats: readonly ExportFormat[];
  /** CORS_ORIGINS: the browser origins that may read the exports cross-origin. */
  corsOrigins: readonly string[];
  logger: Logger;
}

/** What `GET /export` says of a format. */
function described(format: ExportFormat) {
  return { name: format.name, path: `/export/${format.name}`, contentType: format.contentType, extension: format.extension, description: format.description };
}

function sendError(res: Response, status: number, message: string, extensions: Record<string, unknown>): void {
  res.status(status).json({ errors: [{ message, extensions }] });
}

/** The routes under /export; mount them before the 404 handler. */
export function exportRoutes({ store, metrics, formats, corsOrigins, logger }: ExportRoutesOptions): Router {
  const router = Router();
  const cors = graphqlCors(corsOrigins);
  const names = formats.map((format) => format.name);
  router.use('/export', (req, res, next) => cors(req, res, next));

  router.get('/export', (_req, res) => {
    res.json({ formats: formats.map(described) });
  });

  router.get('/export/:format', async (req, res) => {
    const name = req.params.format;
    const format = formatNamed(formats, name);
    if (!format) {
      sendError(res, 404, `No export format ${JSON.stringify(name.slice(0, 100))}. The formats are ${names.join(', ')} (GET /export lists them).`, { code: 'NOT_FOUND', formats: names });
      return;
    }
    const given = req.query.filter;
    let opened: MeetingExport;
    try {
      if (given !== undefined && typeof given !== 'string') throw new BadUserInputError('"filter" must be given once, as a MeetingFilter in JSON.', 'filter');
      opened = await openMeetingExport(store, metrics, readMeetingFilter(given));
    } catch (error) {
      if (!(error instanceof BadUserInputError)) throw error;
      sendError(res, 400, error.message, error.extensions);
      return;
    }
    // Aborted when the client goes away: the export stops reading the store.
    const abort = new AbortController();
    res.once('close', () => abort.abort());
    res.status(200);
    res.setHeader('Content-Type', format.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="entente-${format.name}.${format.extension}"`);
    if (req.method === 'HEAD') {
      // The headers alone: no export to run for a body never sent.
      opened.release();
      res.end();
      return;
    }
    const ended = (outcome: 'complete' | 'aborted' | 'failed') => metrics.exports.inc({ format: format.name, outcome });
    try {
      await opened.run(format, streamWriter(res), abort.signal);
      // An export whose client left between two pages ends without an error: it is aborted all the same.
      ended(abort.signal.aborted ? 'aborted' : 'complete');
      res.end();
    } catch (error) {
      if (error instanceof OutputClosedError || abort.signal.aborted) {
        ended('aborted');
        return;
      }
      ended('failed');
      // Before the first byte, the error handler still answers a JSON 500 (not as a download).
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        throw error;
      }
      logger.error({ err: error, format: format.name }, 'export failed while streaming');
      res.destroy(error as Error);
    }
  });
  return router;
}
