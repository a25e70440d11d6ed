import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Entity } from '../../store/contract/store';
import { Office } from '../office/office.type';
import { Person } from '../person/person.type';
import { Tenure } from './tenure.type';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import { CalledDirectly } from '../direct-resolvers';

@Resolver(() => Tenure)
export class TenureResolver {
  @FieldResolver(() => Person, { description: 'Who held the office.' })
  @CalledDirectly()
  person(@Root() tenure: Entity<'Tenure'>, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Person'> | null> {
    return loaders.personById.load(tenure.person);
  }

  @FieldResolver(() => Office, { description: 'The office held.' })
  @CalledDirectly()
  office(@Root() tenure: Entity<'Tenure'>, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Office'> | null> {
    return loaders.officeById.load(tenure.office);
  }
}
