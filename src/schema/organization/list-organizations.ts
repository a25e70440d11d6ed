import type { Context } from '../../context';
import type { Condition, Entity } from '../../store/store';
import { checkedText, countrySlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { OrganizationsArgs } from './organizations.args';

/** A page of organizations matching `args` within `scope`. */
export async function listOrganizations(
  { loaders, cursors }: Context,
  args: OrganizationsArgs,
  scope: Condition<'Organization'>[] = [],
): Promise<ConnectionValue<Entity<'Organization'>>> {
  const where = [...scope];
  const countries = await countrySlugs(loaders, args.filter?.countries, 'filter.countries');
  if (countries) where.push({ field: 'country', anyOf: countries });
  if (args.filter?.kinds?.length) where.push({ field: 'kind', anyOf: args.filter.kinds });
  return resolveConnection(cursors, loaders.organizationPages, args, args.orderBy ?? { field: 'NAME', direction: 'ASC' }, {
    where,
    text: checkedText(args.filter?.text, 'filter.text'),
  });
}
