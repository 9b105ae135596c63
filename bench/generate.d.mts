// Types of generate.mjs for the tests that import it.
export function generateFiles(files: number): { apps: number; out: Record<string, string> };
export function generate(dir: string, files: number): { apps: number; files: number };
