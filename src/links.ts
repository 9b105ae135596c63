// Every address the tool prints (SARIF informationUri / helpUri, the config schema's $id) is built here
// from the repository named in package.json `repository`, at the release tag of this version
// (scripts/release.mjs tags `v<version>`), so a link printed by version X opens the docs of version X
// and exists as soon as the tag is pushed, published to a registry or not.
// Invariant: REPOSITORY_URL equals package.json `repository.url` without `git+` and `.git`
// (test/e2e/install.test.ts checks).
import { VERSION } from './cli/args.js';

export const REPOSITORY_URL = 'https://github.com/parity-check/parity-check';
export const RELEASE_TAG = `v${VERSION}`;

/** A file of this repository at this version's tag, as GitHub shows it. */
export function blobUrl(file: string, version = VERSION): string {
  return `${REPOSITORY_URL}/blob/v${version}/${file}`;
}

/** A file of this repository at this version's tag, served as it is (for the JSON Schema $id). */
export function rawUrl(file: string, version = VERSION): string {
  const [, owner, name] = /github\.com\/([^/]+)\/([^/]+)$/.exec(REPOSITORY_URL) ?? [];
  return `https://raw.githubusercontent.com/${owner}/${name}/v${version}/${file}`;
}

/** Where a code's docs are: its generated page (docs/rules/CODE.md, src/rules/pages.ts). */
export function ruleDocUrl(code: string, version = VERSION): string {
  return blobUrl(`docs/rules/${code}.md`, version);
}
