/**
 * The one source of randomness of the synthetic corpus: a seeded Mersenne Twister shared
 * by a fast structural generator (`Rng`) and by every faker locale, so that the same seed
 * and options always draw the same numbers in the same order.
 */
import {
  Faker,
  af_ZA,
  az,
  base,
  cs_CZ,
  da,
  de,
  de_AT,
  de_CH,
  en,
  en_AU,
  en_CA,
  en_GB,
  en_GH,
  en_IE,
  en_IN,
  en_NG,
  en_US,
  en_ZA,
  es,
  es_MX,
  fi,
  fr,
  fr_BE,
  fr_SN,
  generateMersenne53Randomizer,
  hr,
  hu,
  id_ID,
  it,
  lv,
  nb_NO,
  nl,
  pl,
  pt_BR,
  pt_PT,
  ro,
  sk,
  sv,
  tr,
  uz_UZ_latin,
  vi,
  yo_NG,
  type LocaleDefinition,
  type Randomizer,
} from '@faker-js/faker';

/** Latin-script faker locales that give people's names, by key. */
const LOCALES = {
  af_ZA, az, cs_CZ, da, de, de_AT, de_CH, en, en_AU, en_CA, en_GB, en_GH, en_IE, en_IN, en_NG, en_US, en_ZA,
  es, es_MX, fi, fr, fr_BE, fr_SN, hr, hu, id_ID, it, lv, nb_NO, nl, pl, pt_BR, pt_PT, ro, sk, sv, tr, uz_UZ_latin, vi, yo_NG,
} satisfies Record<string, LocaleDefinition>;

/** The faker locale keys `fakerFor` accepts. */
export type LocaleKey = keyof typeof LOCALES;

/** Seeded random draws for structure (counts, picks, dates), plus faker instances for names and words. */
export class Rng {
  private readonly randomizer: Randomizer;
  private readonly fakers = new Map<string, Faker>();

  constructor(seed: number) {
    this.randomizer = generateMersenne53Randomizer();
    this.randomizer.seed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.randomizer.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.randomizer.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.randomizer.next() < p;
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.randomizer.next() * items.length)]!;
  }

  /** An index drawn with the weights whose running totals are `cumulative` (ascending, last = total). */
  weightedIndex(cumulative: Float64Array | readonly number[]): number {
    const target = this.randomizer.next() * cumulative[cumulative.length - 1]!;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** One value of `table`, drawn with the weights given beside each value. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let target = this.randomizer.next() * total;
    for (const [value, weight] of table) {
      target -= weight;
      if (target < 0) return value;
    }
    return table[table.length - 1]![0];
  }

  /** A shuffled copy of `items` (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.randomizer.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** `count` distinct items of `items` (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count >= items.length) return this.shuffle(items);
    const chosen = new Set<number>();
    const result: T[] = [];
    while (result.length < count) {
      const index = Math.floor(this.randomizer.next() * items.length);
      if (chosen.has(index)) continue;
      chosen.add(index);
      result.push(items[index]!);
    }
    return result;
  }

  /** A faker for `locale` (falling back to English) drawing from this generator's stream. */
  fakerFor(locale: LocaleKey): Faker {
    let faker = this.fakers.get(locale);
    if (!faker) {
      faker = new Faker({ locale: [LOCALES[locale], en, base], randomizer: this.randomizer });
      this.fakers.set(locale, faker);
    }
    return faker;
  }
}
