// Parsing is the cost of a cold check of a large repository, and this machine class has two cores:
// past a thousand files (POOL_AFTER in facts-store.ts), extraction moves to worker threads
// (dist/extract-worker.cjs, each with its own tree-sitter parser). A commit hook's check of a smaller app never starts one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../types.js';
import { packageRoot } from './queries.js';

interface Pending {
  resolve: (facts: FileFacts) => void;
  reject: (error: Error) => void;
}

export class ExtractPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private readonly load: number[];
  private nextId = 0;

  private constructor(script: string, size: number) {
    this.workers = Array.from({ length: size }, () => new Worker(script));
    this.load = this.workers.map(() => 0);
    this.workers.forEach((w, i) => {
      w.unref(); // never keeps the process alive
      w.on('message', (msg: { id: number; facts?: FileFacts; error?: string }) => {
        this.load[i]--;
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.facts) p?.resolve(msg.facts);
        else p?.reject(new Error(msg.error ?? 'extraction failed'));
      });
      w.on('error', (error) => {
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      });
    });
  }

  /** A pool when the bundled worker exists (the built CLI), else undefined: extract in-process. */
  static create(): ExtractPool | undefined {
    const script = path.join(packageRoot(), 'dist', 'extract-worker.cjs');
    if (!fs.existsSync(script)) return undefined;
    const size = Math.max(1, Math.min(2, os.availableParallelism()));
    return new ExtractPool(script, size);
  }

  extract(text: string): Promise<FileFacts> {
    const id = this.nextId++;
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[best]) best = i;
    this.load[best]++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[best].postMessage({ id, text });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
