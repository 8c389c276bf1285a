import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..', '..');
const JAR = process.env.CHIRPCHAT_APP_JAR ?? join(here, '..', 'bootstrap', 'target', 'chirpchat.jar');
const LIBS = process.env.CHIRPCHAT_APP_LIBS ?? join(here, '..', 'bootstrap', 'target', 'libs');
const JAVA = process.env.CHIRPCHAT_JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
export const OUTPUT = process.env.CHIRPCHAT_E2E_OUTPUT ?? join(here, 'e2e', '.output');

/**
 * The packaged server (the jar users run, on the module path) on free ports with its own data dir: the
 * embedded default (H2, in-process fanout, local media service). Stopped and started again on the same ports
 * and data, it is the same server after a restart.
 */
export class TestServer {
  private process: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  readonly dataDir = mkdtempSync(join(tmpdir(), 'chirpchat-e2e-'));

  private constructor(readonly port: number, readonly mediaPort: number, private readonly settings: Record<string, string>,
                      private readonly name: string) {}

  static async start(name: string, settings: Record<string, string> = {}): Promise<TestServer> {
    if (!existsSync(JAR)) {
      throw new Error(`${JAR} is missing: package the server first (./chirpchat build), or run through ./chirpchat test`);
    }
    const server = new TestServer(await freePort(), await freePort(), settings, name);
    await server.boot();
    return server;
  }

  /** What a user types into the address bar (the README says http://localhost:8080). */
  get url(): string {
    return `http://localhost:${this.port}`;
  }

  get api(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get mediaOrigin(): string {
    return `http://127.0.0.1:${this.mediaPort}`;
  }

  async boot(): Promise<void> {
    const log = createWriteStream(join(OUTPUT, `${this.name}-server.log`), { flags: 'a' });
    const child = spawn(JAVA, ['--enable-native-access=webp.imageio', '-p', `${JAR}:${LIBS}`,
      '-m', 'com.chirpchat.bootstrap/com.chirpchat.bootstrap.Main'], {
      env: {
        ...process.env,
        SERVER_PORT: String(this.port),
        SERVER_HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        CHIRPCHAT_MEDIA_LOCAL_PORT: String(this.mediaPort),
        // cheaper (still real) password hashing, as in the server's own integration tests
        CHIRPCHAT_AUTH_ARGON2_MEMORY_dash_KIB: '1024',
        CHIRPCHAT_AUTH_ARGON2_ITERATIONS: '1',
        // the tests seed history and accounts from one address faster than people do (as the server's own tests)
        CHIRPCHAT_LIMITS_POSTS_PER_dash_USER: '1000000',
        CHIRPCHAT_LIMITS_REGISTER_PER_dash_ADDRESS: '1000000',
        CHIRPCHAT_LIMITS_UPLOADS_PER_dash_USER: '1000000',
        ...this.settings,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    this.process = child;
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`the server exited with ${child.exitCode}; see ${join(OUTPUT, this.name + '-server.log')}`);
      }
      try {
        const health = await fetch(`${this.api}/observe/health`, { signal: AbortSignal.timeout(5_000) });
        if (health.ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the server was not healthy within 120 s; see ${join(OUTPUT, this.name + '-server.log')}`);
  }

  /** Stops the server as an operator would (SIGTERM: it closes sockets with 1001) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) {
      return;
    }
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timeout);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}
