import type { Context } from '../../context';
import { attest, type Attestation } from '../../domain/attestation';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Entity } from '../../store/contract/store';
import { loadAll } from '../relay/load-all';

/**
 * What the sources attest about `tenure` (see domain/attestation.ts): reads the meetings in
 * which its person took part in its office and the sources citing it, through the request's
 * loaders, so the tenures of one level share one batch of meeting queries and one of sources.
 */
export function loadAttestation({ loaders }: Context, tenure: Entity<'Tenure'>): PromiseOrValue<Attestation> {
  const meetings = loadAll(loaders.meetingPages, [
    { field: 'participant', anyOf: [tenure.person] },
    { field: 'office', anyOf: [tenure.office] },
  ], { field: 'DATE', direction: 'ASC' });
  const sources = loaders.sourceById.loadMany([...new Set(tenure.citations.map((citation) => citation.source))]);
  // Both loads are issued before waiting on either, so they join the same batches.
  return then(meetings, (found) =>
    then(sources, (cited) =>
      attest(
        tenure,
        // The conditions also match a meeting where the person took part and someone else held the office: keep those where the person did so in the office.
        found.filter((meeting) => meeting.participants.some((p) => p.person === tenure.person && p.office === tenure.office)).map((meeting) => meeting.date),
        cited.map((source) => {
          if (source instanceof Error) throw source;
          return source === null ? null : source.publishedOn;
        }),
      ),
    ),
  );
}
