/** Unique slugs within one entity type. */
import { slugify } from '../../src/domain/slugify';

/** Hands out slugs of one type, suffixing `-2`, `-3`, ... when a slug is taken. */
export class SlugSet {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();

  /** A free slug made from `text` (a name, a title or an already slugged string); `fallback` when it slugs to nothing. */
  claim(text: string, fallback = 'item'): string {
    let base = quickSlug(text);
    if (base === '') base = fallback;
    if (base.length > 110) base = base.slice(0, base.lastIndexOf('-', 110) > 0 ? base.lastIndexOf('-', 110) : 110);
    let slug = base;
    if (this.taken.has(slug)) {
      let n = this.next.get(base) ?? 2;
      while (this.taken.has(`${base}-${n}`)) n++;
      this.next.set(base, n + 1);
      slug = `${base}-${n}`;
    }
    this.taken.add(slug);
    return slug;
  }
}

/**
 * `slugify` for plain ASCII text without the characters it spells out (`+`, `&`), which is
 * most of the corpus and several times faster; anything else goes through `slugify`.
 */
function quickSlug(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text) || /[+&]/.test(text)) return slugify(text);
  return text.toLowerCase().replace(/[.'"]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
