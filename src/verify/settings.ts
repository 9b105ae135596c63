// What the team config says of verify (`verify.python`, `verify.timeout`), read through the same
// loader as the check (extends, package.json key, --config), so a config error reads the same.
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { openSnapshot } from '../snapshot/index.js';

export interface VerifySettings {
  /** The configured interpreter: absolute when the config wrote a path, else a command for PATH. */
  python?: string;
  /** Seconds per entry point. */
  timeout?: number;
  /** The config file that says so, for messages. */
  file?: string;
}

export async function verifySettings(base: string, configPath: string | undefined): Promise<VerifySettings> {
  const snapshot = await openSnapshot(base, { staged: false });
  try {
    const loaded = await loadConfig(snapshot, { configPath });
    const v = loaded.config.verify;
    if (!v) return {};
    // A path is relative to the folder of the config file; a bare name (python3.12) is looked up on PATH.
    const configDir = path.isAbsolute(loaded.dir) ? loaded.dir : path.join(base, loaded.dir);
    const python = v.python === undefined ? undefined : v.python.includes('/') ? path.resolve(configDir, v.python) : v.python;
    return { ...(python ? { python } : {}), ...(v.timeout !== undefined ? { timeout: v.timeout } : {}), ...(loaded.file ? { file: loaded.file } : {}) };
  } finally {
    await snapshot.close();
  }
}
