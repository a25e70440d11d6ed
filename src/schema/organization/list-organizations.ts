import type { Context } from '../../context';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Condition, Entity } from '../../store/contract/store';
import { checkedText, referencedSlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { OrganizationsArgs } from './organizations.args';

/** A page of organizations matching `args` within `scope`. */
export function listOrganizations(
  { loaders, cursors }: Context,
  args: OrganizationsArgs,
  scope: Condition<'Organization'>[] = [],
): PromiseOrValue<ConnectionValue<Entity<'Organization'>>> {
  return then(referencedSlugs(loaders, args.filter?.countries, 'Country', 'filter.countries'), (countries) => {
    const where = [...scope];
    if (countries) where.push({ field: 'country', anyOf: countries });
    if (args.filter?.kinds?.length) where.push({ field: 'kind', anyOf: args.filter.kinds });
    return resolveConnection(cursors, loaders.organizationPages, args, args.orderBy ?? { field: 'NAME', direction: 'ASC' }, {
      where,
      text: checkedText(args.filter?.text, 'filter.text'),
    });
  });
}
