import type { Context } from '../../context';
import type { Condition, Entity } from '../../store/store';
import { checkedText, countrySlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { PeopleArgs } from './people.args';

/** A page of people matching `args` within `scope`. */
export async function listPeople({ loaders, cursors }: Context, args: PeopleArgs, scope: Condition<'Person'>[] = []): Promise<ConnectionValue<Entity<'Person'>>> {
  const where = [...scope];
  const countries = await countrySlugs(loaders, args.filter?.countries, 'filter.countries');
  if (countries) where.push({ field: 'country', anyOf: countries });
  return resolveConnection(cursors, loaders.personPages, args, args.orderBy ?? { field: 'NAME', direction: 'ASC' }, {
    where,
    text: checkedText(args.filter?.text, 'filter.text'),
  });
}
