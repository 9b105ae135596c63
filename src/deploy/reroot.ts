// A discovered app's root is a guess: the folder of its entry points (src/discover.ts). A deploy definition whose
// handler module is one of those files says where Python imports them from: serverless `handler: apps.a.handler`
// packaging the service folder imports apps/a.py as apps.a from the folder above apps/, so `from core.settings
// import S` in it resolves there, not under apps/. The discovered app is then checked from that root, with the
// same entry points (spelled from there); --verbose says so. Without a deploy definition the guess stands.
import type { AppSpec } from '../graph/build.js';
import { entryRef, type SpecDeploy } from '../graph/deployed.js';
import { deployMessages } from '../messages.js';
import type { Finding } from '../types.js';

type DeploySpec = AppSpec & { deploy: SpecDeploy };

/** A file a deploy definition's function imports as its handler module, and the folder Python imports it from. */
interface Served {
  file: string;
  root: string;
  by: string;
  /** For a code root: the handler module's folder, which may hold the discovered app when the module is misspelt. */
  folder?: string;
  /** The deploy app, when it is an app of its own (a simulated package, not a code root merged by root). */
  app?: string;
}

const where = (s: DeploySpec) => {
  const l = s.deploy.functions[0].fn.loc;
  return `${l.file}:${l.line}`;
};

/** The handler files of every deploy app, each with the folder its module path is relative to. */
export function servedFiles(deploy: readonly DeploySpec[]): Served[] {
  const out: Served[] = [];
  for (const d of deploy) {
    if (!d.deploy.layout) {
      // A code root: the entry points are the handler modules, relative to it.
      for (const e of d.deployEntries ?? d.entrypoints) {
        const file = d.root ? `${d.root}/${e}` : e;
        out.push({ file, root: d.root, by: where(d), folder: file.slice(0, Math.max(0, file.lastIndexOf('/'))) });
      }
      continue;
    }
    for (const f of d.deploy.functions) {
      const ref = entryRef(f.fn);
      if (!ref?.module) continue;
      const mod = ref.module.replace(/\./g, '/');
      // The handler module's own file, or (a misspelt handler: HND001 says so) a file of its package's folder.
      const slash = mod.lastIndexOf('/');
      const near = (x: { dest: string }) => slash > 0 && x.dest.startsWith(mod.slice(0, slash + 1)) && x.dest.endsWith('.py');
      const own = [`${mod}.py`, `${mod}/__init__.py`];
      const files = f.layout.files ?? [];
      for (const file of [...files.filter((x) => own.includes(x.dest)), ...files.filter((x) => !own.includes(x.dest) && near(x))]) {
        // Only a file packaged at its own path below some folder says what that folder is.
        if (file.src !== file.dest && !file.src.endsWith(`/${file.dest}`)) continue;
        out.push({ file: file.src, root: file.src.slice(0, file.src.length - file.dest.length).replace(/\/$/, ''), by: where(d), app: d.name });
      }
    }
  }
  return out;
}

const inside = (folder: string, root: string) => root === '' || folder.startsWith(`${root}/`);

/**
 * The discovered apps, each re-rooted at the folder a deploy definition imports one of its entry points from when
 * that folder holds the guessed root (a deploy root below the guess, or the guess itself, leaves it as it is).
 */
export function reRootDiscovered(discovered: AppSpec[], deploy: readonly DeploySpec[], verbose?: string[]): AppSpec[] {
  const served = servedFiles(deploy);
  if (!served.length) return discovered;
  return discovered.map((s) => {
    if (s.deploy) return s;
    const files = new Set(s.entrypoints.map((e) => (s.root ? `${s.root}/${e}` : e)));
    const mine = served.filter((x) => files.has(x.file) || (x.folder !== undefined && x.folder !== x.root && x.folder === s.root));
    // Some function imports them from the guessed root itself: the guess is what Lambda does for that one.
    if (!mine.length || mine.some((x) => x.root === s.root)) return s;
    const to = mine.find((x) => x.root !== s.root && inside(s.root, x.root));
    if (!to) return s;
    const rel = to.root ? s.root.slice(to.root.length + 1) : s.root;
    verbose?.push(deployMessages.reRootedApp(s.root, to.root, to.file, to.by));
    // The name stays: another discovered app may already be called after the new root.
    return { ...s, root: to.root, entrypoints: s.entrypoints.map((e) => `${rel}/${e}`), ...(to.app ? { packagedAs: to.app } : {}) };
  });
}

/**
 * The rules' findings without those a re-rooted app repeats at a place where its deploy app makes the same finding
 * (same rule, file, line and column): the deploy app's names the package, and it is one problem to fix.
 */
export function dropPackagedRepeats<T extends { finding: Finding; subject?: { app: string } }>(raw: T[], specs: readonly AppSpec[]): T[] {
  const twin = new Map(specs.filter((s) => s.packagedAs).map((s) => [s.name, s.packagedAs!]));
  if (!twin.size) return raw;
  const key = (app: string, f: Finding) => `${app}\0${f.ruleId}\0${f.file}\0${f.line}\0${f.column}`;
  const made = new Set(raw.map((r) => (r.subject ? key(r.subject.app, r.finding) : '')));
  return raw.filter((r) => {
    const p = r.subject && twin.get(r.subject.app);
    return !p || !made.has(key(p, r.finding));
  });
}
