/** Bounded label values for Prometheus: a client must not be able to mint unlimited time series. */

export const ANONYMOUS = 'anonymous';
export const OTHER = 'other';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Maps operation names to `operation` label values: at most `maxNames` distinct names of at most `maxLength` characters, the rest "other". */
export class OperationLabels {
  private readonly known = new Set<string>();

  constructor(
    readonly maxNames = 200,
    readonly maxLength = 64,
  ) {}

  /**
   * The label for an operation. `resolved` is a name taken from a valid document, and may take
   * one of the free slots; a name only claimed by a request that did not resolve (a parse or
   * validation failure) is used only if already known.
   */
  label(name: string | null | undefined, resolved = true): string {
    if (!name) return ANONYMOUS;
    if (this.known.has(name)) return name;
    if (!resolved || name.length > this.maxLength || !GRAPHQL_NAME.test(name) || this.known.size >= this.maxNames) return OTHER;
    this.known.add(name);
    return name;
  }
}

/** The `code` label for an error code: upper-case codes as they are, anything else "OTHER". */
export function errorCodeLabel(code: string): string {
  return ERROR_CODE.test(code) ? code : 'OTHER';
}
