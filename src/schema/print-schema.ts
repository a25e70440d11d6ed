import { printSchema } from 'graphql';
import { buildAppSchema } from './index';

/** The SDL of the API's schema, exactly as committed in `schema.graphql`. */
export function printAppSchema(): string {
  return `${printSchema(buildAppSchema())}\n`;
}
