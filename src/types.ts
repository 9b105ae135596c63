// The contracts the stages of the pipeline share (README, "How it works", names the stages), one
// file per family under src/types/: positions and findings; the facts of one Python file; the
// snapshot every stage reads files through; the deploy facts; the rule codes and their documentation.
export type * from './types/core.js';
export type * from './types/python-facts.js';
export type * from './types/snapshot.js';
export type * from './types/deploy.js';
export type * from './types/rules.js';
