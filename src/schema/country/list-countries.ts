import type { Context } from '../../context';
import type { Entity } from '../../store/contract/store';
import { checkedText } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { CountriesArgs } from './countries.args';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';

/** A page of countries matching `args`. */
export function listCountries({ loaders, cursors }: Context, args: CountriesArgs): PromiseOrValue<ConnectionValue<Entity<'Country'>>> {
  return resolveConnection(cursors, loaders.countryPages, args, args.orderBy ?? { field: 'NAME', direction: 'ASC' }, {
    text: checkedText(args.filter?.text, 'filter.text'),
  });
}
