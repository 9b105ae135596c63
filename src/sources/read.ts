// Which files readDeploy reads: those a source matches by name, the candidates a source recognises by content (kept
// only when the text is one of its files), and the files a source wants with them (a CDK app's stacks), asked again
// of each file so read, until no source wants more. Each file is read once.
import type { DeploySource, SourceContext } from './common.js';
import type { PathMemo } from '../cache/path-memo.js';

type Text = { path: string; text: string };

/** Rounds of `wants`: a CDK app's imports are a few levels deep; past this the app is not read further. */
const MAX_ROUNDS = 12;

export async function readDeployFiles(
  sources: DeploySource[],
  paths: string[],
  read: (paths: string[]) => Promise<Text[]>,
  context: () => SourceContext,
  memo?: PathMemo,
): Promise<Text[]> {
  const byName = (p: string) => sources.some((s) => s.matches(p));
  const sniffers = sources.filter((s) => s.sniff);
  // Every path against every pattern: the same answer for the same list (memo: kept from an earlier run).
  const pick = () => paths.filter((p) => byName(p) || sniffers.some((s) => s.sniff!.candidate(p)));
  const first = memo ? memo.strings('deployCandidates', pick) : pick();
  const all = await read(first);
  const files = all.filter((f) => byName(f.path) || sniffers.some((s) => s.sniff!.candidate(f.path) && s.sniff!.accepts(f.text)));
  // A candidate read and not kept (an app.py that is no CDK app) is not read again when a source wants it.
  const readBefore = new Map(all.filter((f) => !files.includes(f)).map((f) => [f.path, f]));
  const wanting = sources.filter((s) => s.wants);
  if (!wanting.length) return files;
  const done = new Set(files.map((f) => f.path));
  // Per source, the files to ask: those it matches, then those it wanted.
  let ask = new Map(wanting.map((s) => [s, files.filter((f) => s.matches(f.path) || (s.sniff?.candidate(f.path) && s.sniff.accepts(f.text)))]));
  let ctx: SourceContext | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const want = new Map<string, DeploySource[]>();
    for (const [s, list] of ask) {
      for (const f of list) {
        for (const p of s.wants!(f.path, f.text, (ctx ??= context()))) {
          if (done.has(p)) continue;
          want.set(p, [...(want.get(p) ?? []), s]);
        }
      }
    }
    if (!want.size) break;
    const again = [...want.keys()].filter((p) => readBefore.has(p));
    const fresh = [...want.keys()].filter((p) => !readBefore.has(p));
    const got = [...again.map((p) => readBefore.get(p)!), ...(fresh.length ? await read(fresh) : [])];
    for (const p of want.keys()) done.add(p);
    files.push(...got);
    ask = new Map();
    for (const f of got) for (const s of want.get(f.path) ?? []) ask.set(s, [...(ask.get(s) ?? []), f]);
  }
  return files;
}
