import type { Context } from '../../context';
import type { Condition, Entity } from '../../store/contract/store';
import { checkedText, dateRange } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { SourcesArgs } from './sources.args';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';

/** A page of sources matching `args`. */
export function listSources({ loaders, cursors }: Context, args: SourcesArgs): PromiseOrValue<ConnectionValue<Entity<'Source'>>> {
  const where: Condition<'Source'>[] = [];
  if (args.filter?.kinds?.length) where.push({ field: 'kind', anyOf: args.filter.kinds });
  return resolveConnection(cursors, loaders.sourcePages, args, args.orderBy ?? { field: 'PUBLISHED_ON', direction: 'DESC' }, {
    where,
    dateRange: dateRange(args.filter?.from, args.filter?.to),
    text: checkedText(args.filter?.text, 'filter.text'),
  });
}
