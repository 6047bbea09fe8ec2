import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type SandboxState, emptyState } from './sandbox-state';

/**
 * Holds the sandbox's state in memory and, when given a directory, keeps it in `state.json`
 * there, so that tokens and servers survive a restart. Writes are coalesced (one per tick) and
 * atomic (write then rename), so a crash never leaves half a file.
 */
export class StateStore {
  private current: SandboxState;
  private pending = false;

  constructor(private readonly dataDir?: string) {
    this.current = this.load() ?? emptyState();
  }

  get state(): SandboxState {
    return this.current;
  }

  /** Call after every change; the write happens once the current request's work is done. */
  changed(): void {
    if (!this.dataDir || this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.flush();
    });
  }

  reset(): void {
    this.current = emptyState();
    this.changed();
  }

  flush(): void {
    if (!this.dataDir) return;
    mkdirSync(this.dataDir, { recursive: true });
    const file = join(this.dataDir, 'state.json');
    writeFileSync(`${file}.tmp`, JSON.stringify(this.current));
    renameSync(`${file}.tmp`, file);
  }

  private load(): SandboxState | undefined {
    if (!this.dataDir) return undefined;
    try {
      const parsed = JSON.parse(
        readFileSync(join(this.dataDir, 'state.json'), 'utf8'),
      ) as SandboxState;
      return parsed.version === 1
        ? { ...emptyState(), ...parsed, settings: { ...DEFAULT_SETTINGS, ...parsed.settings } }
        : undefined;
    } catch {
      // No state yet, or a damaged file: start fresh rather than refuse to run a test tool.
      return undefined;
    }
  }
}
