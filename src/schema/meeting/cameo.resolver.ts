import { FieldResolver, Resolver, Root } from 'type-graphql';
import { CAMEO_CODES } from '../../domain/vocabularies';
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
}
