import { Field, ObjectType } from 'type-graphql';
import type { MeetingKind } from '../../domain/vocabularies';
import { Citation } from '../common/citation.type';
import { MeetingKindEnum } from '../common/enums';
import { FuzzyDate } from '../common/fuzzy-date.type';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'Any diplomatic event: a visit, a bilateral meeting, talks, a ministerial, a briefing (Popolo Event). A visit may contain meetings (`parts`).',
})
export class Meeting implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key, e.g. "c5-plus-1-ministerial-astana-2023".' })
  slug!: string;

  @Field({ description: 'A short descriptive title, e.g. "C5+1 ministerial meeting in Astana".' })
  title!: string;

  @Field(() => MeetingKindEnum, { description: 'What kind of event it is.' })
  kind!: MeetingKind;

  @Field(() => FuzzyDate, {
    description:
      'When it took place, as precisely as the sources say: the days every statement allows (each source\'s claim in `dateClaims`, the `relations` to other meetings, the event it was `partOf`); `boundedBy` says which statements set each bound. When claims disagree, the preferred ones.',
  })
  date!: FuzzyDate;

  @Field({ description: "A neutral summary of what the sources report, in Entente's words; the citations hold the sources' own." })
  summary!: string;

  @Field(() => [Citation], { description: 'Where the sources report this event.' })
  citations!: Citation[];
}

export const MeetingConnection = ConnectionType('Meeting', Meeting, 'meetings');
