// The note that says where gaps() stopped comparing every pair (compare.ts MAX_PAIRWISE_APPS), so a
// folder of hundreds of entry points is not read as fully compared.
import { parityGroups } from '../../graph/registrations/groups.js';
import type { AppGraph } from '../../graph/types.js';
import { MAX_PAIRWISE_APPS } from './compare.js';

export function pairwiseCuts(graphs: AppGraph[]): string[] {
  const out: string[] = [];
  for (const graph of graphs) {
    for (const group of parityGroups(graph)) {
      if (group.length <= MAX_PAIRWISE_APPS) continue;
      out.push(
        `${group.length} entry points compared as one app in ${graph.root || '.'}: past ${MAX_PAIRWISE_APPS}, what one lacks is reported once, from the first that has it, not from each; list the apps in the config to compare fewer`,
      );
    }
  }
  return out;
}
