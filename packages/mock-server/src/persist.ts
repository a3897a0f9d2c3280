import { open, readdir, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

let tempCounter = 0;

/**
 * Replaces `file` with `content` so that a reader (or a restart after a crash) sees either
 * the old file or the new one, never a mix: write a temporary file in the same directory,
 * flush it to disk, then rename it over the target.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  const handle = await open(temp, "w", 0o644);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // Persist the rename itself; not every platform lets a directory be opened for this.
  try {
    const dir = await open(dirname(file), "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // best effort
  }
}

/** Removes temporary files a killed process left behind next to `file`. */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const prefix = `.${basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && n.endsWith(".tmp"))
      .map((n) => unlink(join(dirname(file), n)).catch(() => undefined)),
  );
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Saves snapshots one at a time. Changes that arrive while a write runs are coalesced into
 * the next write; every caller's promise settles once a write that includes its change is
 * on disk.
 */
export class StateWriter {
  private writing: Promise<void> | null = null;
  private next: Deferred | null = null;

  constructor(
    private readonly file: string,
    private readonly serialize: () => string,
  ) {}

  save(): Promise<void> {
    this.next ??= deferred();
    const promise = this.next.promise;
    if (!this.writing) this.start();
    return promise;
  }

  /** Resolves when nothing is being written or waiting to be. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
  }

  private start(): void {
    const waiting = this.next!;
    this.next = null;
    // The snapshot is taken now, synchronously, so it holds every change made so far.
    const content = this.serialize();
    this.writing = writeFileAtomic(this.file, content).then(waiting.resolve, waiting.reject);
    this.writing.finally(() => {
      this.writing = null;
      if (this.next) this.start();
    });
  }
}
