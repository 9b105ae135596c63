// The configuration, as one zod schema. Types come from z.infer; the JSON Schema shipped in
// config/parity-check.schema.json is generated from this file (scripts/gen-schema.mjs) and a test
// keeps the two in step.
import * as z from 'zod';
import { RULE_CODES } from '../types/rules.js';

// zod compiles each object schema with `new Function` on first use (about 5 ms of a commit hook's
// run, and eval'd code never reaches the compile cache); one config per run gains nothing from it.
z.config({ jitless: true });

const ruleCode = z.string().regex(/^[A-Z]{3,5}\d{3}$/, 'a rule code such as "PAR001"');

export const allowSchema = z.strictObject({
  rule: ruleCode.describe('The rule whose finding this declares intentional, e.g. "PAR001".'),
  name: z
    .string()
    .min(1)
    .optional()
    .describe(
      'What the finding is about, by rule: PAR001/PAR002 the middleware class or function (short or qualified name); PAR003 the router module; PAR004 the model module; PAR005 the hook or exception handler; MOD001 the module-path string; MOD002 the missing attribute; MOD003 the imported module; MOD004 the missing name; MDL001 the relationship target; HND001 the handler string; HND002 the module:app string; LPK001 the imported module; LPK002 the handler module; LPK003 the copied folder or a module it breaks. Absent: any finding of the rule.',
    ),
  only: z
    .string()
    .min(1)
    .optional()
    .describe('The entry point (relative to the app root) that alone may have it, e.g. "main.py". Only rules that compare entry points (PAR001-PAR005) have findings it can match.'),
  file: z.string().min(1).optional().describe('Limit to findings in this file (relative to the checked folder), for any rule.'),
  reason: z
    .string()
    .trim()
    .min(1, 'a reason is required: say why the difference is intentional')
    .describe('Why this difference is intentional. An entry that matches no finding in a run that checked its apps is reported as SUP002.'),
});

export const appSchema = z.strictObject({
  name: z.string().min(1).describe('A name for the app, used in messages.'),
  root: z
    .string()
    .min(1)
    .describe("The folder that becomes the import root once deployed (Lambda's /var/task), relative to the config file."),
  entrypoints: z
    .array(z.string().min(1))
    .min(1, 'at least one entry point is needed')
    .describe('Entry point files, relative to root, e.g. ["main.py", "lazy_app.py"].'),
  deployRootLabel: z
    .string()
    .optional()
    .describe('How the root is called once deployed, for messages. Default: "Lambda\'s /var/task".'),
  allow: z.array(allowSchema).optional(),
});

export const functionSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .describe(
      'The Lambda function as its deploy definition names it: SAM/CloudFormation logical id, serverless function key, Terraform resource name (`aws_lambda_function.NAME` or NAME), CDK construct id, or for an image the Dockerfile path.',
    ),
  file: z
    .string()
    .min(1)
    .optional()
    .describe('The deploy file that defines the function (relative to the config file), when several functions share the name (Terraform modules that each name theirs `main`).'),
  packageRoot: z
    .string()
    .min(1)
    .optional()
    .describe('The folder (relative to the config file) whose contents become /var/task, when the deploy builds the package in a way parity-check cannot read.'),
  handler: z.string().min(1).optional().describe('The handler as Lambda reads it (`module.function`), when the deploy definition does not state it as a literal.'),
  app: z
    .string()
    .min(1)
    .optional()
    .describe('For a web server start-up (the Lambda Web Adapter running uvicorn or gunicorn): the `module:app` it serves.'),
  layers: z
    .array(z.string().min(1))
    .optional()
    .describe("Folders (relative to the config file) that are the contents of the function's layers, as they unpack under /opt: each one's python/ folder is on sys.path."),
  check: z
    .boolean()
    .optional()
    .describe('false: do not check this function, and do not list it among the functions not checked.'),
});

export const verifySchema = z.strictObject({
  python: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('The interpreter verify imports the app with: a path (relative to the config file) or a command on PATH (python3.12). --python wins over it; without either, a .venv or venv at the checked folder, else python3.'),
  timeout: z.number().positive().optional().describe('Seconds each entry point may take to import (and, with --invoke, to answer); --timeout wins over it. Default 10.'),
});

/** `warn` is `warning` (ESLint's and ruff's spelling). */
export const severitySetting = z.enum(['off', 'warning', 'error', 'warn']);

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z
    .union([z.string().min(1), z.array(z.string().min(1))])
    .optional()
    .describe('A config file path (relative to this file) or an installed package name whose config is merged first.'),
  apps: z.array(appSchema).optional().describe('The apps to check. Without it, apps are discovered.'),
  allow: z.array(allowSchema).optional().describe('Intentional differences, for every app.'),
  functions: z
    .array(functionSchema)
    .optional()
    .describe('What the deploy definitions cannot tell of a Lambda function: its package root, handler or app, layers; or that it is not to be checked.'),
  rules: z
    .partialRecord(z.enum(RULE_CODES), severitySetting)
    .optional()
    .describe('Severity overrides per rule code: "off", "warning" (or "warn") or "error". SUP001 and SUP002 are the suppression checks.'),
  ignore: z.array(z.string()).optional().describe('Globs (relative to the checked folder) of files never read.'),
  verify: verifySchema.optional().describe('How `parity-check verify` runs the app with real Python (check never runs it).'),
});

export type Config = z.infer<typeof configSchema>;
export type AppConfig = z.infer<typeof appSchema>;
export type Allow = z.infer<typeof allowSchema>;
export type FunctionConfig = z.infer<typeof functionSchema>;
export type SeveritySetting = z.infer<typeof severitySetting>;
