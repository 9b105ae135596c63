// A worker thread of the extraction pool: text in, FileFacts (plain data) out.
import { parentPort } from 'node:worker_threads';
import { prepareParsers } from '../tree-sitter/backend.js';
import { extractFacts } from './extract.js';

// Each thread decides its own backend; the WebAssembly one loads before the first message is answered.
const ready = prepareParsers();

parentPort!.on('message', ({ id, text }: { id: number; text: string }) => {
  ready.then(
    () => parentPort!.postMessage({ id, facts: extractFacts(text) }),
    (error: unknown) => parentPort!.postMessage({ id, error: (error as Error).message }),
  ).catch((error: unknown) => parentPort!.postMessage({ id, error: (error as Error).message }));
});
