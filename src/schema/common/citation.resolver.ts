import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';
import type { CitationRecord } from '../../store/contract/records';
import type { Entity } from '../../store/contract/store';
import { Source } from '../source/source.type';
import { Citation } from './citation.type';
import { CalledDirectly } from '../direct-resolvers';

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source)
  @CalledDirectly()
  source(@Root() citation: CitationRecord, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Source'> | null> {
    return loaders.sourceById.load(citation.source);
  }

  @FieldResolver(() => Source, { nullable: true })
  @CalledDirectly()
  attributedTo(@Root() citation: CitationRecord, @Ctx() { loaders }: Context): PromiseOrValue<Entity<'Source'> | null> | null {
    return citation.attributedTo === undefined ? null : loaders.sourceById.load(citation.attributedTo);
  }
}
