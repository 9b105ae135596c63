// This repository's own pre-commit checks (run by .husky/pre-commit). Function form: the whole
// project is typechecked once (tsc cannot typecheck single files against tsconfig.json).
export default {
  '*.{ts,mts,cts}': () => 'tsc --noEmit',
};
