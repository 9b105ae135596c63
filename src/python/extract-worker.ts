// A worker thread of the extraction pool: text in, FileFacts (plain data) out.
//
// Messages are queued and extracted a batch at a time, one batch per turn of the event loop: the
// native binding frees a tree (and every node object it handed out) in a Node-API finalizer, which
// Node 20 runs from the event loop, and a port delivers every message waiting on it in one go. A
// handler that extracted each message as it came kept the trees of a whole backlog alive: at
// 29,994 files the workers' backlogs were most of the check's 955 MiB peak.
import { parentPort } from 'node:worker_threads';
import { prepareParsers } from '../tree-sitter/backend.js';
import { extractFacts } from './extract.js';

/** Files extracted per turn of the event loop (as src/graph/facts-store.ts does in-process). */
const BATCH = 64;

interface Job {
  id: number;
  text: string;
}

// Each thread decides its own backend; the WebAssembly one loads before the first message is answered.
const ready = prepareParsers();
const queue: (Job | undefined)[] = [];
let head = 0;
let scheduled = false;

function answer({ id, text }: Job): void {
  try {
    parentPort!.postMessage({ id, facts: extractFacts(text) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
}

function drain(): void {
  for (let k = 0; k < BATCH && head < queue.length; k++) {
    const job = queue[head]!;
    queue[head++] = undefined; // the text is not kept past its answer
    answer(job);
  }
  if (head < queue.length) {
    setImmediate(drain);
    return;
  }
  queue.length = head = 0;
  scheduled = false;
}

parentPort!.on('message', (job: Job) => {
  queue.push(job);
  if (scheduled) return;
  scheduled = true;
  ready.then(
    () => setImmediate(drain),
    (error: unknown) => {
      // No parser in this thread: every waiting message gets the reason.
      for (; head < queue.length; head++) parentPort!.postMessage({ id: queue[head]!.id, error: (error as Error).message });
      queue.length = head = 0;
      scheduled = false;
    },
  );
});
