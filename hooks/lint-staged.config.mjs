// lint-staged config for a repository that runs lint-staged and wants parity-check in it.
// Use:  export { default } from 'parity-check/hooks/lint-staged.config.mjs'
//   or: import parityCheck from 'parity-check/hooks/lint-staged.config.mjs'; export default { ...parityCheck, ...yours };
//
// Function form: parity-check runs once per commit, not once per file, through the installed bin
// (lint-staged runs tasks with node_modules/.bin on PATH; npx would cost ~0.4 s per call).
// The staged files only decide *whether* it runs: `parity-check --staged` reads git's own list of
// staged changes, deletions and a rename's old path included (which lint-staged never passes), so
// naming the files would add nothing, and would need quoting and argument-length chunking.
// Gap: lint-staged runs no task for a commit that only deletes files; the husky hook
// (`parity-check --staged` in .husky/pre-commit, see hooks/husky-pre-commit) has no such gap.

/** Files that can change what parity-check finds: Python, config, dependency and deploy files. */
export const PARITY_CHECK_GLOB =
  '**/{*.py,*.pyi,*.json,*.yaml,*.yml,*.toml,*.cfg,*.tf,*.tfvars,*.sh,requirements*.txt,Pipfile,Dockerfile*,*.dockerfile,Makefile}';

export default {
  [PARITY_CHECK_GLOB]: () => 'parity-check --staged',
};
