/** A topic vocabulary of three levels: broad fields, their branches, and branch aspects. */
import type { TopicRecord } from '../../src/store/contract/records';
import type { Rng } from './random';
import { SlugSet } from './slugs';

const BRANCHES: Record<string, string[]> = {
  security: ['regional security', 'maritime security', 'cybersecurity', 'border security', 'energy security', 'food security', 'nuclear security', 'counterterrorism', 'arms control', 'non-proliferation'],
  energy: ['nuclear energy', 'renewable energy', 'oil', 'natural gas', 'hydropower', 'solar power', 'wind power', 'hydrogen', 'energy transit', 'electricity grids'],
  trade: ['bilateral trade', 'free trade', 'agricultural trade', 'digital trade', 'transit trade', 'export controls', 'customs', 'trade barriers', 'investment', 'supply chains'],
  economy: ['economic reforms', 'economic cooperation', 'digital economy', 'green economy', 'industrial policy', 'privatization', 'labour markets', 'tourism', 'small business', 'public debt'],
  climate: ['climate change', 'climate finance', 'climate adaptation', 'emissions', 'carbon markets', 'deforestation', 'disaster risk', 'glaciers', 'desertification', 'green transition'],
  health: ['public health', 'pandemic preparedness', 'vaccines', 'health systems', 'medical supplies', 'global health', 'disease control', 'health research', 'nutrition', 'mental health'],
  migration: ['labour migration', 'refugees', 'visa policy', 'border management', 'diaspora', 'asylum', 'human trafficking', 'return and readmission', 'student mobility', 'consular affairs'],
  'human rights': ['freedom of expression', 'freedom of the press', 'women\'s rights', 'minority rights', 'religious freedom', 'rule of law', 'civil society', 'children\'s rights', 'torture prevention', 'disability rights'],
  politics: ['political cooperation', 'parliamentary elections', 'presidential elections', 'reforms', 'constitutional reform', 'governance', 'decentralization', 'political dialogue', 'strategic partnership', 'multilateralism'],
  culture: ['cultural heritage', 'cultural exchange', 'sports', 'languages', 'museums', 'film', 'religion', 'youth exchange', 'media', 'people-to-people ties'],
  education: ['higher education', 'scholarships', 'vocational training', 'school education', 'academic exchange', 'research universities', 'literacy', 'distance learning', 'teacher training', 'education reform'],
  technology: ['artificial intelligence', 'telecommunications', 'space cooperation', 'semiconductors', 'digital infrastructure', 'e-government', 'data protection', 'innovation', 'satellites', 'biotechnology'],
  transport: ['transport corridors', 'railways', 'aviation', 'ports', 'roads', 'logistics', 'shipping', 'urban transport', 'border crossings', 'pipelines'],
  agriculture: ['food production', 'irrigation', 'fisheries', 'livestock', 'grain exports', 'fertilizers', 'agricultural technology', 'rural development', 'land reform', 'food prices'],
  water: ['water management', 'transboundary rivers', 'drinking water', 'dams', 'water sharing', 'the Aral Sea', 'sanitation', 'water diplomacy', 'flood control', 'groundwater'],
  finance: ['development finance', 'banking', 'sanctions', 'currency', 'debt relief', 'taxation', 'remittances', 'anti-money laundering', 'sovereign funds', 'capital markets'],
  defense: ['military cooperation', 'defense procurement', 'peacekeeping', 'military exercises', 'demining', 'defense industry', 'military education', 'naval cooperation', 'air defense', 'veterans'],
  law: ['judicial cooperation', 'extradition', 'anti-corruption', 'legal reform', 'international law', 'law of the sea', 'organized crime', 'drug trafficking', 'property rights', 'arbitration'],
  science: ['scientific cooperation', 'nuclear research', 'polar research', 'geology', 'ocean research', 'medical research', 'astronomy', 'seismology', 'research funding', 'laboratories'],
  environment: ['biodiversity', 'air pollution', 'waste management', 'protected areas', 'plastic pollution', 'wildlife trafficking', 'soil degradation', 'marine protection', 'forests', 'chemical safety'],
};
const ASPECTS = ['cooperation', 'agreements', 'policy', 'financing', 'standards', 'projects', 'dialogue', 'investment', 'programmes', 'initiatives'];

/** `count` topics: the broad fields first, then branches, then aspects of branches, each with its parent. */
export function generateTopics(rng: Rng, count: number): TopicRecord[] {
  const slugs = new SlugSet();
  const topics: TopicRecord[] = [];
  const add = (name: string, parent: string | null): TopicRecord => {
    const topic: TopicRecord = { slug: slugs.claim(name), name, aliases: [], parent };
    topics.push(topic);
    return topic;
  };
  const fields = rng.shuffle(Object.keys(BRANCHES)).slice(0, Math.min(20, Math.max(4, Math.round(count / 6))));
  const roots = fields.map((field) => add(field, null));
  const branches: TopicRecord[] = [];
  const candidates = rng.shuffle(roots.flatMap((root) => BRANCHES[root.name]!.map((name) => [name, root.slug] as const)));
  const branchTarget = Math.round(count * 0.6);
  for (const [name, parent] of candidates.slice(0, branchTarget)) branches.push(add(name, parent));
  const aspects = rng.shuffle(branches.flatMap((branch) => ASPECTS.map((aspect) => [`${branch.name} ${aspect}`, branch.slug] as const)));
  for (const [name, parent] of aspects) {
    if (topics.length >= count) break;
    add(name, parent);
  }
  return topics;
}
