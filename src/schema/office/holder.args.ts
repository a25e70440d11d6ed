import { ArgsType, Field } from 'type-graphql';
import { DateScalar } from '../common/date.scalar';

/** The arguments of `Office.holder`. */
@ArgsType()
export class HolderArgs {
  @Field(() => DateScalar, { nullable: true, description: 'The day to answer for; omit for the latest known holder.' })
  asOf?: string | null;
}

/** The arguments of `Office.holders`. */
@ArgsType()
export class HoldersArgs {
  @Field(() => DateScalar, { description: 'The day to answer for.' })
  asOf!: string;
}
