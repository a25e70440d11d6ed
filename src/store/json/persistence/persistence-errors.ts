/** Errors of the persistence layer; each names the file at fault by absolute path. */
import path from 'node:path';

/** The journal holds a damaged or out-of-order line that is not a torn final write. */
export class JournalCorruptError extends Error {
  /** The command that cuts the journal before the damaged line, when a person chooses to. */
  readonly repairCommand: string;

  constructor(
    /** The segment file holding the line. */
    readonly file: string,
    readonly line: number,
    reason: string,
    /** The data directory (a sealed segment is in its journal/ folder). */
    directory: string = path.dirname(file),
  ) {
    const repairCommand = `npm run journal:repair -- ${directory}`;
    super(
      `JournalCorruptError: ${file} line ${line}: ${reason}; the journal is corrupt (a complete line, not a torn write) and was left unchanged: ` +
        `restore it from a backup, or cut it before line ${line}, losing that line and every one after it, with: ${repairCommand}`,
    );
    this.repairCommand = repairCommand;
    this.name = 'JournalCorruptError';
  }
}

/** `store.json` exists but is not valid JSON or not the expected shape. */
export class SnapshotStateError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}; expected {"format": 1, "compactedThrough": <seq>}: restore it from a backup`);
    this.name = 'SnapshotStateError';
  }
}

/** Another live process holds the data directory's lock file. */
export class DataDirLockedError extends Error {
  constructor(
    readonly file: string,
    readonly directory: string,
    readonly pid: number | null,
    readonly hostname: string | null = null,
  ) {
    const holder = pid === null ? 'another Entente process' : `another Entente process (pid ${pid}${hostname === null ? '' : ` on host ${hostname}`})`;
    super(`${holder} is using DATA_DIR ${directory}; stop it first, or point DATA_DIR elsewhere (lock file ${file})`);
    this.name = 'DataDirLockedError';
  }
}
