// Public layers whose content is known by name, so a function using one stays fully checked.
// An ARN is matched on its layer name (`arn:aws:lambda:<region>:<account>:layer:<name>:<version>`),
// which is written as a literal or inside `!Sub` / `${...}` with the region and version left open.
//
// What matters to parity-check is only whether a layer can provide a module of the repository's own
// code (what MOD003 and LPK001 judge); neither an extension nor a layer of pip packages can:
//   - extensions put an executable under /opt/extensions and nothing under /opt/python;
//   - the Powertools and Datadog layers hold pip distributions (aws_lambda_powertools, datadog_lambda,
//     ddtrace and their dependencies), third-party names that are never judged.

interface PublicLayer {
  /** The layer name, as a regular expression anchored at its start. */
  name: RegExp;
  what: string;
}

const PUBLIC: PublicLayer[] = [
  { name: /^LambdaAdapterLayer/, what: 'the Lambda Web Adapter (an extension)' },
  { name: /^LambdaInsightsExtension/, what: 'Lambda Insights (an extension)' },
  { name: /^AWS-Parameters-and-Secrets-Lambda-Extension/, what: 'the Parameters and Secrets extension' },
  { name: /^AWS-AppConfig-Extension/, what: 'the AppConfig extension' },
  { name: /^AWSLambdaPowertoolsPython/, what: 'Powertools for AWS Lambda (pip packages)' },
  { name: /^Datadog-(Python|Extension)/, what: 'Datadog (pip packages or an extension)' },
  // keithrozario/Klayers: one pip distribution and its dependencies per layer (Klayers-p310-Pillow, Klayers-python38-requests).
  { name: /^Klayers-(p|python)\d+-/, what: 'Klayers (pip packages)' },
];

/** The layer name of an ARN as written (`:layer:NAME:` or `:layer:NAME` at the end), if any. */
export function layerNameOf(text: string): string | undefined {
  const m = /:layer:([A-Za-z0-9_${}.-]+?)(?::[^:]*)?$/.exec(text.trim()) ?? /:layer:([A-Za-z0-9_-]+)/.exec(text);
  return m?.[1];
}

/** What a public layer is, when the ARN names one that provides none of the repository's modules. */
export function publicLayer(text: string): string | undefined {
  const name = layerNameOf(text);
  if (!name) return undefined;
  return PUBLIC.find((p) => p.name.test(name))?.what;
}
