/**
 * A request's data as an import reads and writes it: the reads of `storedData` through the
 * request's loaders (one version of the data, counted and cut off at the deadline like
 * every read), the writes through the request's context (its loaders then read what was
 * written).
 */
import type { Context } from '../../context';
import type { ImportTarget } from '../../import/import-into-store';
import type { DataReader } from '../../import/stored-data';
import type { Loaders } from '../../loaders/create-loaders';
import type { EntityType } from '../../store/contract/records';
import type { FindQuery, FindResult } from '../../store/contract/store';

/** The request's loaders as a reader of pages and source texts. */
export function requestReader(loaders: Loaders): DataReader {
  return {
    findMany<T extends EntityType>(type: T, queries: readonly FindQuery<T>[]): Promise<FindResult<T>[]> {
      const pages = loaders[`${type.charAt(0).toLowerCase()}${type.slice(1)}Pages` as `${Uncapitalize<EntityType>}Pages`] as unknown as { load(query: FindQuery<T>): FindResult<T> | Promise<FindResult<T>> };
      return Promise.all(queries.map((query) => pages.load(query)));
    },
    async sourceTexts(slugs) {
      const texts = await loaders.sourceTextBySlug.loadMany(slugs);
      return texts.map((text) => {
        if (text instanceof Error) throw text;
        return text;
      });
    },
  };
}

/** The request as an import target: reads through its loaders, moved to the latest data when planning again. */
export function requestTarget(context: Context): ImportTarget {
  return {
    read(latest, use) {
      if (latest) context.readLatest();
      return use(requestReader(context.loaders));
    },
    write: (changes) => context.write(changes),
  };
}
