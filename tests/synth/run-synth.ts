/** Runs the built `data:synth` CLI (dist/tools/synth/cli.js) and reads what it wrote. */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runScript, type ScriptRun } from '../helpers/run-script';

const ROOT = path.resolve(__dirname, '../..');
const SYNTH_CLI = path.join(ROOT, 'dist/tools/synth/cli.js');

/** The exit code and output of one run. */
export type SynthRun = ScriptRun;

/** Runs `node dist/tools/synth/cli.js ...args`. */
export function runSynth(args: string[]): Promise<SynthRun> {
  return runScript(SYNTH_CLI, args, {}, 60_000);
}

/** A fresh, empty directory under the OS temp dir. */
export function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'entente-synth-'));
}

/** Every file under `directory` (relative path → bytes), in sorted order. */
export async function readTree(directory: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)));
  for (const file of paths.sort()) files.set(file, await readFile(path.join(directory, file)));
  return files;
}
