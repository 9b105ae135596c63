// Which language a Lambda function runs (#14 point 1): only Python functions get Python handler checks.
// A runtime string is AWS's identifier (`python3.12`, `nodejs20.x`, `provided.al2023`) or, for an image, what
// dockerfile-startup.ts read from the base image or the command it starts. It stands with the readers that read
// those strings; src/deploy/startup.ts judges each function by it.

export type RuntimeKind = 'python' | 'provided' | 'other' | 'unknown';

// Lambda's managed runtimes, current and deprecated (go1.x), and the languages an image command may name.
// Also the base images of other languages' web servers behind the adapter (node:20, ruby:3.3, golang:1.22, nginx).
const OTHER = /^(nodejs|node|java|dotnet|go|golang|ruby|bun|deno|php|rust|swift|nginx|httpd|openjdk|eclipse-temurin|amazoncorretto|maven|gradle|aspnet)(\d|[.:@-]|$)/i;

/** The name of an image without its registry and path: `public.ecr.aws/docker/library/node:20-slim` → `node:20-slim`. */
export function imageName(image: string): string {
  return image.slice(image.lastIndexOf('/') + 1);
}

/** `python3.12` → python; `provided.al2023` → provided (a custom runtime: its bootstrap decides); `nodejs20.x` → other. */
export function runtimeKind(runtime: string): RuntimeKind {
  const r = runtime.trim();
  if (/^python(\d|[.:\s(]|$)/i.test(r)) return 'python';
  if (/^provided(\.|$)/i.test(r)) return 'provided';
  if (OTHER.test(r)) return 'other';
  return 'unknown';
}

/**
 * Whether a handler string is one Python's runtime could load (`module.function`, `src/handlers/users.handler`):
 * Java (`example.Handler::handleRequest`), .NET (`Assembly::Namespace.Class::Method`) and Go/custom runtimes
 * (`bootstrap`, `main`) are not.
 */
export function looksLikePythonHandler(handler: string): boolean {
  return /^([A-Za-z_][\w-]*[./])*[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(handler.trim());
}

/** Source files of other languages a handler's module part may name (`index.handler` → index.js). */
export const OTHER_LANGUAGE_SOURCES = ['.js', '.mjs', '.cjs', '.ts', '.rb', '.java', '.cs', '.go'];

/** What Lambda's managed Python runtimes ship: the SDK for Python (boto3) and what it imports. */
export const PYTHON_SDK_MODULES: readonly string[] = ['boto3', 'botocore', 's3transfer', 'jmespath', 'dateutil', 'urllib3', 'six'];

/** Importable on a managed Python runtime without being packaged: the SDK, and the runtime client itself (/var/runtime). */
export const PYTHON_RUNTIME_MODULES: readonly string[] = [...PYTHON_SDK_MODULES, 'awslambdaric', 'bootstrap'];
