import type { Context } from '../../context';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Condition, Entity } from '../../store/contract/store';
import { checkedText, referencedSlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { PeopleArgs } from './people.args';

/** A page of people matching `args` within `scope`. */
export function listPeople({ loaders, cursors }: Context, args: PeopleArgs, scope: Condition<'Person'>[] = []): PromiseOrValue<ConnectionValue<Entity<'Person'>>> {
  return then(referencedSlugs(loaders, args.filter?.countries, 'Country', 'filter.countries'), (countries) => {
    const where = [...scope];
    if (countries) where.push({ field: 'country', anyOf: countries });
    return resolveConnection(cursors, loaders.personPages, args, args.orderBy ?? { field: 'NAME', direction: 'ASC' }, {
      where,
      text: checkedText(args.filter?.text, 'filter.text'),
    });
  });
}
