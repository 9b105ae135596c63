// What a Terraform zip function (or layer version) is deployed from: `filename` (or the file `source_code_hash`
// hashes), `s3_bucket`/`s3_key` uploaded by an `aws_s3_object`, `local_existing_package`. An archive_file of the
// folder (named, by its output_path, or writing the same expression), or the calling module's, gives the layout
// (source_dir with excludes, source_file, source blocks); any other zip is an artifact some builder may make.
import type { Known, Location, PackagedFile } from '../types.js';
import { dirOf, isUnder, joinRel, known, relTo, unknown, type SourceFunction, type SourceLayout } from './common.js';
import { str, type Folder } from './terraform-folder.js';
import { asWritten, evaluate, headerLoc, locOf, type Block } from './terraform-hcl.js';
import { archiveExcluder, fileCall, s3Object, tfPath, type TfPath } from './terraform-artifacts.js';

/** A layer version's zip as a layout (dest relative to /opt): an archive_file of this folder, else why not. */
export function layerZip(f: Folder, b: Block, loc: Location): Known<SourceLayout> {
  const e = b.attrs.get('filename');
  if (!e) return unknown(b.attrs.has('s3_bucket') ? 'the layer zip is in S3 (s3_bucket/s3_key)' : 'no filename', loc);
  const probe: SourceFunction = { name: '', source: 'terraform', loc, packageType: 'zip', handler: unknown('', loc), layout: unknown('', loc) };
  zipFile(f, b, probe);
  return probe.layout;
}

/**
 * The zip a function is deployed from: `filename`, else the file `source_code_hash` hashes; an archive_file (named,
 * or by its output_path) gives the layout, any other zip is an artifact some builder may make.
 */
export function zipFile(f: Folder, b: Block, fn: SourceFunction) {
  const e = b.attrs.get('filename')!;
  const loc = locOf(b.file, e);
  let p = tfPath(e, f.mod, b.file, f.dir);
  const hash = b.attrs.get('source_code_hash');
  if (p.kind === 'unknown' && hash) {
    const h = tfPath(hash, f.mod, b.file, f.dir);
    if (h.kind !== 'unknown') p = h;
  }
  zipFrom(f, p, loc, fn, 'filename');
}

export function zipFrom(f: Folder, p: TfPath, loc: Location, fn: SourceFunction, what: string) {
  const { dir, archives } = f;
  if (p.kind === 'archive') {
    const a = archives.get(p.name);
    fn.layout = a ? archiveLayout(f, a, loc, fn) : unknown(`data.archive_file.${p.name} is not in this folder`, loc);
    const out = a ? str(f, a, 'output_path') : undefined;
    if (out?.known) fn.artifact = joinRel(dir, out.value) ?? undefined;
  } else if (p.kind === 'path') {
    const a = [...archives.values()].find((x) => {
      const o = str(f, x, 'output_path');
      return o?.known && joinRel(dir, o.value) === p.value;
    });
    // The caller's archive_file, passed in as `data.archive_file.N.output_path`: read in the caller's folder.
    const c = f.caller;
    const cf: Folder | undefined = !a && c ? { dir: c.dir, mod: c.mod, blocks: c.blocks, archives: c.archives, ctx: f.ctx } : undefined;
    const written = (x: Block) => { const o = str(cf!, x, 'output_path'); return o?.known ? joinRel(cf!.dir, o.value) : null; };
    const ca = cf && [...cf.archives.values()].find((x) => written(x) === p.value);
    fn.artifact = p.value;
    fn.layout = a ? archiveLayout(f, a, loc, fn) : ca ? archiveLayout(cf, ca, loc, fn) : unknown(`a prebuilt zip ${p.value}: built outside Terraform`, loc);
  } else if (p.kind === 'pattern') {
    // The archive_file that writes the same expression (`"../files/${var.name}"` in both) writes this zip.
    const a = [...archives.values()].find((x) => {
      const o = x.attrs.get('output_path');
      const op = o ? tfPath(o, f.mod, x.file, dir) : undefined;
      return op?.kind === 'pattern' && op.key === p.key;
    });
    fn.artifactPattern = p.pattern;
    fn.layout = a ? archiveLayout(f, a, loc, fn) : unknown(`${what}: ${p.why}`, loc);
  } else {
    fn.layout = unknown(`${what}: ${p.why}`, loc);
  }
}

/** `s3_bucket` + `s3_key`: the zip an `aws_s3_object` uploads (its `source`), or code put in S3 elsewhere. */
export function s3Zip(f: Folder, b: Block, fn: SourceFunction) {
  const loc = locOf(b.file, b.attrs.get('s3_key') ?? b.attrs.get('s3_bucket')!);
  const o = s3Object(b, f.blocks, f.mod);
  const src = typeof o === 'string' ? undefined : o.attrs.get('source');
  if (typeof o === 'string' || !src) {
    fn.layout = unknown(typeof o === 'string' ? o : `${o.labels.join('.')} has no source`, loc);
    return;
  }
  zipFrom(f, tfPath(src, f.mod, o.file, f.dir), locOf(o.file, src), fn, `${o.labels.join('.')}.source`);
}

/** What an archive_file zips; a `source_dir` is also the function's packageDir (a build step may create it). */
function archiveLayout(f: Folder, a: Block, loc: Location, fn: SourceFunction): Known<SourceLayout> {
  const { dir } = f;
  const type = str(f, a, 'type');
  if (type?.known && type.value !== 'zip') return unknown(`archive_file type ${type.value}`, type.loc);
  const srcDir = str(f, a, 'source_dir');
  const srcFile = str(f, a, 'source_file');
  if (srcDir) {
    if (!srcDir.known) return unknown(`source_dir: ${srcDir.why}`, srcDir.loc);
    const rootDir = joinRel(dir, srcDir.value);
    if (rootDir === null) return unknown(`source_dir ${srcDir.value} leaves the checked folder`, srcDir.loc);
    const ex = a.attrs.get('excludes');
    fn.packageDir = { dir: rootDir, loc: srcDir.loc };
    if (!ex) return known({ how: 'code-root', codeRoot: rootDir, unknowns: [] }, srcDir.loc);
    const ev = evaluate(ex, f.mod, a.file, new Set());
    const pats = ev.kind === 'list' && ev.items.every((i) => i.kind === 'str') ? ev.items.map((i) => (i as { value: string }).value) : null;
    if (!pats) {
      fn.packageDir = undefined;
      return unknown(`excludes: ${ev.kind === 'unknown' ? ev.why : 'not a list of literals'}`, locOf(a.file, ex));
    }
    fn.packageDir.excludes = pats;
    const isEx = archiveExcluder(pats);
    const files = f.ctx
      .files()
      .filter((p) => isUnder(p, rootDir) && p !== rootDir)
      .map((p) => ({ p, rel: relTo(p, rootDir) }))
      .filter(({ rel }) => !isEx(rel))
      .map(({ p, rel }) => ({ dest: rel, src: p, loc: srcDir.loc }));
    const copy = { fromText: asWritten(a, 'source_dir'), from: rootDir, contentsOf: true, to: '', loc: srcDir.loc, command: a.node.text.split('\n')[0] };
    return known({ how: 'simulated', codeRoot: rootDir, files, copies: [copy], unknowns: [] }, srcDir.loc);
  }
  if (srcFile) {
    if (!srcFile.known) return unknown(`source_file: ${srcFile.why}`, srcFile.loc);
    const p = joinRel(dir, srcFile.value);
    if (p === null) return unknown(`source_file ${srcFile.value} leaves the checked folder`, srcFile.loc);
    const dest = p.split('/').pop()!;
    const copy = { fromText: asWritten(a, 'source_file'), from: p, contentsOf: false, to: '', loc: srcFile.loc, command: `source_file = ${JSON.stringify(srcFile.value)}` };
    return known({ how: 'simulated', files: [{ dest, src: p, loc: srcFile.loc }], copies: [copy], unknowns: [] }, srcFile.loc);
  }
  const blocks = a.blocks.filter((x) => x.type === 'source');
  if (blocks.length) return sourceBlocks(f, blocks, headerLoc(a));
  return unknown('archive_file without source_dir/source_file', loc);
}

/**
 * archive_file `source { content = file("x.py"), filename = "handler.py" }` blocks: each is one file of the zip. A
 * `content` that is not a file of the repository (inline text, templatefile) leaves the package partly known.
 */
function sourceBlocks(f: Folder, blocks: Block[], loc: Location): Known<SourceLayout> {
  const files: PackagedFile[] = [];
  const unknowns: { loc: Location; why: string }[] = [];
  for (const b of blocks) {
    const name = str(f, b, 'filename');
    const content = b.attrs.get('content');
    const at = headerLoc(b);
    const src = content ? fileCall(content, f.mod, b.file, f.dir) : undefined;
    if (!name?.known || !content || !src) {
      unknowns.push({ loc: content ? locOf(b.file, content) : at, why: !name?.known ? 'source filename is not a literal' : 'source content is not file("...") of a repository file' });
      continue;
    }
    const dest = joinRel('', name.value);
    if (dest === null) unknowns.push({ loc: name.loc, why: `source filename ${name.value} leaves the package` });
    else files.push({ dest, src, loc: name.loc });
  }
  const copies = files.map((x) => ({ fromText: x.src, from: x.src, contentsOf: false, to: dirOf(x.dest), loc: x.loc, command: `source { filename = ${JSON.stringify(x.dest)} }` }));
  return known({ how: 'simulated', files, copies, unknowns }, loc);
}
