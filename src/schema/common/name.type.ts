import { Field, ObjectType } from 'type-graphql';
import type { NameRecord } from '../../store/contract/records';

@ObjectType({ simpleResolvers: true, description: 'One name of an entity as written in one language or script, e.g. "Токаев" (ru) for "Kassym-Jomart Tokayev".' })
export class Name {
  @Field({ description: 'The name as written, e.g. "Токаев".' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'Its language, a BCP 47 language tag such as "en", "ru" or "kk-Cyrl"; null when not stated (the primary name and the aliases).' })
  lang!: string | null;
}

/** The description of `names` on every named type. */
export const NAMES_DESCRIPTION =
  'Every name this entity goes by: first the names stated with their language, then the primary `name` and the `aliases` not already among them (language null: not stated). `search` finds the entity by any of them, in any script.';

/** A record's names as the API lists them: its names with their language, then its name and aliases not already listed. */
export function listedNames(record: { name: string; aliases: readonly string[]; names?: readonly NameRecord[] }): Name[] {
  const listed: Name[] = (record.names ?? []).map(({ value, lang }) => ({ value, lang }));
  const seen = new Set(listed.map(({ value }) => value));
  for (const value of [record.name, ...record.aliases]) {
    if (seen.has(value)) continue;
    seen.add(value);
    listed.push({ value, lang: null });
  }
  return listed;
}
