// Everything a check needs beyond the command line and the run cache, as one module: the built CLI
// loads it as one CommonJS bundle (dist/pipeline.cjs) through the compile cache (see
// load-pipeline.ts), so an answer from the run cache never loads it, and a real check does not
// compile it again on every commit.
export { run } from './run.js';
export { nativeLoadError, parserBackend, prepareParsers } from './tree-sitter/backend.js';
export { applyFixes } from './fix/run-fixes.js';
export { createBaseline, serializeBaseline } from './filter/baseline.js';
export { applyBaselineFile } from './filter/index.js';
export { writeFileAtomic } from './fix/write.js';
export { renderJson } from './reporters/json.js';
export { renderSarif } from './reporters/sarif.js';
export { renderGithub } from './reporters/github.js';
export { renderPretty } from './reporters/pretty.js';
export { notCheckedToJson, sortNotChecked } from './reporters/not-checked.js';
export { init } from './init.js';
export { DOCUMENTED, documentedByCode, RULES, ruleByCode } from './rules/index.js';
export { explainRule, rulesTable } from './rules/docs.js';
export { runVerify } from './verify/command.js';
export { renderVerifyJson, renderVerifyPretty } from './verify/render.js';
export { VERIFY_DOCS, verifyDocByCode } from './verify/docs.js';
export { verifySettings } from './verify/settings.js';
export { triage } from './triage/explain.js';
export { readLogEvents, NotALogError } from './triage/log-events.js';
export { renderTriageJson, renderTriagePretty } from './triage/render.js';
export { packageReport, UnknownFunctionError } from './package/report.js';
export { renderPackageJson, renderPackagePretty } from './package/render.js';
