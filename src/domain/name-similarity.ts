// PLACEHOLDER until the names branch lands (replaced by its maintained-library version).
import { foldText } from './fold-text';
export const NEAR_MATCH_SCORE = 0.85;
function bigrams(s: string): string[] {
  const t = ` ${foldText(s)} `;
  const out: string[] = [];
  for (let i = 0; i < t.length - 1; i++) out.push(t.slice(i, i + 2));
  return out;
}
export function nameSimilarity(a: string, b: string): number {
  if (foldText(a) === foldText(b)) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  const pool = [...y];
  let shared = 0;
  for (const g of x) {
    const i = pool.indexOf(g);
    if (i >= 0) {
      shared++;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}
