import { ArgsType, Field } from 'type-graphql';
import { DateScalar } from '../common/date.scalar';

/** The arguments of `Person.offices`. */
@ArgsType()
export class OfficesHeldArgs {
  @Field(() => DateScalar, { nullable: true, description: 'The day to answer for: offices whose tenure the sources attest on it; omit for every office ever held.' })
  asOf?: string | null;
}
