import { Field, InputType } from 'type-graphql';
import type { OrderDirection } from '../../store/contract/store';
import { describedEnum, OrderDirectionEnum } from '../common/enums';

/** Builds `<Name>Order { field: <Name>OrderField!, direction: OrderDirection! }` for a list type. */
export function OrderInput<F extends string>(name: string, plural: string, fields: Record<F, string>) {
  const FieldEnum = describedEnum(`${name}OrderField`, `What a list of ${plural} can be ordered by.`, fields);

  @InputType(`${name}Order`, { description: `The order of a list of ${plural}.` })
  class Order {
    @Field(() => FieldEnum, { description: 'What to order by.' })
    field!: F;

    @Field(() => OrderDirectionEnum, { description: 'Ascending or descending.' })
    direction!: OrderDirection;
  }
  return Order;
}
