// A long-lived child process that reads one base64 line per input and writes
// one JSON line per input, in the same order. The Google reference and the
// native parse probe both follow this protocol. Requests are pipelined: a
// caller may send thousands before the first result comes back.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Root of the repository, ending in a slash. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// Keeps this much of the child's standard error for error messages.
const stderrTailLength = 4000;

export class LineProcessClient {
  /**
   * Starts the child process.
   *
   * @param {string} name label used in error messages
   * @param {string} command executable path
   * @param {string[]} args its arguments
   */
  constructor(name, command, args = []) {
    this.name = name;
    // Requests waiting for their line, oldest at pendingHead. An index, not
    // Array.shift(), keeps 100,000 queued requests linear in time.
    this.pending = [];
    this.pendingHead = 0;
    this.stderrTail = '';
    this.failure = null;
    this.child = spawn(command, args, {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-stderrTailLength);
    });
    // Without a handler, a write to a child that has exited (EPIPE) would
    // crash the caller. The exit handler below rejects the pending requests.
    this.child.stdin.on('error', () => {});
    this.child.on('error', (error) => this.failAll(error));
    this.child.on('exit', (code, signal) => {
      const status = signal ? `signal ${signal}` : `code ${code}`;
      this.failAll(new Error(`${this.name} exited with ${status}`));
    });
    this.lines = createInterface({
      input: this.child.stdout,
      crlfDelay: Infinity,
    });
    this.lines.on('line', (line) => this.receive(line));
  }

  receive(line) {
    if (this.pendingHead === this.pending.length) {
      this.failAll(
        new Error(`${this.name} wrote an unrequested line: ${line}`),
      );
      return;
    }
    const request = this.pending[this.pendingHead];
    this.pending[this.pendingHead] = undefined;
    this.pendingHead += 1;
    if (this.pendingHead === this.pending.length) {
      this.pending = [];
      this.pendingHead = 0;
    }
    try {
      request.resolve(JSON.parse(line));
    } catch (error) {
      request.reject(
        new Error(`${this.name} wrote invalid JSON: ${line}`, { cause: error }),
      );
    }
  }

  failAll(error) {
    if (this.failure === null) {
      const stderr = this.stderrTail.trim();
      this.failure = stderr ? new Error(`${error.message}\n${stderr}`) : error;
    }
    const waiting = this.pending.slice(this.pendingHead);
    this.pending = [];
    this.pendingHead = 0;
    for (const request of waiting) request.reject(this.failure);
  }

  /**
   * Sends one input and returns a promise of the parsed result line.
   *
   * @param {Uint8Array} bytes the raw input
   * @returns {Promise<object>}
   */
  parse(bytes) {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(`${Buffer.from(bytes).toString('base64')}\n`);
    });
  }

  /**
   * Sends every input at once and returns the results in the same order.
   *
   * @param {Uint8Array[]} inputs raw inputs
   * @returns {Promise<object[]>}
   */
  parseAll(inputs) {
    return Promise.all(inputs.map((bytes) => this.parse(bytes)));
  }

  /** Closes the child's standard input and waits for it to exit. */
  async close() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}
