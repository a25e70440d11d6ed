import type { Context } from '../../context';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Condition, Entity } from '../../store/contract/store';
import { checkedText, referencedSlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { OfficesArgs } from './offices.args';

/** A page of offices matching `args` within `scope`. */
export function listOffices({ loaders, cursors }: Context, args: OfficesArgs, scope: Condition<'Office'>[] = []): PromiseOrValue<ConnectionValue<Entity<'Office'>>> {
  return then(referencedSlugs(loaders, args.filter?.countries, 'Country', 'filter.countries'), (countries) => {
    const where = [...scope];
    if (countries) where.push({ field: 'country', anyOf: countries });
    return resolveConnection(cursors, loaders.officePages, args, args.orderBy ?? { field: 'TITLE', direction: 'ASC' }, {
      where,
      text: checkedText(args.filter?.text, 'filter.text'),
    });
  });
}
