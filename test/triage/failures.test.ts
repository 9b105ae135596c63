// Reading the logs on-call engineers paste or export (fixtures in test/fixtures/triage/, written
// to match what Lambda prints for the incidents), recognising the failures and grouping them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failuresOf, groupFailures, type Failure } from '../../src/triage/failures.js';
import { NotALogError, readLogEvents } from '../../src/triage/log-events.js';
import { REPO } from '../helpers.js';

const DIR = path.join(REPO, 'test', 'fixtures', 'triage');

/** The file as a stream of small chunks, so that events and tracebacks cross chunk boundaries. */
async function* chunks(text: string, size = 97): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function failures(name: string, problems: string[] = []): Promise<Failure[]> {
  const out: Failure[] = [];
  for await (const f of failuresOf(readLogEvents(chunks(fs.readFileSync(path.join(DIR, name), 'utf8')), problems))) out.push(f);
  return out;
}

describe('triage: reading logs', () => {
  it('a console copy: the init failure, twice (init and the retry on invoke), grouped with its request id', async () => {
    const fs1 = await failures('console-import-module.log');
    expect(fs1).toHaveLength(2);
    expect(fs1[0]).toMatchObject({ kind: 'import-module', errorType: 'Runtime.ImportModuleError', handlerModule: 'handler', module: 'src', frames: [] });
    expect(fs1[1].requestId).toBe('8f5c2a1e-4b7d-4c1e-9a51-2d3e4f5a6b7c');
    const groups = groupFailures(fs1);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 2, requestIds: ['8f5c2a1e-4b7d-4c1e-9a51-2d3e4f5a6b7c'] });
  });

  it('aws logs tail: the lazy router traceback reassembled with its frames, two cold starts grouped', async () => {
    const got = await failures('tail-lazy-router.log');
    expect(got).toHaveLength(2);
    const f = got[0];
    expect(f).toMatchObject({ kind: 'module-not-found', errorType: 'ModuleNotFoundError', message: "No module named 'src'", module: 'src', requestId: '11111111-2222-4333-8444-555555555555' });
    expect(f.frames.map((x) => `${x.file}:${x.line}`)).toEqual(['/var/task/lazy_app.py:46', '/var/task/lazy_app.py:37', '/var/lang/lib/python3.12/importlib/__init__.py:90']);
    expect(f.frames[1].code).toBe('module = importlib.import_module(module_path)');
    // Two cold starts (two streams), one failure: grouped by the innermost frame of the app's own code.
    const groups = groupFailures(got);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      count: 2,
      firstTime: '2026-02-04T06:00:01.250000+00:00',
      lastTime: '2026-02-04T06:05:09.250000+00:00',
      requestIds: ['11111111-2222-4333-8444-555555555555', '66666666-7777-4888-9999-000000000000'],
      streams: ['2026/02/04/[$LATEST]5e1c0d9b2a7f4e3d8c6b5a4f3e2d1c0b', '2026/02/04/[$LATEST]9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d'],
    });
  });

  it('a filter-log-events export: the CMEActivityTopic init error, and a traceback split across two events', async () => {
    const got = await failures('filter-log-events.json');
    expect(got.map((f) => f.kind)).toEqual(['import-module', 'mapper-name']);
    expect(got[0]).toMatchObject({ name: 'CMEActivityTopic', module: 'contexts.cme.topics', handlerModule: 'handler', time: '2025-02-10T21:01:00.500Z' });
    expect(got[1]).toMatchObject({ name: 'CMEActivity', errorType: 'InvalidRequestError' });
    expect(got[1].frames).toEqual([{ file: '/var/task/api/v1/auth.py', line: 21, function: 'login', code: 'user = db.query(User).filter(User.email == email).first()' }]);
  });

  it("Lambda's JSON log format and Powertools records", async () => {
    const got = await failures('lambda-json-format.log');
    expect(got.map((f) => `${f.kind} ${f.errorType}`)).toEqual(['import-module Runtime.ImportModuleError', 'handler-not-found Runtime.HandlerNotFound', 'mapper-name sqlalchemy.exc.InvalidRequestError']);
    expect(got[1]).toMatchObject({ handler: 'handler', handlerModule: 'handler', requestId: 'abcdefab-1111-4222-8333-444455556666' });
    expect(got[2]).toMatchObject({ name: 'CMEActivity', function: 'backend-api-prod', requestId: '99999999-8888-4777-8666-555555555555' });
    expect(got[2].frames.map((x) => `${x.file}:${x.line}`)).toEqual(['/var/task/api/v1/auth.py:21']);
  });

  it('a syntax error names its file and line', async () => {
    const text = "[ERROR] Runtime.UserCodeSyntaxError: Syntax error in module 'handler': invalid syntax (handler.py, line 3)\nTraceback (most recent call last):\n  File \"/var/task/handler.py\" Line 3\n        def handler(event, context)\n";
    const got: Failure[] = [];
    for await (const f of failuresOf(readLogEvents(chunks(text)))) got.push(f);
    expect(got).toEqual([expect.objectContaining({ kind: 'syntax', handlerModule: 'handler', syntaxAt: { file: 'handler.py', line: 3 } })]);
  });

  it('a log with nothing recognisable gives no failure', async () => {
    expect(await failures('nothing.log')).toEqual([]);
  });

  it('a truncated export is said, and what was whole is still read', async () => {
    const problems: string[] = [];
    expect(await failures('truncated.json', problems)).toEqual([]);
    expect(problems).toEqual(['the JSON ends inside the event that starts at line 3 (a truncated export?)']);
  });

  it('binary data is refused with a clear message', async () => {
    const run = async () => {
      for await (const f of failuresOf(readLogEvents(chunks('PK\u0003\u0004\u0000\u0000binary')))) void f;
    };
    await expect(run()).rejects.toThrow(NotALogError);
    await expect(run()).rejects.toThrow('binary data, not a log');
  });

  it('a 50 MB log streams: memory stays far below its size', async () => {
    const line = '2026-02-04T06:00:01.100000+00:00 2026/02/04/[$LATEST]5e1c0d9b2a7f4e3d8c6b5a4f3e2d1c0b INFO request served in 12 ms\n';
    const failure = fs.readFileSync(path.join(DIR, 'tail-lazy-router.log'), 'utf8');
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let total = 0;
    async function* big(): AsyncGenerator<string> {
      const block = line.repeat(500);
      for (; total < 50 * 2 ** 20; total += block.length) {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        yield block;
      }
      yield failure;
    }
    const got: Failure[] = [];
    for await (const f of failuresOf(readLogEvents(big()))) got.push(f);
    expect(total).toBeGreaterThanOrEqual(50 * 2 ** 20);
    expect(got.map((f) => f.kind)).toEqual(['module-not-found', 'module-not-found']);
    // Garbage not yet collected counts too: the bound is generous, the log is 50 MB.
    expect(peak - before).toBeLessThan(25 * 2 ** 20);
  });
});
