// The version, and every web address the tool prints (SARIF informationUri / helpUri, the config schema's $id, the
// pre-commit snippet's repo) is built here from REPOSITORY_URL. The project has no public repository
// yet, so it is undefined and nothing invented is printed: SARIF rules carry their docs inline
// (help.text / help.markdown), `parity-check explain CODE` prints a rule's page, and the pages ship
// in the package (docs/rules/). `node scripts/release.mjs <version> --repository URL` writes the URL
// below (and package.json repository/homepage/bugs); from then on the links name that repository at
// the release tag `v<version>`, which exists as soon as the tag is pushed.
// Invariant: REPOSITORY_URL equals package.json `repository.url` without `git+` and `.git`, and both
// are absent together (test/e2e/newcomer.test.ts checks).
/** The version this build is; `scripts/release.mjs <version>` writes it. */
export const VERSION = '0.1.0';
export const REPOSITORY_URL: string | undefined = undefined;
export const RELEASE_TAG = `v${VERSION}`;
/** What the pre-commit snippet says instead of a URL while none is known: a user fills it in. */
export const REPOSITORY_PLACEHOLDER = 'URL-OF-THE-PARITY-CHECK-REPOSITORY';

/** A file of this repository at this version's tag, as the forge shows it; undefined with no repository. */
export function blobUrl(file: string, version = VERSION): string | undefined {
  return REPOSITORY_URL === undefined ? undefined : `${REPOSITORY_URL}/blob/v${version}/${file}`;
}

/** A file of this repository at this version's tag, served as it is (the JSON Schema $id); GitHub only. */
export function rawUrl(file: string, version = VERSION): string | undefined {
  const m = REPOSITORY_URL === undefined ? null : /^https:\/\/github\.com\/([^/]+)\/([^/]+)$/.exec(REPOSITORY_URL);
  return m ? `https://raw.githubusercontent.com/${m[1]}/${m[2]}/v${version}/${file}` : undefined;
}

/** Where a code's docs are on the web: its generated page (docs/rules/CODE.md, src/rules/pages.ts). */
export function ruleDocUrl(code: string, version = VERSION): string | undefined {
  return blobUrl(`docs/rules/${code}.md`, version);
}
