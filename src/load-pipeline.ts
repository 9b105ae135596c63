// Loads the pipeline (src/pipeline.ts), built as dist/pipeline.cjs, through V8's code cache (tests
// and development import src/run.ts and the rest directly; the command line runs only built): Node 20 has no
// compile cache of its own (Node 22's module.enableCompileCache), and compiling the pipeline's
// 900 KB on every commit costs about as much as checking a small app. Like Node 22's, the cache
// lives in the temporary folder (a folder of the user's own, that only the user can write), one
// file per Node version and bundle; V8 checks the source and its flags and refuses data that does
// not match, and then the file is written again. It holds compiled code of parity-check itself,
// nothing of the checked repository.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node 22's. Part of the command line: only
// cli.ts imports it, and the pipeline itself still never touches `process`.
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

type Pipeline = typeof import('./pipeline.js');

/** How the pipeline was loaded, for --timing. */
export interface PipelineLoad {
  ms: number;
  /** When loading started (performance.now(): ms since the process started). */
  startedAt?: number;
  /** CPU time (user + system, ms) of the process when loading started, and what loading took. */
  cpuAt?: number;
  cpuMs?: number;
  /**
   * off: NODE_DISABLE_COMPILE_CACHE; unavailable: no folder that can be trusted;
   * used: compiled code read; none/refused: compiled, data written after the run.
   */
  cache: 'off' | 'unavailable' | 'used' | 'none' | 'refused';
}

let loaded: Promise<Pipeline> | undefined;
let info: PipelineLoad | undefined;

/** CPU time of this process so far (user + system), in ms: --timing's second column. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function pipelineLoad(): PipelineLoad | undefined {
  return info;
}

/** Called once the run is over: writes the code cache when it was missing or refused. */
let save: (() => void) | undefined;

export function loadPipeline(): Promise<Pipeline> {
  // The WebAssembly parsers, when they are the backend, load asynchronously: before any parse.
  return (loaded ??= load().then(async (p) => (await p.prepareParsers(), p)));
}

/** Writes the code cache if this run had to compile the pipeline; never throws. */
export function savePipelineCache(): void {
  save?.();
  save = undefined;
}

/**
 * The user's own cache folder in the temporary folder, created if missing (mode 700), or undefined
 * when it cannot be trusted: compiled code is run, so the folder must be a real folder of this user
 * that nobody else can write to (another user's planted file is never read).
 */
function cacheFolder(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = path.join(os.tmpdir(), `parity-check-compile-cache-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory()) return undefined;
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

async function load(): Promise<Pipeline> {
  const started = performance.now();
  const cpuAt = cpuMs();
  const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pipeline.cjs');
  let code: string;
  try {
    code = fs.readFileSync(bundle, 'utf8');
  } catch {
    throw new Error(`${bundle} is missing: build parity-check (npm run build)`);
  }
  const st = fs.statSync(bundle);
  const useCache = process.env.NODE_DISABLE_COMPILE_CACHE === undefined || process.env.NODE_DISABLE_COMPILE_CACHE === '';
  const dir = useCache ? cacheFolder() : undefined;
  const cacheFile = path.join(dir ?? '', `${process.version}-${process.arch}-${st.size}-${Math.round(st.mtimeMs)}.bin`);
  let cachedData: Buffer | undefined;
  if (useCache && dir) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
  }
  const script = new vm.Script(Module.wrap(code), { filename: bundle, cachedData });
  if (useCache && dir && (cachedData === undefined || script.cachedDataRejected)) {
    save = () => {
      try {
        // After the run: the data then holds the functions the run compiled, not only the top level.
        const data = script.createCachedData();
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, data);
        fs.renameSync(tmp, cacheFile);
        // Files of other builds not written for two weeks go: each build writes its own.
        const old = Date.now() - 14 * 24 * 3600 * 1000;
        for (const f of fs.readdirSync(dir)) {
          const p = path.join(dir, f);
          if (p !== cacheFile && fs.statSync(p).mtimeMs < old) fs.rmSync(p, { force: true });
        }
      } catch {
        // a read-only or full temporary folder: run without the cache
      }
    };
  }
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const mod = { exports: {} as Pipeline };
  wrapper.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  info = {
    ms: performance.now() - started,
    startedAt: started,
    cpuAt,
    cpuMs: cpuMs() - cpuAt,
    cache: !useCache ? 'off' : !dir ? 'unavailable' : cachedData === undefined ? 'none' : script.cachedDataRejected ? 'refused' : 'used',
  };
  return mod.exports;
}
