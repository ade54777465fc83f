import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { GoxelConnectionError, GoxelTimeoutError } from './errors.js';
import { RpcConnection } from './rpc-connection.js';

/** How to reach the daemon and how patient to be. */
export interface GoxelDaemonClientOptions {
  /** Unix socket path; default `/tmp/goxel-daemon.sock`. Ignored when `tcp` is set. */
  socketPath?: string;
  /** TCP endpoint (the daemon's opt-in `--tcp` listener). */
  tcp?: { host: string; port: number };
  /** The daemon's shared TCP token, sent first on a TCP connection; default `$GOXEL_TOKEN`. */
  token?: string;
  /**
   * Speak TLS on the TCP connection (the daemon's `server.tls_certificate`): `true` checks the
   * server certificate against the system's roots, `{ ca }` against the given PEM certificates
   * instead (a private CA, or the daemon's self-signed certificate). Unused on the Unix socket.
   */
  tls?: boolean | { ca: string | Buffer };
  /** Reconnect with exponential backoff when the connection drops; default false. */
  autoReconnect?: boolean;
  /** Per-call timeout in ms; 0 disables it; default 30000. Also bounds connect(). */
  timeout?: number;
  /** First reconnect delay in ms; doubles per failed attempt; default 100. */
  reconnectDelay?: number;
  /** Upper bound of the reconnect delay in ms; default 5000. */
  maxReconnectDelay?: number;
  /** Give up after this many failed attempts in a row; default unlimited. */
  maxReconnectAttempts?: number;
}

/** Per-call overrides. */
export interface CallOptions {
  /** Timeout of this call in ms (0 = none); default: the client's `timeout`. */
  timeout?: number;
}

/** One element of {@link JsonRpcClient.batch}. */
export interface BatchCall {
  method: string;
  params?: unknown;
  /** Send as a notification (no response, the promise resolves to undefined). */
  notification?: boolean;
}

export const DEFAULT_SOCKET_PATH = '/tmp/goxel-daemon.sock';

/**
 * The transport half of {@link GoxelDaemonClient}: connection, pipelined calls, timeouts and
 * reconnection. Events: `connect`, `disconnect` (error), `reconnecting` (attempt, delayMs),
 * `reconnectFailed` (error).
 */
export class JsonRpcClient extends EventEmitter {
  protected readonly options: Required<Omit<GoxelDaemonClientOptions, 'tcp' | 'token' | 'tls'>> & Pick<GoxelDaemonClientOptions, 'tcp' | 'token' | 'tls'>;
  private connection: RpcConnection | undefined;
  private opening: Promise<void> | undefined;
  private nextId = 1;
  private closedByUser = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectAttempt = 0;
  private waiters: { resolve(): void; reject(error: Error): void }[] = [];

  constructor(options: GoxelDaemonClientOptions = {}) {
    super();
    this.options = {
      socketPath: options.socketPath ?? DEFAULT_SOCKET_PATH,
      tcp: options.tcp,
      token: options.token ?? (process.env.GOXEL_TOKEN || undefined),
      tls: options.tls,
      autoReconnect: options.autoReconnect ?? false,
      timeout: options.timeout ?? 30000,
      reconnectDelay: options.reconnectDelay ?? 100,
      maxReconnectDelay: options.maxReconnectDelay ?? 5000,
      maxReconnectAttempts: options.maxReconnectAttempts ?? Number.POSITIVE_INFINITY,
    };
  }

  /** Where this client connects, for messages. */
  get endpoint(): string {
    const tcp = this.options.tcp;
    return tcp ? `${this.options.tls ? 'tls' : 'tcp'}://${tcp.host}:${tcp.port}` : this.options.socketPath;
  }

  /** Opens the connection; resolves at once when already connected. */
  async connect(): Promise<void> {
    this.closedByUser = false;
    if (this.connection && !this.connection.closed) return;
    await this.open();
  }

  /**
   * Closes the connection gracefully: calls already sent still get their answers, then the
   * socket closes. Stops reconnecting. Calls still waiting after 2 s are rejected.
   */
  async disconnect(): Promise<void> {
    this.closedByUser = true;
    this.stopReconnecting(new GoxelConnectionError('client disconnected'));
    const connection = this.connection;
    if (!connection || connection.closed) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => connection.destroy(), 2000);
      connection.socket.once('close', () => { clearTimeout(force); resolve(); });
      connection.end();
    });
  }

  /** True while a connection is open. */
  isConnected(): boolean {
    return this.connection !== undefined && !this.connection.closed;
  }

  /** Calls in flight on the current connection. */
  get inFlight(): number {
    return this.connection?.inFlight ?? 0;
  }

  /**
   * Calls any daemon method and resolves with its `result`. Rejects with GoxelRpcError,
   * GoxelTimeoutError or GoxelConnectionError. Many calls may be in flight at once.
   */
  call<T = unknown>(method: string, params?: unknown, options?: CallOptions): Promise<T> {
    const timeout = options?.timeout ?? this.options.timeout;
    const connection = this.connection;
    if (connection && !connection.closed) {
      return connection.call(this.nextId++, method, params, timeout) as Promise<T>;
    }
    return this.whenConnected(method, timeout).then((live) =>
      live.call(this.nextId++, method, params, timeout) as Promise<T>);
  }

  /** Sends a notification (a request without id): no answer, no error reporting. */
  async notify(method: string, params?: unknown): Promise<void> {
    const connection = this.connection && !this.connection.closed
      ? this.connection : await this.whenConnected(method, this.options.timeout);
    connection.notify(method, params);
  }

  /** Sends several calls as one JSON-RPC batch; each promise settles with its own result or error. */
  async batch(calls: readonly BatchCall[], options?: CallOptions): Promise<PromiseSettledResult<unknown>[]> {
    const timeout = options?.timeout ?? this.options.timeout;
    const connection = this.connection && !this.connection.closed
      ? this.connection : await this.whenConnected('batch', timeout);
    const requests = calls.map((c) => ({ id: c.notification ? undefined : this.nextId++, method: c.method, params: c.params }));
    return Promise.allSettled(connection.batch(requests, timeout));
  }

  private whenConnected(method: string, timeout: number): Promise<RpcConnection> {
    const reconnecting = this.options.autoReconnect && !this.closedByUser;
    if (!reconnecting) {
      return Promise.reject(new GoxelConnectionError(`${method}: not connected to ${this.endpoint}`));
    }
    // After giving up, a new call starts a new round of attempts rather than failing forever.
    if (!this.reconnectTimer && !this.opening) this.scheduleReconnect();
    return new Promise<RpcConnection>((resolve, reject) => {
      const timer = timeout > 0 ? setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new GoxelTimeoutError(method, timeout));
      }, timeout) : undefined;
      const waiter = {
        resolve: () => { clearTimeout(timer); resolve(this.connection!); },
        reject: (error: Error) => { clearTimeout(timer); reject(error); },
      };
      this.waiters.push(waiter);
    });
  }

  private open(): Promise<void> {
    this.opening ??= this.openSocket().finally(() => { this.opening = undefined; });
    return this.opening;
  }

  private async openSocket(): Promise<void> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const tcp = this.options.tcp;
      const tls = tcp ? this.options.tls : undefined;
      const s = tls && tcp
        ? connectTls({ host: tcp.host, port: tcp.port, ...(typeof tls === 'object' ? { ca: tls.ca } : {}) })
        : tcp ? createConnection({ host: tcp.host, port: tcp.port }) : createConnection({ path: this.options.socketPath });
      const timeout = this.options.timeout;
      const timer = timeout > 0 ? setTimeout(() => s.destroy(new Error(`no connection within ${timeout} ms`)), timeout) : undefined;
      // Over TLS the connection is usable once the handshake (and the certificate check) is done.
      s.once(tls ? 'secureConnect' : 'connect', () => { clearTimeout(timer); s.removeAllListeners('error'); resolve(s); });
      s.once('error', (error) => { clearTimeout(timer); reject(new GoxelConnectionError(`cannot connect to ${this.endpoint}: ${error.message}`, { cause: error })); });
    });
    if (this.closedByUser) {
      // disconnect() was called while a reconnect attempt was connecting.
      socket.destroy();
      throw new GoxelConnectionError('client disconnected');
    }
    if (this.options.tcp) {
      socket.setNoDelay(true);
      await this.authenticate(socket);
    }
    this.connection = new RpcConnection(socket, (error) => this.dropped(error), this.options.timeout);
    // Paused after authentication so no byte is lost before the connection listens.
    socket.resume();
    this.reconnectAttempt = 0;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
    this.emit('connect');
  }

  /**
   * The daemon's TCP handshake: the first message is an auth call with the shared token; the
   * connection is handed on only after its answer.
   */
  private async authenticate(socket: Socket): Promise<void> {
    const token = this.options.token;
    if (!token) {
      socket.destroy();
      throw new GoxelConnectionError(`cannot connect to ${this.endpoint}: the daemon's TCP port needs a token (token option or GOXEL_TOKEN)`);
    }
    const line = await new Promise<string>((resolve, reject) => {
      let received = Buffer.alloc(0);
      const onData = (chunk: Buffer): void => {
        received = Buffer.concat([received, chunk]);
        const end = received.indexOf(0x0a);
        if (end < 0) return;
        socket.off('data', onData).off('error', onError).off('close', onClose);
        socket.pause();
        if (end + 1 < received.length) socket.unshift(received.subarray(end + 1));
        resolve(received.subarray(0, end).toString('utf8'));
      };
      const onError = (error: Error): void => reject(new GoxelConnectionError(`cannot connect to ${this.endpoint}: ${error.message}`, { cause: error }));
      const onClose = (): void => reject(new GoxelConnectionError(`cannot connect to ${this.endpoint}: closed during authentication`));
      socket.on('data', onData).once('error', onError).once('close', onClose);
      socket.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'auth', params: { token }, id: 0 })}\n`);
    });
    let answer: { result?: unknown; error?: { message?: string } };
    try {
      answer = JSON.parse(line) as typeof answer;
    } catch {
      socket.destroy();
      throw new GoxelConnectionError(`cannot connect to ${this.endpoint}: the daemon did not answer the authentication`);
    }
    if (answer.result === undefined) {
      socket.destroy();
      throw new GoxelConnectionError(`cannot connect to ${this.endpoint}: authentication failed: ${answer.error?.message ?? 'no answer'}`);
    }
  }

  private dropped(error: GoxelConnectionError): void {
    this.emit('disconnect', error);
    if (this.options.autoReconnect && !this.closedByUser) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    const delay = Math.min(this.options.reconnectDelay * 2 ** this.reconnectAttempt, this.options.maxReconnectDelay);
    this.reconnectAttempt++;
    this.emit('reconnecting', this.reconnectAttempt, delay);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closedByUser) return;
      this.open().catch((error: Error) => {
        if (this.closedByUser) return;
        if (this.reconnectAttempt >= this.options.maxReconnectAttempts) {
          this.emit('reconnectFailed', error);
          this.stopReconnecting(new GoxelConnectionError(`gave up reconnecting to ${this.endpoint}`, { cause: error }));
        } else {
          this.scheduleReconnect();
        }
      });
    }, delay);
  }

  private stopReconnecting(error: Error): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectAttempt = 0;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}
