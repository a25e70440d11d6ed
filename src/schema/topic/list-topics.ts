import type { Context } from '../../context';
import type { Condition, Entity } from '../../store/contract/store';
import { checkedText } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { TopicsArgs } from './topics.args';
import type { PromiseOrValue } from '../../jsutils/promise-or-value';

/** A page of topics matching `args`. */
export function listTopics({ loaders, cursors }: Context, args: TopicsArgs): PromiseOrValue<ConnectionValue<Entity<'Topic'>>> {
  const where: Condition<'Topic'>[] = [];
  // Top-level topics are those indexed under a null parent; subtopics are all the others.
  if (args.filter?.topLevel === true) where.push({ field: 'parent', anyOf: [null] });
  return resolveConnection(cursors, loaders.topicPages, args, args.orderBy ?? { field: 'NAME', direction: 'ASC' }, {
    where,
    text: checkedText(args.filter?.text, 'filter.text'),
  });
}
