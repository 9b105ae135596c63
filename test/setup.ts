// Runs in each test file's context before its tests: the folders the file made through helpers.ts
// are removed when the file ends, so a run never holds more than the files in flight.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);
