// `provisioner "local-exec"` commands of `null_resource` / `terraform_data` blocks: the shell steps Terraform runs
// on the deploying machine, often the build of the folder an archive_file zips (bot-or-not: `cp -r src
// .lambda_package/`, then `data "archive_file"` with `source_dir = "${path.module}/../../../.lambda_package"`).
// Each command is simulated as a builder (a BuildTree) that builds.ts links to the function zipping that folder.
//
// Terraform substitutes `${...}` before the shell runs: `${path.module}` is the .tf folder (known wherever the
// module is called from); a literal local or value is its text; anything else (`var.*`, `path.root`, `path.cwd`,
// other resources) is a stand-in without a value, so what it touches is an unknown with why, never a guess.
// The command runs where `terraform apply` runs (the root module): without `working_dir`, this is taken to be the
// .tf folder, the assumption terraform.ts makes for paths; a `cd ${path.module}/...` first makes it exact.
import type { Location } from '../types.js';
import { ShellSim, VFS, type StandIn } from '../shell/index.js';
import { treeOf } from './builds.js';
import { joinRel, type BuildTree, type SourceContext, type TSNode } from './common.js';
import { evaluate, locOf, unescape, unwrap, type Block, type Module } from './terraform-hcl.js';

/** Where the checked folder is mounted for a local-exec command. */
const TF_ROOT = '/repo';
const RUNNERS = new Set(['null_resource', 'terraform_data']);
const SHELLS = /^(\/(usr\/)?bin\/)?(ba)?sh$/;

interface Command {
  script: string;
  standIns: StandIn[];
  /** The command's first line in the .tf file (1-based), for locations. */
  line: number;
}

/** The heredoc's or string's text with each interpolation a same-length stand-in; null when it is not a template. */
function commandText(expr: TSNode, mod: Module, file: string, dir: string): Command | null {
  const u = unwrap(expr);
  const t = u.type === 'template_expr' || u.type === 'literal_value' ? u.namedChildren[0] : u;
  if (!t || (t.type !== 'heredoc_template' && t.type !== 'quoted_template' && t.type !== 'string_lit')) return null;
  const standIns: StandIn[] = [];
  const heredoc = t.type === 'heredoc_template';
  // A heredoc is read from the source span (its line-leading whitespace belongs to no child node); a quoted
  // string from its parts, unescaped.
  const src = t.text;
  let s = '';
  let k = 0;
  for (const p of t.children) {
    if (p.type === 'template_literal') {
      if (!heredoc) s += unescape(p.text);
    } else if (p.type === 'template_interpolation') {
      const e = p.namedChildren.find((c) => c.type === 'expression');
      const token = `TFX${standIns.length}Z`.padEnd(p.text.length, 'Z');
      const ph: StandIn = { token, why: `${p.text} is a Terraform expression`, text: p.text };
      const ref = e ? unwrap(e).text : '';
      if (ref === 'path.module') ph.value = dir ? `${TF_ROOT}/${dir}` : TF_ROOT;
      else if (e && !ref.startsWith('path.')) {
        const v = evaluate(e, mod, file, new Set());
        if (v.kind === 'str') ph.value = v.value;
      }
      standIns.push(ph);
      const i = p.startIndex - t.startIndex;
      s += heredoc ? src.slice(k, i) + token : token;
      k = i + p.text.length;
    } else if (p.type === 'template_directive' || p.type === 'template_for' || p.type === 'template_if') return null;
  }
  if (!heredoc) return { script: s, standIns, line: t.startPosition.row + 1 };
  // The span is `<<-EOT\n…\nEOT`: the first line and the closing identifier are the delimiters.
  const body = (s + src.slice(k)).replace(/^[^\n]*\n/, '').replace(/\n[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*$/, '\n');
  return { script: /^<<-/.test(src) ? dedent(body) : body, standIns, line: t.startPosition.row + 2 };
}

/** `<<-EOT`: the smallest indentation of the non-blank lines is removed from every line (Terraform's rule). */
function dedent(s: string): string {
  const lines = s.split('\n');
  const widths = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const w = widths.length ? Math.min(...widths) : 0;
  return lines.map((l) => l.slice(Math.min(w, /^[ \t]*/.exec(l)![0].length))).join('\n');
}

/** The trees the local-exec commands of one folder's blocks leave, one per command (each on a fresh checkout). */
export function localExecBuilds(blocks: Block[], mod: Module, ctx: SourceContext): { builds: BuildTree[]; unknowns: { loc: Location; what: string; why: string }[] } {
  const builds: BuildTree[] = [];
  const unknowns: { loc: Location; what: string; why: string }[] = [];
  let base: VFS | undefined;
  for (const b of blocks) {
    if (b.type !== 'resource' || !RUNNERS.has(b.labels[0] ?? '')) continue;
    for (const p of b.blocks) {
      if (p.type !== 'provisioner' || p.labels[0] !== 'local-exec') continue;
      const cmd = p.attrs.get('command');
      if (!cmd) continue;
      const label = `${b.labels[0]}.${b.labels[1] ?? '?'} local-exec`;
      const loc = locOf(p.file, cmd);
      const interp = p.attrs.get('interpreter');
      const shell = interp ? evaluate(interp, mod, p.file, new Set()) : undefined;
      const first = shell?.kind === 'list' ? shell.items[0] : undefined;
      if (shell && !(first?.kind === 'str' && SHELLS.test(first.value))) {
        unknowns.push({ loc, what: `${label} command`, why: `interpreter ${interp!.text} is not a shell parity-check simulates` });
        continue;
      }
      // `${path.module}` is the .tf folder, also when the folder is a child module read from its caller's (mod.dir).
      const own = mod.pathModule && mod.pathModule !== '.' ? (joinRel(mod.dir, mod.pathModule) ?? mod.dir) : mod.dir;
      const c = commandText(cmd, mod, p.file, own);
      if (!c) {
        unknowns.push({ loc, what: `${label} command`, why: 'the command is not a literal template' });
        continue;
      }
      const wdExpr = p.attrs.get('working_dir');
      const wd = wdExpr ? evaluate(wdExpr, mod, p.file, new Set()) : undefined;
      const wdRel = wd?.kind === 'str' ? joinRel(mod.dir, wd.value) : wd ? null : mod.dir;
      if (wdRel === null) {
        unknowns.push({ loc, what: `${label} command`, why: `working_dir ${wdExpr!.text} is not a folder of the checked tree` });
        continue;
      }
      base ??= new VFS(TF_ROOT, ctx.files());
      const sim = new ShellSim({ root: TF_ROOT, files: [], base, home: '/root' });
      const line0 = c.line;
      const at = (row: number, column: number): Location => ({ file: p.file, line: line0 + row, column: column + 1, endLine: line0 + row, endColumn: column + 1 });
      sim.run(c.script, { cwd: wdRel ? `${TF_ROOT}/${wdRel}` : TF_ROOT, env: () => undefined, standIns: c.standIns, locate: (s) => at(s.row, s.column) });
      builds.push(treeOf(sim, TF_ROOT, ctx.files(), `${label} (${b.file})`, loc));
    }
  }
  return { builds, unknowns };
}
