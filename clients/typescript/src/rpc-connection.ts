import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { GoxelConnectionError, GoxelRpcError, GoxelTimeoutError } from './errors.js';

interface PendingCall {
  readonly method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Own timer, for a call whose timeout differs from the connection's default. */
  timer: NodeJS.Timeout | undefined;
  /** Date.now() deadline of a call on the default timeout; 0 when it has none or its own timer. */
  deadline: number;
}

interface RpcResponse {
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** One request to put on the wire; `id` undefined makes it a notification. */
export interface OutgoingRequest {
  readonly id: number | undefined;
  readonly method: string;
  readonly params: unknown;
}

/** Writes above this size go out at once instead of waiting for the end of the tick. */
const FLUSH_THRESHOLD = 256 * 1024;

/**
 * One open socket speaking newline-delimited JSON-RPC 2.0: many calls in flight, matched by id.
 * Requests made in the same tick are coalesced into one write, because a write per call costs
 * more than the call itself when thousands are pipelined.
 */
export class RpcConnection {
  private readonly pending = new Map<number, PendingCall>();
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private outgoing: string[] = [];
  private outgoingBytes = 0;
  private flushQueued = false;
  private closedError: GoxelConnectionError | undefined;
  private ending = false;
  private sweepTimer: NodeJS.Timeout | undefined;

  /**
   * `defaultTimeoutMs` is shared by most calls, so their deadlines grow with insertion order and
   * one timer sweeping the oldest replaces a timer per call (a large share of a pipelined call's cost).
   */
  constructor(
    readonly socket: Socket,
    onClosed: (error: GoxelConnectionError) => void,
    private readonly defaultTimeoutMs = 0,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // 'error' is always followed by 'close'; listening keeps Node from throwing it.
    let socketError: Error | undefined;
    socket.on('error', (error) => { socketError = error; });
    socket.on('close', () => {
      const error = new GoxelConnectionError(
        socketError ? `connection lost: ${socketError.message}` : 'connection closed', { cause: socketError });
      this.fail(error);
      onClosed(error);
    });
  }

  /** Calls in flight. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** True once the socket closed; every later send is rejected. */
  get closed(): boolean {
    return this.closedError !== undefined;
  }

  /** Sends one call and settles with its result or error. `timeoutMs` 0 waits forever. */
  call(id: number, method: string, params: unknown, timeoutMs: number): Promise<unknown> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.ending) return Promise.reject(new GoxelConnectionError(`${method}: the connection is closing`));
    return new Promise((resolve, reject) => {
      this.track(id, method, timeoutMs, resolve, reject);
      this.write(serialize({ id, method, params }));
    });
  }

  /** Sends a notification: the daemon runs it and sends nothing back. */
  notify(method: string, params: unknown): void {
    if (this.closedError) throw this.closedError;
    if (this.ending) throw new GoxelConnectionError(`${method}: the connection is closing`);
    this.write(serialize({ id: undefined, method, params }));
  }

  /**
   * Sends a JSON-RPC batch (one array). Each element settles on its own, so the caller sees
   * per-call results and errors just as for separate calls.
   */
  batch(requests: readonly OutgoingRequest[], timeoutMs: number): Promise<unknown>[] {
    if (this.closedError || this.ending) {
      const error = this.closedError ?? new GoxelConnectionError('batch: the connection is closing');
      return requests.map(() => Promise.reject(error));
    }
    const promises: Promise<unknown>[] = [];
    for (const request of requests) {
      if (request.id === undefined) {
        promises.push(Promise.resolve(undefined));
        continue;
      }
      const id = request.id;
      promises.push(new Promise((resolve, reject) => this.track(id, request.method, timeoutMs, resolve, reject)));
    }
    this.write(`[${requests.map(serialize).join(',')}]`);
    return promises;
  }

  /** Closes the writing side; the daemon still answers what it already received, then closes. */
  end(): void {
    this.ending = true;
    this.flush();
    this.socket.end();
  }

  /** Closes at once, rejecting every call in flight. */
  destroy(): void {
    this.socket.destroy();
  }

  private track(id: number, method: string, timeoutMs: number,
    resolve: (value: unknown) => void, reject: (error: Error) => void): void {
    const entry: PendingCall = { method, resolve, reject, timer: undefined, deadline: 0 };
    if (timeoutMs > 0 && timeoutMs === this.defaultTimeoutMs) {
      entry.deadline = Date.now() + timeoutMs;
      this.sweepTimer ??= setTimeout(() => this.sweep(), timeoutMs).unref();
    } else if (timeoutMs > 0) {
      entry.timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new GoxelTimeoutError(method, timeoutMs));
      }, timeoutMs);
    }
    this.pending.set(id, entry);
  }

  /** Rejects the default-timeout calls that are due, then sleeps until the next deadline. */
  private sweep(): void {
    this.sweepTimer = undefined;
    const now = Date.now();
    for (const [id, entry] of this.pending) {
      if (entry.deadline === 0) continue;
      if (entry.deadline > now) {
        this.sweepTimer = setTimeout(() => this.sweep(), entry.deadline - now).unref();
        return;
      }
      this.pending.delete(id);
      entry.reject(new GoxelTimeoutError(entry.method, this.defaultTimeoutMs));
    }
  }

  private write(line: string): void {
    this.outgoing.push(line, '\n');
    this.outgoingBytes += line.length + 1;
    if (this.outgoingBytes >= FLUSH_THRESHOLD) {
      this.flush();
    } else if (!this.flushQueued) {
      this.flushQueued = true;
      process.nextTick(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.outgoing.length === 0) return;
    const text = this.outgoing.join('');
    this.outgoing = [];
    this.outgoingBytes = 0;
    if (!this.socket.destroyed) this.socket.write(text);
  }

  private receive(chunk: Buffer): void {
    // One UTF-8 decode per chunk (the decoder keeps a split multi-byte character for the next
    // chunk) is much cheaper than a decode per line when thousands of answers arrive at once.
    let text = this.partial + this.decoder.write(chunk);
    let start = 0;
    let newline: number;
    while ((newline = text.indexOf('\n', start)) !== -1) {
      if (newline > start) this.receiveLine(text.slice(start, newline));
      start = newline + 1;
    }
    this.partial = start === text.length ? '' : text.slice(start);
    text = '';
  }

  private receiveLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      // A daemon never sends half a line; if it did, the stream cannot be trusted any more.
      this.socket.destroy(new Error('daemon sent a line that is not JSON'));
      return;
    }
    if (Array.isArray(message)) {
      for (const element of message) this.settle(element as RpcResponse);
    } else {
      this.settle(message as RpcResponse);
    }
  }

  private settle(response: RpcResponse): void {
    let id = response.id;
    if (typeof id !== 'number' || !this.pending.has(id)) {
      // An error with id null (e.g. an oversized request) answers the oldest call still waiting,
      // because the daemon answers each connection's requests in order.
      if (id !== null || response.error === undefined) return;
      const oldest = this.pending.keys().next();
      if (oldest.done) return;
      id = oldest.value;
    }
    const entry = this.pending.get(id as number)!;
    this.pending.delete(id as number);
    if (entry.timer) clearTimeout(entry.timer);
    if (response.error) {
      const { code, message, data } = response.error;
      entry.reject(new GoxelRpcError(entry.method, code, message, data));
    } else {
      entry.resolve(response.result);
    }
  }

  private fail(error: GoxelConnectionError): void {
    this.closedError = error;
    clearTimeout(this.sweepTimer);
    this.outgoing = [];
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.reject(error);
    }
  }
}

function serialize(request: OutgoingRequest): string {
  const head = request.id === undefined ? '' : `,"id":${request.id}`;
  const params = request.params === undefined ? '' : `,"params":${JSON.stringify(request.params)}`;
  return `{"jsonrpc":"2.0","method":${JSON.stringify(request.method)}${params}${head}}`;
}
