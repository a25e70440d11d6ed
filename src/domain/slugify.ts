import slugifyText from 'slugify';

slugifyText.extend({ '+': ' plus ', '&': ' and ' });

/** A slug from a name or title: "C5+1 ministerial" → "c5-plus-1-ministerial"; at most 120 characters, cut at a word. */
export function slugify(text: string): string {
  const slug = slugifyText(text, { lower: true, strict: true, trim: true }).replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (slug.length <= 120) return slug;
  const cut = slug.slice(0, 121);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : 120);
}
