import type { Context } from '../../context';
import type { Condition, Entity } from '../../store/store';
import { checkedText, countrySlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { OfficesArgs } from './offices.args';

/** A page of offices matching `args` within `scope`. */
export async function listOffices({ loaders, cursors }: Context, args: OfficesArgs, scope: Condition<'Office'>[] = []): Promise<ConnectionValue<Entity<'Office'>>> {
  const where = [...scope];
  const countries = await countrySlugs(loaders, args.filter?.countries, 'filter.countries');
  if (countries) where.push({ field: 'country', anyOf: countries });
  return resolveConnection(cursors, loaders.officePages, args, args.orderBy ?? { field: 'TITLE', direction: 'ASC' }, {
    where,
    text: checkedText(args.filter?.text, 'filter.text'),
  });
}
