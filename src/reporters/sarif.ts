// SARIF 2.1.0 for code-scanning uploads (GitHub, GitLab, Azure DevOps).
// One run; rules described in tool.driver.rules; paths relative to the SRCROOT base id.
import { notCheckedMessages } from '../messages.js';
import type { DocumentedCode, Finding, Location, NotChecked, RuleDocs, Severity, Span, TextEdit } from '../types.js';
import { cmp } from '../util/compare.js';
import { notCheckedMessage, sortNotChecked } from './not-checked.js';
import { sortFindings } from '../filter/order.js';

export type SarifRuleInfo = Pick<DocumentedCode, 'code' | 'name' | 'summary' | 'severity' | 'docs'>;

export interface SarifOptions {
  toolVersion: string;
  /** Home page of the tool (absolute URI). */
  /** The project's web page; absent while it has none (src/links.ts). */
  informationUri?: string;
  /** Documentation page of one rule (absolute URI). */
  helpUriFor(code: string): string | undefined;
  /** Absolute `file:` URI of the checked folder, ending in `/`. Left out of the log when not given. */
  srcRootUri?: string;
  /** What the SRCROOT base is (its `description`); default "The checked folder.". */
  srcRootText?: string;
  /** `runs[0].automationDetails.id` ("category/"): tells code scanning apart the uploads of two checked folders. */
  automationId?: string;
  /** Lambda functions not checked: `invocations[0].toolExecutionNotifications` (level note). */
  notChecked?: NotChecked[];
  /**
   * Why the run checked nothing (exit 2): the invocation says `executionSuccessful: false`, exit code 2,
   * with this reason as an error notification, so a reader cannot take the empty results for a clean run.
   */
  nothingChecked?: string;
}

/** The descriptor of the not-checked notification, in `tool.driver.notifications`. */
const NOT_CHECKED_ID = 'not-checked';

/**
 * The run's invocation, only when functions were left out: one `note` notification per function at
 * its definition. A note, not a warning: nothing is wrong with the code, the check could not see it.
 */
function invocations(list: NotChecked[]) {
  const toolExecutionNotifications = sortNotChecked(list).map((n) => ({
    descriptor: { id: NOT_CHECKED_ID, index: 0 },
    level: 'note',
    message: { text: notCheckedMessage(n) },
    locations: [{ physicalLocation: physical(n.loc.file, n.loc) }],
  }));
  return [{ executionSuccessful: true, toolExecutionNotifications }];
}

/** The invocation of a run that checked nothing: failed, exit 2, the reason as an error notification. */
function failedInvocation(reason: string) {
  return [{ executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [{ level: 'error', message: { text: reason } }] }];
}

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = 'SRCROOT';

const level = (s: Severity): 'error' | 'warning' => (s === 'error' ? 'error' : 'warning');

/** Percent-encodes each path segment, so spaces, `#`, `?` and `%` in file names stay a valid relative URI. */
export function pathToUri(file: string): string {
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

function region(s: Partial<Span> & { line: number; column: number }): Record<string, number> {
  const r: Record<string, number> = { startLine: s.line, startColumn: s.column };
  if (s.endLine !== undefined) r.endLine = s.endLine;
  if (s.endColumn !== undefined) r.endColumn = s.endColumn;
  return r;
}

function physical(file: string, s: Partial<Span> & { line: number; column: number }) {
  return {
    artifactLocation: { uri: pathToUri(file), uriBaseId: SRCROOT },
    region: region(s),
  };
}

function fence(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function exampleMarkdown(title: string, files: Record<string, string>): string {
  const parts = [`### ${title}`];
  for (const name of Object.keys(files).sort(cmp)) {
    const text = files[name].replace(/\s+$/, '');
    const lang = name.endsWith('.py') ? 'python' : name.endsWith('.yaml') || name.endsWith('.yml') ? 'yaml' : '';
    const f = fence(text);
    parts.push(`\`${name}\``, '', `${f}${lang}`, text, f);
  }
  return parts.join('\n');
}

export function helpText(docs: RuleDocs): string {
  return `${docs.what}\n\nWhy: ${docs.why}\n\nFix: ${docs.fix}`;
}

export function helpMarkdown(docs: RuleDocs): string {
  return [
    docs.what,
    '',
    '## Why',
    '',
    docs.why,
    '',
    '## How to fix',
    '',
    docs.fix,
    '',
    '## Example',
    '',
    exampleMarkdown('Bad', docs.bad.files),
    '',
    exampleMarkdown('Good', docs.good.files),
  ].join('\n');
}

/** A link property only when there is an address (no invented one: src/links.ts). */
function optionalUri(key: string, uri: string | undefined): Record<string, string> {
  return uri === undefined ? {} : { [key]: uri };
}

function ruleDescriptor(r: SarifRuleInfo, opts: SarifOptions) {
  return {
    id: r.code,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.docs.what },
    help: { text: helpText(r.docs), markdown: helpMarkdown(r.docs) },
    ...optionalUri('helpUri', opts.helpUriFor(r.code)),
    defaultConfiguration: { level: level(r.severity) },
  };
}

function fixes(f: Finding) {
  if (!f.fix || f.fix.edits.length === 0) return undefined;
  const byFile = new Map<string, TextEdit[]>();
  for (const e of f.fix.edits) {
    const list = byFile.get(e.file) ?? [];
    list.push(e);
    byFile.set(e.file, list);
  }
  const artifactChanges = [...byFile.keys()].sort(cmp).map((file) => ({
    artifactLocation: { uri: pathToUri(file), uriBaseId: SRCROOT },
    replacements: byFile.get(file)!.map((e) => ({
      deletedRegion: region(e.span),
      insertedContent: { text: e.text },
    })),
  }));
  return [{ description: { text: f.fix.description }, artifactChanges, properties: { safe: f.fix.safe } }];
}

function relatedLocations(related: Location[]) {
  return related.map((l, i) => ({ id: i + 1, physicalLocation: physical(l.file, l) }));
}

/**
 * A SARIF 2.1.0 log (2-space JSON, trailing newline). `rules` become `tool.driver.rules` in the given order;
 * findings of a rule not listed there (SUP001 from the suppression filter, say) get a minimal descriptor appended.
 */
export function renderSarif(findings: Finding[], rules: SarifRuleInfo[], opts: SarifOptions): string {
  const descriptors: Record<string, unknown>[] = rules.map((r) => ruleDescriptor(r, opts));
  const index = new Map<string, number>();
  rules.forEach((r, i) => {
    if (!index.has(r.code)) index.set(r.code, i);
  });
  const sorted = sortFindings(findings);
  for (const f of sorted) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, descriptors.length);
    descriptors.push({
      id: f.ruleId,
      ...optionalUri('helpUri', opts.helpUriFor(f.ruleId)),
      defaultConfiguration: { level: level(f.severity) },
    });
  }

  const results = sorted.map((f) => {
    const r: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: level(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: physical(f.file, f) }],
    };
    if (f.related && f.related.length > 0) r.relatedLocations = relatedLocations(f.related);
    const fx = fixes(f);
    if (fx) r.fixes = fx;
    return r;
  });

  const notChecked = opts.notChecked ?? [];
  const srcRoot: Record<string, unknown> = { description: { text: opts.srcRootText ?? 'The checked folder.' } };
  if (opts.srcRootUri !== undefined) srcRoot.uri = opts.srcRootUri;

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'parity-check',
            version: opts.toolVersion,
            ...optionalUri('informationUri', opts.informationUri),
            rules: descriptors,
            ...(notChecked.length
              ? { notifications: [{ id: NOT_CHECKED_ID, name: 'FunctionNotChecked', shortDescription: { text: notCheckedMessages.sarifNotification }, defaultConfiguration: { level: 'note' } }] }
              : {}),
          },
        },
        ...(opts.nothingChecked !== undefined
          ? { invocations: failedInvocation(opts.nothingChecked) }
          : notChecked.length
            ? { invocations: invocations(notChecked) }
            : {}),
        ...(opts.automationId !== undefined ? { automationDetails: { id: opts.automationId } } : {}),
        originalUriBaseIds: { [SRCROOT]: srcRoot },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
