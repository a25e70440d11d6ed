/** Runs the built `data:synth` CLI (dist/scripts/synth.js) and reads what it wrote. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SYNTH_CLI = path.join(ROOT, 'dist/scripts/synth.js');

/** The exit code and output of one run. */
export interface SynthRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/scripts/synth.js ...args`. */
export function runSynth(args: string[]): Promise<SynthRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SYNTH_CLI, ...args], { env: { PATH: process.env.PATH }, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
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
