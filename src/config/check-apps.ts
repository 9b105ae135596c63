// Checks of the merged apps that the schema cannot make: unique names, roots inside the checked
// folder that exist, entry points that exist. Each problem names the file and index the app was written at.
import { configMessages as M, inFile } from '../messages.js';
import type { Snapshot } from '../types.js';
import { joinPath } from '../util/posix-path.js';
import { configRoot, configRootAbs } from './app-root.js';
import type { Origin } from './layers.js';
import type { AppConfig, Config } from './schema.js';

/** Every problem of the apps of `config`, whose roots are relative to `dir` (the config's folder). */
export function checkApps(snapshot: Snapshot, config: Config, dir: string, origins: Map<AppConfig, Origin>): string[] {
  const problems: string[] = [];
  const firstByName = new Map<string, Origin>();
  for (const [position, app] of (config.apps ?? []).entries()) {
    const origin = origins.get(app) ?? { label: '', index: position };
    const at = (field: string, text: string) => inFile(origin.label, `apps[${origin.index}]${field}: ${text}`);
    const first = firstByName.get(app.name);
    if (first !== undefined) problems.push(at('.name', M.duplicateAppName(app.name, `apps[${first.index}]`)));
    else firstByName.set(app.name, origin);

    // Shown as written (an absolute `/etc` stays absolute).
    const rootShown = app.root.startsWith('/') ? app.root : joinPath('', app.root);
    const root = configRoot(snapshot.base, dir, app.root);
    if (root === '..' || root.startsWith('../')) {
      problems.push(at('.root', M.rootOutside(rootShown || '.', configRootAbs(snapshot.base, dir, app.root), snapshot.base)));
      continue;
    }
    if (!snapshot.hasDir(root)) {
      problems.push(at('.root', M.rootMissing(rootShown || '.')));
      continue;
    }
    app.entrypoints.forEach((ep, i) => {
      if (!snapshot.has(joinPath(root, ep)))
        problems.push(at(`.entrypoints[${i}]`, (snapshot.unfollowedLinks?.has(joinPath(root, ep)) ? M.entrypointNotFollowed : M.entrypointMissing)(joinPath(app.root, ep))));
    });
  }
  return problems;
}
