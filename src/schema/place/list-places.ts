import type { Context } from '../../context';
import type { Condition, Entity } from '../../store/store';
import { checkedText, countrySlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { PlacesArgs } from './places.args';

/** A page of places matching `args` within `scope`. */
export async function listPlaces({ loaders, cursors }: Context, args: PlacesArgs, scope: Condition<'Place'>[] = []): Promise<ConnectionValue<Entity<'Place'>>> {
  const where = [...scope];
  const countries = await countrySlugs(loaders, args.filter?.countries, 'filter.countries');
  if (countries) where.push({ field: 'country', anyOf: countries });
  return resolveConnection(cursors, loaders.placePages, args, args.orderBy ?? { field: 'NAME', direction: 'ASC' }, {
    where,
    text: checkedText(args.filter?.text, 'filter.text'),
  });
}
