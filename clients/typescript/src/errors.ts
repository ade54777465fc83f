/** Base class of every error this package throws, so callers can catch them all at once. */
export class GoxelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The daemon answered with a JSON-RPC error object. */
export class GoxelRpcError extends GoxelError {
  /** JSON-RPC error code: -32700..-32600 protocol, -1001..-1021 application (see docs/protocol.md). */
  readonly code: number;
  /** The error's optional `data` member. */
  readonly data: unknown;
  /** The method whose call failed. */
  readonly method: string;

  constructor(method: string, code: number, message: string, data?: unknown) {
    super(`${method}: ${message} (${code})`);
    this.method = method;
    this.code = code;
    this.data = data;
  }

  /** True when the daemon does not know the method (-32601) or has it listed but unimplemented (-32603 "Not implemented yet"). */
  get isNotImplemented(): boolean {
    return this.code === -32601 || (this.code === -32603 && /not implemented/i.test(this.message));
  }
}

/** No response arrived within the call's timeout. The call may still have been executed by the daemon. */
export class GoxelTimeoutError extends GoxelError {
  readonly method: string;
  readonly timeoutMs: number;

  constructor(method: string, timeoutMs: number) {
    super(`${method}: no response within ${timeoutMs} ms`);
    this.method = method;
    this.timeoutMs = timeoutMs;
  }
}

/** The client is not connected, could not connect, or the connection dropped while the call was in flight. */
export class GoxelConnectionError extends GoxelError {}
