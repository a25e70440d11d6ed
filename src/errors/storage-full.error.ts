import { GraphQLError } from 'graphql';

/** A write refused because the store has no space left (HTTP 503): nothing changed; retry once space is freed. */
export class StorageFullError extends GraphQLError {
  constructor() {
    super('The server has no space left to record this write; nothing was changed. Retry later: writes resume once space is freed.', {
      extensions: { code: 'STORAGE_FULL', http: { status: 503 } },
    });
    this.name = 'StorageFullError';
  }
}
