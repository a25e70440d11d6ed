/**
 * A FileSystem (src/store/json/persistence/file-system.ts) over node:fs that counts every
 * write step (open to create or append, write, fsync, fdatasync, rename, mkdir, unlink)
 * and makes the chosen one fail as a full disk does: ENOSPC, or a short write that takes
 * only part of the bytes. Nothing runs at import.
 */
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import type { FileSystem, WritableFile } from '../../src/store/json/persistence/file-system';

/**
 * `enospc`: step `at` fails with ENOSPC. `short`: step `at`, a write, takes half its bytes.
 * `once`: only that step fails (space came back); `full`: every write step from it on fails
 * with ENOSPC until `free()` (truncate and unlink still work after it: they free space; an
 * unlink fails only as the step chosen).
 */
export interface Fault {
  at: number;
  kind: 'enospc' | 'short';
  lasting: 'once' | 'full';
}

/** One counted step, for listing what a run did. */
export interface Step {
  index: number;
  operation: string;
  file: string;
}

/** Counts write steps and fails the one its fault names. */
export class FaultyFileSystem implements FileSystem {
  readonly steps: Step[] = [];
  /** Whether the fault has fired. */
  fired = false;
  /** Called, synchronously, when the fault first fires: the moment a crash would freeze. */
  onFire: () => void = () => {};
  private freed = false;

  constructor(private fault: Fault | null = null) {}

  /** Fills the disk now: every write step from here on fails with ENOSPC, until `free()`. */
  fill(): void {
    this.fault = { at: this.steps.length, kind: 'enospc', lasting: 'full' };
    this.freed = false;
  }

  /** Ends a `full` fault: space is back. */
  free(): void {
    this.freed = true;
  }

  async open(file: string, flags: 'a' | 'ax' | 'wx' | 'r'): Promise<WritableFile> {
    if (flags !== 'r') this.step('open', file);
    return this.wrap(await open(file, flags), file);
  }

  async rename(from: string, to: string): Promise<void> {
    this.step('rename', to);
    await rename(from, to);
  }

  async unlink(file: string): Promise<void> {
    this.step('unlink', file);
    await unlink(file);
  }

  async mkdir(directory: string, options: { recursive: true }): Promise<unknown> {
    this.step('mkdir', directory);
    return mkdir(directory, options);
  }

  private wrap(handle: Awaited<ReturnType<typeof open>>, file: string): WritableFile {
    return {
      write: async (buffer, offset, length, position) => {
        if (this.step('write', file) === 'short') return handle.write(buffer, offset, Math.floor(length / 2), position);
        return handle.write(buffer, offset, length, position);
      },
      sync: async () => {
        this.step('sync', file);
        await handle.sync();
      },
      datasync: async () => {
        this.step('datasync', file);
        await handle.datasync();
      },
      // Cutting a file back frees space: it works on a full disk.
      truncate: (length) => handle.truncate(length),
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
  }

  /** Records a step; throws ENOSPC when it is to fail that way, or answers 'short' for a short write. */
  private step(operation: string, file: string): 'ok' | 'short' {
    const index = this.steps.length;
    this.steps.push({ index, operation, file });
    const fault = this.fault;
    if (fault === null || this.freed) return 'ok';
    const failing = index === fault.at || (fault.lasting === 'full' && index > fault.at && operation !== 'unlink');
    if (!failing) return 'ok';
    if (!this.fired) {
      this.fired = true;
      this.onFire();
    }
    if (index === fault.at && fault.kind === 'short' && operation === 'write') return 'short';
    throw Object.assign(new Error(`ENOSPC: no space left on device (injected at step ${index}, ${operation} ${file})`), { code: 'ENOSPC', errno: -28, syscall: operation });
  }
}
