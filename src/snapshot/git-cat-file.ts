// The cat-file batch reader: blob contents for IndexSnapshot from one long-lived git process.
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { gitMessages } from '../messages.js';
import { childProcess, GitError, GLOBAL_FLAGS, gitEnv, toGitError } from './git-process.js';

interface Pending {
  blob: string;
  /** Past this many bytes the body is dropped as it streams and the read fails with BlobTooLarge. */
  max?: number;
  resolve: (content: Buffer) => void;
  reject: (err: Error) => void;
}

/** A blob over the size a read was given: its body was never held, only its size (from git's header) is known. */
export class BlobTooLarge extends Error {
  constructor(readonly size: number) {
    super(`blob of ${size} bytes`);
  }
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * One long-lived `git cat-file --batch` process. Requests are pipelined (those of one microtask
 * checkpoint go out in one write) and git answers them in order: `<oid> <type> <size>\n<content>\n`, or `<oid> missing\n`.
 * The process is started on the first read and does not keep Node alive while idle.
 */
export class CatFileBatch {
  private child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  private readonly pending: Pending[] = [];
  private closed = false;
  private failure: GitError | undefined;
  private exited: Promise<void> | undefined;
  private stderrText = '';
  // Parser state: the header being read, or the body of `bodySize` bytes being collected.
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodySize = -1;
  /** Bytes of an oversized body (and its newline) still to drop; its read already failed. */
  private skipLeft = 0;

  constructor(readonly cwd: string) {}

  /** The content of a blob (binary safe); one over `max` bytes rejects with BlobTooLarge, its body never buffered. */
  read(blob: string, max?: number): Promise<Buffer> {
    if (!OBJECT_ID.test(blob)) return Promise.reject(new GitError(gitMessages.badObjectId(blob), this.cwd));
    if (this.closed) return Promise.reject(new GitError(gitMessages.catFileClosed(this.cwd), this.cwd));
    if (this.failure) return Promise.reject(this.failure);
    const child = this.start();
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.push({ blob, resolve, reject, ...(max !== undefined ? { max } : {}) });
      if (this.pending.length === 1) this.setRef(true);
      // Requests of one microtask checkpoint go out in one write (a graph level, or 300 requirements files, ask
      // together): a write per request cost a system call each, ~25 ms of a 30,000-file hook.
      if (!this.corked) {
        this.corked = true;
        child.stdin.cork();
        queueMicrotask(() => {
          this.corked = false;
          child.stdin.uncork();
        });
      }
      child.stdin.write(`${blob}\n`);
    });
  }

  private corked = false;

  /** Starts the process now, so that it boots while the caller does other work; idle, it keeps Node alive no more than before. */
  warm(): void {
    if (this.closed || this.failure) return;
    this.start();
    if (this.pending.length === 0) this.setRef(false);
  }

  /** Ends the process once the reads already asked for are answered. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.child) return;
    this.setRef(true);
    this.child.stdin.end();
    await this.exited;
  }

  private start(): ChildProcessByStdio<Writable, Readable, Readable> {
    if (this.child) return this.child;
    const args = [
      ...GLOBAL_FLAGS,
      'cat-file',
      // --batch: read object ids on stdin, print "<oid> <type> <size>\n<content>\n" for each, in order,
      // flushing after each answer (no --buffer: answers must come while more requests may follow).
      '--batch',
    ];
    const child = childProcess().spawn('git', args, { cwd: this.cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    child.stdout.on('data', (data: Buffer) => this.onData(data));
    child.stderr.on('data', (data: Buffer) => {
      this.stderrText += data.toString('utf8');
    });
    // A write after git died (EPIPE) is reported through 'exit' below.
    child.stdin.on('error', () => {});
    this.exited = new Promise<void>((resolve) => {
      let done = false;
      const finish = (err?: NodeJS.ErrnoException) => {
        if (done) return;
        done = true;
        const failure = err
          ? toGitError(this.cwd, args, err)
          : this.closed && this.pending.length === 0
            ? undefined
            : toGitError(this.cwd, args, Object.assign(new Error(gitMessages.catFileExited(this.cwd, '')), { stderr: this.stderrText }));
        if (failure) {
          this.failure = failure;
          for (const p of this.pending.splice(0)) p.reject(failure);
        }
        resolve();
      };
      child.on('error', (err) => finish(err));
      child.on('close', () => finish());
    });
    return child;
  }

  /** Idle: let Node exit even if nobody calls close(). Busy: keep it alive until answered. */
  private setRef(ref: boolean): void {
    const child = this.child;
    if (!child) return;
    const streams = [child.stdin, child.stdout, child.stderr] as unknown as { ref?: () => void; unref?: () => void }[];
    if (ref) {
      child.ref();
      for (const s of streams) s.ref?.();
    } else {
      child.unref();
      for (const s of streams) s.unref?.();
    }
  }

  private onData(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    for (;;) {
      if (this.skipLeft > 0) {
        // Dropping an oversized body: nothing of it is kept, so memory stays at one pipe chunk.
        while (this.skipLeft > 0 && this.chunks.length) {
          const c = this.chunks[0];
          if (c.length <= this.skipLeft) {
            this.skipLeft -= c.length;
            this.buffered -= c.length;
            this.chunks.shift();
          } else {
            this.chunks[0] = c.subarray(this.skipLeft);
            this.buffered -= this.skipLeft;
            this.skipLeft = 0;
          }
        }
        if (this.skipLeft > 0 || !this.chunks.length) return;
      }
      if (this.bodySize < 0) {
        // Reading a header line.
        const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        this.chunks = [all];
        const nl = all.indexOf(10);
        if (nl < 0) return;
        const header = all.subarray(0, nl).toString('utf8');
        const rest = all.subarray(nl + 1);
        this.chunks = rest.length ? [rest] : [];
        this.buffered = rest.length;
        const fields = header.split(' ');
        const max = this.pending[0]?.max;
        if (fields.length === 3 && /^\d+$/.test(fields[2]) && max !== undefined && Number(fields[2]) > max) {
          // The header names the size before the body: the read fails now, the body is dropped as it comes.
          const size = Number(fields[2]);
          this.skipLeft = size + 1;
          this.pending.shift()?.reject(new BlobTooLarge(size));
          this.afterAnswer();
        } else if (fields.length === 3 && /^\d+$/.test(fields[2])) {
          this.bodySize = Number(fields[2]);
        } else {
          // "<oid> missing" / "<oid> ambiguous": no body follows.
          const p = this.pending.shift();
          p?.reject(new GitError(gitMessages.catFileMissing(this.cwd, p.blob), this.cwd));
          this.afterAnswer();
        }
      } else {
        // Reading a body of bodySize bytes plus its trailing newline.
        if (this.buffered < this.bodySize + 1) return;
        const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        const body = Buffer.from(all.subarray(0, this.bodySize));
        const rest = all.subarray(this.bodySize + 1);
        this.chunks = rest.length ? [rest] : [];
        this.buffered = rest.length;
        this.bodySize = -1;
        this.pending.shift()?.resolve(body);
        this.afterAnswer();
      }
    }
  }

  private afterAnswer(): void {
    if (this.pending.length === 0 && !this.closed) this.setRef(false);
  }
}
