// Chalice functions a module declares at its top: `@app.lambda_function(name="a") def job(...)`,
// `@app.schedule("rate(1 hour)")`, `@app.on_sqs_message(queue="q")`, ... Each becomes a Lambda function
// of its own whose handler Chalice writes from the function's Python name, `'%s.%s' % (module_name,
// user_handler.__name__)` (chalice/app.py `_do_register_handler`), so a later top-level binding of
// that name (a second decorated `def job`) is what the Lambda runs. Routes are not here: they are all
// served by `app.app`. Read from the file's call index: no walk of its own.
import type { ChaliceHandlerFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { field, splitArgs } from './nodes.js';
import { plainString } from './strings.js';

/** The decorators of chalice/app.py that register a handler with a Lambda function of its own. */
export const CHALICE_FUNCTIONS = [
  'lambda_function',
  'schedule',
  'on_s3_event',
  'on_sns_message',
  'on_sqs_message',
  'on_cw_event',
  'on_kinesis_record',
  'on_dynamodb_record',
  'authorizer',
  'on_ws_connect',
  'on_ws_message',
  'on_ws_disconnect',
];

export function chaliceHandlers(idx: FileIndex): { chaliceHandlers?: ChaliceHandlerFact[] } {
  if (!idx.mentions(['Chalice', 'Blueprint'])) return {};
  const out: ChaliceHandlerFact[] = [];
  for (const method of CHALICE_FUNCTIONS) {
    for (const { call, attribute } of idx.callsNamed(method)) {
      const decorated = call.parent?.type === 'decorator' ? call.parent.parent : null;
      const def = decorated?.type === 'decorated_definition' ? field(decorated, 'definition') : null;
      if (!attribute || !decorated || def?.type !== 'function_definition' || contextOf(decorated).scope !== 'module') continue;
      const receiver = field(field(call, 'function')!, 'object');
      const name = field(def, 'name');
      if (receiver?.type !== 'identifier' || !name) continue;
      const lambdaName = plainString(splitArgs(field(call, 'arguments')).keywords.get('name'));
      out.push({
        receiver: receiver.text,
        method,
        function: name.text,
        ...(lambdaName !== undefined ? { lambdaName } : {}),
        conditional: contextOf(decorated).inBlock,
        defLine: def.startPosition.row + 1,
        ...spanOf(call.parent!),
      });
    }
  }
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  return out.length ? { chaliceHandlers: out } : {};
}
