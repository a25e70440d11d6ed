import { FieldResolver, Resolver, Root } from 'type-graphql';
import { CAMEO_CODES, type PloverCategory } from '../../domain/vocabularies';
import { CAMEO_TO_PLOVER } from '../../domain/cameo-plover';
import { PloverCategoryEnum } from '../common/enums';
import { EventCoding } from './event-coding.type';
import { Outcome } from './outcome.type';
import { CalledDirectly } from '../direct-resolvers';

const cameoName = (code: string) => CAMEO_CODES.get(code) ?? 'Unknown CAMEO code';

@Resolver(() => EventCoding)
export class EventCodingResolver {
  @FieldResolver(() => String, { description: 'The CAMEO name of the code, e.g. "Make a visit".' })
  @CalledDirectly()
  cameoName(@Root() coding: { cameoCode: string }): string {
    return cameoName(coding.cameoCode);
  }
}

@Resolver(() => Outcome)
export class OutcomeResolver {
  @FieldResolver(() => String, { description: 'The outcome\'s CAMEO code, as stored.' })
  @CalledDirectly()
  cameoCode(@Root() outcome: { cameo: string }): string {
    return outcome.cameo;
  }

  @FieldResolver(() => String, { description: 'The CAMEO name of the code, e.g. "Express intent to cooperate, not specified below".' })
  @CalledDirectly()
  cameoName(@Root() outcome: { cameo: string }): string {
    return cameoName(outcome.cameo);
  }

  @FieldResolver(() => PloverCategoryEnum, {
    nullable: true,
    description:
      'The outcome\'s PLOVER event type, e.g. AGREE or SUPPORT: the one its CAMEO code maps to in CAMEO2PLOVER-2021 (openeventdata/PLOVER); null for codes it does not map (families 01-02).',
  })
  @CalledDirectly()
  ploverCategory(@Root() outcome: { cameo: string; ploverCategory?: PloverCategory | null }): PloverCategory | null {
    return outcome.ploverCategory ?? CAMEO_TO_PLOVER.get(outcome.cameo)?.ploverCategory ?? null;
  }
}
