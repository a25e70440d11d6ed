/** Every export format, in the order `GET /export` and the CLI's usage list them. */
import type { ExportFormat } from './export-format';
import { dyadsCsv } from './formats/dyads-csv';
import { ftmFormat } from './formats/ftm';
import { meetingsCsv } from './formats/meetings-csv';
import { ploverJsonl } from './formats/plover';
import { popoloFormat } from './formats/popolo';

export const EXPORT_FORMATS: readonly ExportFormat[] = [ploverJsonl, meetingsCsv, dyadsCsv, popoloFormat, ftmFormat];

/** The format of `formats` that `name` names: by its name, or its download's file name (`plover.jsonl`, `meetings.csv`); undefined for none. */
export function formatNamed(formats: readonly ExportFormat[], name: string): ExportFormat | undefined {
  return formats.find((format) => format.name === name || `${format.name}.${format.extension}` === name);
}
