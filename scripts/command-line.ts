/**
 * The command lines of the npm commands that take one argument and `--name value` (or
 * `--name=value`) options, as `npm run draft` and `npm run export` do: read here once, with
 * the same messages, so that each command only says what its argument and options are.
 */

/** A command line the command cannot run with: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

/**
 * The one argument (`what` names it in messages: "report", "format") and the values of
 * `options` (option → key), from `argv`. An option without a value, an unknown option and
 * a second argument are UsageErrors.
 */
export function readCommandLine<K extends string>(argv: readonly string[], options: Readonly<Record<string, K>>, what: string): { argument: string | undefined; values: Partial<Record<K, string>> } {
  let argument: string | undefined;
  const values: Partial<Record<K, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [option, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (Object.hasOwn(options, option)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${option} needs a value`);
      values[options[option]!] = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (argument === undefined) {
      argument = arg;
    } else {
      throw new UsageError(`one ${what} at a time; got ${JSON.stringify(argument)} and ${JSON.stringify(arg)}`);
    }
  }
  return { argument, values };
}
