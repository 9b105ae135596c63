// A worker thread of the extraction pool: text in, FileFacts (plain data) out.
import { parentPort } from 'node:worker_threads';
import { extractFacts } from './extract.js';

parentPort!.on('message', ({ id, text }: { id: number; text: string }) => {
  try {
    parentPort!.postMessage({ id, facts: extractFacts(text) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
