/**
 * Strings that are not well-formed Unicode: a lone surrogate (U+D800–U+DFFF without its
 * pair) cannot be written as UTF-8, so it would come back as U+FFFD from a text file and
 * PostgreSQL refuses it. Every input that becomes data is checked with this one walk.
 */

/** A string in a value that holds a lone surrogate, by path of keys and indexes (`citations.0.quote`). */
export interface IllFormedString {
  /** Segments from the root: object keys and array indexes. */
  path: (string | number)[];
  message: string;
}

/** In `u` mode a surrogate pair is one code point, so this matches only lone surrogates. */
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with `text`, or null when it is well-formed. */
export function illFormedProblem(text: string): string | null {
  const found = LONE_SURROGATE.exec(text);
  if (found === null) return null;
  const unit = found[0].charCodeAt(0).toString(16).toUpperCase();
  return `is not well-formed Unicode: lone surrogate U+${unit} at character ${found.index + 1}; send text as UTF-8, with every surrogate in a pair`;
}

/** A path as a chain from the leaf back to the root: built into an array only for what is reported. */
type PathNode = { parent: PathNode; key: string | number } | null;

function pathOf(node: PathNode): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = node; at !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Every ill-formed string in `value` (strings, arrays and plain objects, keys included),
 * at most `max`. Iterative, so no nesting depth can overflow the stack. It runs on every
 * request's variables, so the walk allocates only per container (a path node), not per value.
 */
export function illFormedStrings(value: unknown, max = 20): IllFormedString[] {
  const found: IllFormedString[] = [];
  // Parallel stacks of each value still to look at, its container's path and its key there.
  const values: unknown[] = [value];
  const parents: PathNode[] = [null];
  const keys: (string | number | undefined)[] = [undefined];
  const at = (parent: PathNode, key: string | number | undefined): PathNode => (key === undefined ? parent : { parent, key });
  while (values.length > 0 && found.length < max) {
    const current = values.pop();
    const parent = parents.pop()!;
    const key = keys.pop();
    if (typeof current === 'string') {
      if (!LONE_SURROGATE.test(current)) continue;
      found.push({ path: pathOf(at(parent, key)), message: illFormedProblem(current)! });
    } else if (Array.isArray(current)) {
      const here = at(parent, key);
      for (let i = current.length - 1; i >= 0; i--) {
        values.push(current[i]);
        parents.push(here);
        keys.push(i);
      }
    } else if (typeof current === 'object' && current !== null) {
      const here = at(parent, key);
      const names = Object.keys(current);
      for (let i = names.length - 1; i >= 0; i--) {
        const name = names[i]!;
        if (LONE_SURROGATE.test(name)) found.push({ path: pathOf({ parent: here, key: name }), message: `has a key that ${illFormedProblem(name)!}` });
        values.push((current as Record<string, unknown>)[name]);
        parents.push(here);
        keys.push(name);
      }
    }
  }
  return found.slice(0, max);
}
