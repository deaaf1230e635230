import pg from 'pg';
import type { DatabaseLogger } from './database.ts';

export type ChannelListener = {
  /** Whether notifications are arriving now: false before the first LISTEN, while reconnecting, and once stopped. */
  readonly listening: boolean;
  stop(): Promise<void>;
};

export type ChannelListenerOptions = {
  onNotification: (payload: string) => void;
  /**
   * Called with true once LISTEN holds (at first and after each reconnection) and with false when the connection
   * is lost or stopped: whatever was sent in between was missed, so a cache built on the channel starts over.
   */
  onListening: (listening: boolean) => void;
  logger?: DatabaseLogger;
  /** The first wait before reconnecting; it doubles up to 30 s. */
  retryMs?: number;
};

const MAX_RETRY_MS = 30_000;

/**
 * LISTEN on one PostgreSQL channel over a connection of its own (a pooled connection would be handed to other
 * queries), reconnecting with a growing wait when the server restarts or the network drops. TCP keepalive makes a
 * silently dead connection end rather than look like a quiet channel.
 */
export function listenTo(url: string, channel: string, options: ChannelListenerOptions): ChannelListener {
  const { onNotification, onListening, logger, retryMs = 500 } = options;
  let client: pg.Client | undefined;
  let listening = false;
  let stopped = false;
  let wait = retryMs;
  let retry: NodeJS.Timeout | undefined;

  function lost(error?: Error) {
    if (listening) onListening(false);
    listening = false;
    client?.removeAllListeners();
    client?.end().catch(() => undefined);
    client = undefined;
    if (stopped) return;
    if (error) logger?.error({ err: error, channel }, 'Lost the database connection listening for changes; reconnecting');
    retry = setTimeout(connect, wait);
    retry.unref();
    wait = Math.min(wait * 2, MAX_RETRY_MS);
  }

  async function connect() {
    const connection = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'rentledger-listen' });
    client = connection;
    connection.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onNotification(message.payload);
    });
    connection.on('error', (error) => {
      if (client === connection) lost(error);
    });
    connection.on('end', () => {
      if (client === connection) lost();
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      if (client === connection) lost(error as Error);
      return;
    }
    if (stopped || client !== connection) return;
    wait = retryMs;
    listening = true;
    onListening(true);
  }

  void connect();
  return {
    get listening() {
      return listening;
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const connection = client;
      if (listening) onListening(false);
      listening = false;
      client = undefined;
      connection?.removeAllListeners();
      connection?.on('error', () => undefined);
      await connection?.end().catch(() => undefined);
    },
  };
}
