import { Field, ObjectType } from 'type-graphql';
import type { PloverCategory, PloverMode } from '../../domain/vocabularies';
import { PloverCategoryEnum, PloverModeEnum } from '../common/enums';

@ObjectType({
  simpleResolvers: true,
  description:
    'The event in the codes of event-data research, to join Entente with GDELT (CAMEO) and POLECAT (PLOVER).',
})
export class EventCoding {
  @Field({ description: 'The CAMEO event code, e.g. "042" (Make a visit).' })
  cameoCode!: string;

  @Field(() => PloverCategoryEnum, { description: 'The PLOVER event type.' })
  ploverCategory!: PloverCategory;

  @Field(() => PloverModeEnum, { nullable: true, description: 'The PLOVER mode the official CAMEO-to-PLOVER mapping gives the CAMEO code (visit, third-party or phone); null when it gives none, e.g. for 040.' })
  ploverMode!: PloverMode | null;
}
