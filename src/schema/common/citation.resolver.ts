import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { MaybePromise } from '../../loaders/maybe-promise';
import type { CitationRecord } from '../../store/contract/records';
import type { Entity } from '../../store/contract/store';
import { Source } from '../source/source.type';
import { Citation } from './citation.type';

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source)
  source(@Root() citation: CitationRecord, @Ctx() { loaders }: Context): MaybePromise<Entity<'Source'> | null> {
    return loaders.sourceById.load(citation.source);
  }
}
