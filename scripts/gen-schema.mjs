// Writes config/parity-check.schema.json from the zod schema in src/config/schema.ts.
// The TypeScript is bundled in memory with esbuild (zod included) and imported from a data: URL,
// so no build step or TS loader is needed.
//   node scripts/gen-schema.mjs            write the file
//   node scripts/gen-schema.mjs --check    exit 1 when the file is out of date
//   node scripts/gen-schema.mjs --out F    write to F instead
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(root, 'config', 'parity-check.schema.json');

const bundled = await build({
  entryPoints: [path.join(root, 'src', 'config', 'json-schema.ts')],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const code = bundled.outputFiles[0].text;
const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const text = mod.configJsonSchemaText();

if (args.includes('--check')) {
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (current !== text) {
    console.error(`${path.relative(process.cwd(), out)} is out of date: run node scripts/gen-schema.mjs`);
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
