import { GoxelDaemonClient } from './client.js';
import { GoxelConnectionError } from './errors.js';
import type { GoxelDaemonClientOptions } from './json-rpc-client.js';

export interface ConnectionPoolOptions extends GoxelDaemonClientOptions {
  /** Most connections open at once; default 5 (the guide's poolSize). */
  size?: number;
}

/**
 * The guide's connection pool: up to `size` connected clients (autoReconnect on by default),
 * opened on demand and handed out one caller at a time. The daemon serves each connection on
 * its own thread, so work spread over pooled connections runs in parallel.
 */
export class ConnectionPool {
  readonly size: number;
  private readonly options: GoxelDaemonClientOptions;
  private readonly idle: GoxelDaemonClient[] = [];
  private readonly waiting: { resolve(client: GoxelDaemonClient): void; reject(error: Error): void }[] = [];
  private open = 0;
  private closed = false;

  constructor(options: ConnectionPoolOptions = {}) {
    const { size, ...clientOptions } = options;
    this.size = Math.max(1, size ?? 5);
    this.options = { autoReconnect: true, ...clientOptions };
  }

  /** Connections opened and not closed. */
  get openConnections(): number {
    return this.open;
  }

  /** Connections ready to be handed out. */
  get available(): number {
    return this.idle.length;
  }

  /** Takes a connected client; waits when all `size` are in use. Give it back with returnConnection. */
  async getConnection(): Promise<GoxelDaemonClient> {
    if (this.closed) throw new GoxelConnectionError('connection pool is closed');
    const client = this.idle.pop();
    if (client) return client;
    if (this.open < this.size) {
      this.open++;
      const created = new GoxelDaemonClient(this.options);
      try {
        await created.connect();
      } catch (error) {
        this.open--;
        throw error;
      }
      return created;
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Gives a client back; a client that was disconnected for good is dropped and replaced on demand. */
  returnConnection(client: GoxelDaemonClient): void {
    if (this.closed || (!client.isConnected() && !this.options.autoReconnect)) {
      this.open--;
      void client.disconnect();
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(client);
    else this.idle.push(client);
  }

  /** Runs `work` with a pooled client and always gives it back. */
  async use<T>(work: (client: GoxelDaemonClient) => Promise<T>): Promise<T> {
    const client = await this.getConnection();
    try {
      return await work(client);
    } finally {
      this.returnConnection(client);
    }
  }

  /** Disconnects the idle clients and fails callers still waiting; clients still out are disconnected when returned. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new GoxelConnectionError('connection pool is closed'));
    const idle = this.idle.splice(0);
    this.open -= idle.length;
    await Promise.all(idle.map((c) => c.disconnect()));
  }
}

/** Something that can run a call: one client (calls pipeline on its connection) or a pool. */
export type ClientSource = GoxelDaemonClient | ConnectionPool;

/** Runs `work` on the source: directly on a client, or on a pooled connection. */
export function withClient<T>(source: ClientSource, work: (client: GoxelDaemonClient) => Promise<T>): Promise<T> {
  return source instanceof ConnectionPool ? source.use(work) : work(source);
}
