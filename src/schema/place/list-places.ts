import type { Context } from '../../context';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Condition, Entity } from '../../store/contract/store';
import { checkedText, referencedSlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { PlacesArgs } from './places.args';

/** A page of places matching `args` within `scope`. */
export function listPlaces({ loaders, cursors }: Context, args: PlacesArgs, scope: Condition<'Place'>[] = []): PromiseOrValue<ConnectionValue<Entity<'Place'>>> {
  return then(referencedSlugs(loaders, args.filter?.countries, 'Country', 'filter.countries'), (countries) => {
    const where = [...scope];
    if (countries) where.push({ field: 'country', anyOf: countries });
    return resolveConnection(cursors, loaders.placePages, args, args.orderBy ?? { field: 'NAME', direction: 'ASC' }, {
      where,
      text: checkedText(args.filter?.text, 'filter.text'),
    });
  });
}
