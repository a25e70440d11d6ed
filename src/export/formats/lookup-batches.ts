/**
 * Reading the records an export refers to through its lookup, a batch at a time, so that
 * a format holds the records of one batch (and the slugs of the rest), never all of them.
 */
import type { CitationRecord, EntityType, RecordOf } from '../../store/contract/records';
import type { ExportLookup } from '../export-format';

/** How many records one lookup batch reads. */
export const LOOKUP_BATCH_SIZE = 200;

/** The records of `slugs` (each once), by slug; absent records are left out. */
export async function loadBySlug<T extends EntityType>(lookup: ExportLookup, type: T, slugs: Iterable<string>): Promise<Map<string, RecordOf[T]>> {
  const wanted = [...new Set(slugs)];
  const records = await lookup.get(type, wanted);
  const bySlug = new Map<string, RecordOf[T]>();
  records.forEach((record, i) => {
    if (record !== null) bySlug.set(wanted[i]!, record);
  });
  return bySlug;
}

/** `slugs` sorted, in batches of `LOOKUP_BATCH_SIZE`. */
export function batchesOf(slugs: Iterable<string>): string[][] {
  const sorted = [...slugs].sort();
  const batches: string[][] = [];
  for (let i = 0; i < sorted.length; i += LOOKUP_BATCH_SIZE) batches.push(sorted.slice(i, i + LOOKUP_BATCH_SIZE));
  return batches;
}

/** The slugs of the sources `citations` quote. */
export function citedSources(citations: readonly CitationRecord[]): string[] {
  return citations.map((citation) => citation.source);
}

/** Every citation a meeting holds: its own, its participants', its topics' and its outcomes', in that order. */
export function meetingCitations(meeting: RecordOf['Meeting']): CitationRecord[] {
  return [
    ...meeting.citations,
    ...meeting.participants.flatMap((participant) => participant.citations),
    ...meeting.topics.flatMap((topic) => topic.citations),
    ...meeting.outcomes.flatMap((outcome) => outcome.citations),
  ];
}
