/**
 * A throwaway `redis-server` for the check and the test: on a free loopback port, no
 * persistence, its files in a temporary directory, stopped (SIGKILL) by `stop()`.
 * Needs the `redis-server` binary (Debian/Ubuntu: `apt-get install redis-server`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running redis-server. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The process. */
  readonly process: ChildProcess;
  /** Kills the server and removes its directory. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface StartRedisServerOptions {
  /** The binary. @defaultValue `'redis-server'` (from PATH) */
  readonly bin?: string | undefined;
  /** How long to wait for "Ready to accept connections" (ms). @defaultValue 10000 */
  readonly timeoutMs?: number | undefined;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });

/**
 * Starts a redis-server on a free loopback port.
 *
 * @param options - The binary and the start-up timeout.
 * @returns The running server.
 * @throws Error when the binary is missing (with how to install it) or the server does not start.
 * @example
 * const redis = await startRedisServer();
 * try { … redis.url … } finally { await redis.stop(); }
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServer> {
  const bin = options.bin ?? 'redis-server';
  // The probed port may be taken again before redis binds it: try a few.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOn(bin, await freePort(), options.timeoutMs ?? 10_000);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 5) throw error;
    }
  }
}

class PortTakenError extends Error {}

function startOn(bin: string, port: number, timeoutMs: number): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'escalation-redis-'));
  const child = spawn(
    bin,
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
      // No persistence: nothing to clean up, nothing to slow the run down.
      ...['--save', '', '--appendonly', 'no'],
      // BullMQ needs keys never evicted (the default, stated).
      ...['--maxmemory-policy', 'noeviction'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      clearTimeout(timer);
      void stop().then(() => {
        reject(error);
      });
    };
    const timer = setTimeout(() => {
      fail(new Error(`redis-server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'ENOENT'
          ? new Error(
              `redis-server not found (\`${bin}\`): install it (Debian/Ubuntu: \`sudo apt-get install redis-server\`)`,
            )
          : error,
      );
    });
    child.once('exit', (code) => {
      fail(
        /Address already in use/i.test(output)
          ? new PortTakenError(`port ${port} taken`)
          : new Error(`redis-server exited (${code ?? 'signal'}) at start:\n${output}`),
      );
    });
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining its log
      resolve({ url: `redis://127.0.0.1:${port}`, process: child, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
}
