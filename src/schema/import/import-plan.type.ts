/** The types of `importPlan` and `importBundle`: what importing a bundle does or did to each of its records, and the problems that stop it. */
import { Field, Int, ObjectType } from 'type-graphql';
import type { ProposalKind } from '../../draft/draft-bundle';
import type { RecordAction } from '../../import/import-bundle';
import type { MatchCandidate } from '../../import/import-problem';
import type { Entity } from '../../store/contract/store';
import { mappedEnum } from '../common/enums';
import { DraftCandidate, DraftProposalKind } from '../draft/draft.type';
import { Node } from '../relay/node.type';
import { Source } from '../source/source.type';

export const ImportActionEnum = mappedEnum<RecordAction>('ImportAction', 'What importing a bundle makes of one of its records.', {
  CREATE: ['create', 'A new record.'],
  REUSE: ['reuse', 'A stored record the import leaves as it is: the bundle adds nothing to it.'],
  MERGE: ['merge', 'A stored record the import adds to: citations, names, participants, claims.'],
});

@ObjectType({ description: 'One record of a bundle and what importing the bundle would make of it.' })
export class ImportRecordPlan {
  @Field({ description: 'The path of its record in the bundle, e.g. `source` or `people[0]`.' })
  path!: string;

  @Field(() => DraftProposalKind, { description: 'Its entity type.' })
  kind!: ProposalKind;

  @Field({ description: 'The slug it has in the store: the stored record\'s when reused, else the one it would get.' })
  slug!: string;

  @Field({ description: 'Its name or title as the bundle gives it (a tenure: its person and office).' })
  name!: string;

  @Field(() => ImportActionEnum, { description: 'What the import would make of it. MERGE is known only when the bundle is importable; until then a stored record is REUSE.' })
  action!: RecordAction;

  @Field(() => [DraftCandidate], { description: 'Stored records it may be (a near name, a possible event), best first: the import stops until the record says `sameAs` or `distinctFrom`. Empty when settled.' })
  candidates!: MatchCandidate[];
}

@ObjectType('ImportProblem', { description: 'One reason a bundle cannot be imported, at its path in the bundle.' })
export class ImportProblemType {
  @Field({ description: 'Where in the bundle, e.g. `meetings[2].participants[0].person`; empty for the bundle as a whole.' })
  path!: string;

  @Field({ description: 'What is wrong.' })
  message!: string;

  @Field(() => [DraftCandidate], { description: 'For a near match: the stored records the bundle record may be, best first, to name in `sameAs` or `distinctFrom`; else empty.' })
  candidates!: MatchCandidate[];
}

@ObjectType({ description: 'What importing a bundle would do, computed without writing: each record\'s action, and every problem that stops the import.' })
export class ImportPlan {
  @Field({ description: 'True when nothing stops the import (`problems` is empty): `importBundle` would write this plan, unless the data changes first.' })
  importable!: boolean;

  @Field(() => [ImportRecordPlan], { description: 'One per bundle record, in bundle order: the source first, then countries, places, sources, organizations, people, offices, tenures, topics and meetings. Empty when the bundle\'s shape is wrong.' })
  records!: ImportRecordPlan[];

  @Field(() => [ImportProblemType], { description: 'Every problem that stops the import, in bundle order: a malformed record, an unknown name, a quote that is not in its source, an unsettled near match.' })
  problems!: ImportProblemType[];

  @Field(() => Int, { description: 'How many new records it would create, over all types (with the cited reference dataset when the store lacks it).' })
  created!: number;

  @Field(() => Int, { description: 'How many bundle records are stored records (reused or merged into), over all types (a stored record named twice counts twice).' })
  reused!: number;

  @Field(() => Int, { description: 'How many stored records it would add to (known only when importable), each counted once.' })
  merged!: number;
}

@ObjectType({ description: 'One record of an imported bundle, as stored.' })
export class ImportedRecord {
  @Field({ description: 'The path of its record in the bundle, e.g. `people[0]`.' })
  path!: string;

  @Field(() => ImportActionEnum, { description: 'What the import made of it.' })
  action!: RecordAction;

  @Field(() => Node, { description: 'The stored entity.' })
  node!: Entity;
}

@ObjectType({ description: 'The result of importBundle: what the import created, reused and added to.' })
export class ImportBundlePayload {
  @Field(() => Int, { description: 'How many new records it created, over all types (with the cited reference dataset when the store lacks it).' })
  created!: number;

  @Field(() => Int, { description: 'How many bundle records are stored records (reused or merged into), over all types (a stored record named twice counts twice).' })
  reused!: number;

  @Field(() => Int, { description: 'How many stored records it added to, each counted once.' })
  merged!: number;

  @Field(() => [ImportedRecord], { description: 'One per bundle record, in bundle order.' })
  records!: ImportedRecord[];

  @Field(() => Source, { description: 'The article (`bundle.source`) as stored, with its citations.' })
  source!: Entity<'Source'>;
}
