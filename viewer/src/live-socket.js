// The WebSocket a project page listens on, opened again with a growing delay (a quarter
// second doubling up to five) whenever it closes: a daemon that restarts is followed without
// a reload, and the server's first message on each connection is a full snapshot.
const FIRST_DELAY_MS = 250;
const LONGEST_DELAY_MS = 5000;

/** A WebSocket that reconnects by itself. */
export class LiveSocket {
  #url;
  #handlers;
  #socket = null;
  #delay = FIRST_DELAY_MS;

  /**
   * @param {string} url
   * @param {{open: () => void, binary: (data: ArrayBuffer) => void, text: (message: object) => void, down: () => void}} handlers
   */
  constructor(url, handlers) {
    this.#url = url;
    this.#handlers = handlers;
    this.#connect();
  }

  /** Drops this connection (the next one starts with a full snapshot). */
  restart() {
    this.#socket?.close();
  }

  #connect() {
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.#delay = FIRST_DELAY_MS;
      this.#handlers.open();
    };
    socket.onmessage = ({ data }) => {
      if (typeof data === 'string') this.#handlers.text(JSON.parse(data));
      else this.#handlers.binary(data);
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#handlers.down();
      setTimeout(() => this.#connect(), this.#delay);
      this.#delay = Math.min(this.#delay * 2, LONGEST_DELAY_MS);
    };
  }
}
