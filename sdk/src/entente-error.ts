/** One GraphQL error as Entente sends it: every error carries `extensions.code`. */
export interface EntenteErrorDetail {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions: { readonly code: string; readonly [key: string]: unknown };
}

/**
 * A failed request: the GraphQL errors the server answered with, or one error standing for
 * a failure without a GraphQL body (code `HTTP_<status>`, or `NETWORK_ERROR` when no
 * response arrived). `data` holds whatever partial data came with the errors.
 */
export class EntenteError<TData = unknown> extends Error {
  override readonly name = 'EntenteError';
  readonly errors: readonly EntenteErrorDetail[];
  /** The partial data of the response, when it had any; null or undefined otherwise. */
  readonly data: TData | null | undefined;
  /** The HTTP status of the response; undefined when none arrived. */
  readonly status: number | undefined;

  constructor(
    errors: readonly EntenteErrorDetail[],
    options: { data?: TData | null; status?: number; cause?: unknown } = {},
  ) {
    super(summarize(errors), options.cause === undefined ? undefined : { cause: options.cause });
    this.errors = errors;
    this.data = options.data;
    this.status = options.status;
  }

  /** The first error's `extensions.code`, e.g. `UNAUTHENTICATED`, `BAD_USER_INPUT`, `HTTP_502`. */
  get code(): string {
    return this.errors[0]?.extensions.code ?? 'UNKNOWN';
  }
}

function summarize(errors: readonly EntenteErrorDetail[]): string {
  const [first] = errors;
  if (!first) return 'The request failed without an error message.';
  return errors.length > 1 ? `${first.message} (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : first.message;
}
