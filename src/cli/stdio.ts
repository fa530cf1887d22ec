// Standard output and error for the command line, written with fs.writeSync on file descriptors 1
// and 2. The first touch of process.stdout builds a stream object, which loads Node's whole stream
// stack (node:stream, and node:tty with node:net on a terminal): ~10 ms of a ~25 ms Node start on
// the machines we measured (npm run bench). flinkfit prints one finished text per run, so a
// synchronous write is all it needs; the terminal's questions (is it one, how wide) are asked only
// when the output can be a terminal.
import { fstatSync, statSync, writeSync } from 'node:fs';

type Fd = 1 | 2;

const closed: Record<Fd, boolean> = { 1: false, 2: false };
const terminal: Partial<Record<Fd, boolean>> = {};

/** Set when a reader went away (EPIPE), as `flinkfit … | head` does: output then ends quietly. */
export function outputClosed(fd: Fd = 1): boolean {
  return closed[fd];
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to fd, waiting while a non-blocking pipe is full (EAGAIN). A closed pipe
 * (EPIPE) ends the output silently: the reader has what it wanted.
 */
export function writeFd(fd: Fd, text: string): void {
  if (closed[fd] || text === '') return;
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(sleeper, 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE') {
        closed[fd] = true;
        return;
      }
      throw e;
    }
  }
}

export const writeOut = (text: string): void => writeFd(1, text);
export const writeErr = (text: string): void => writeFd(2, text);

/**
 * Whether fd is a terminal. Only a character device can be one; /dev/null is the character device
 * a script's output most often goes to, so it is told apart by identity before node:tty is loaded.
 */
export function isTerminal(fd: Fd): boolean {
  const known = terminal[fd];
  if (known !== undefined) return known;
  let answer = false;
  try {
    const st = fstatSync(fd);
    if (st.isCharacterDevice()) {
      const devNull = process.platform === 'win32' ? null : statSync('/dev/null');
      const isNull = devNull !== null && devNull.rdev === st.rdev && devNull.ino === st.ino && devNull.dev === st.dev;
      answer = !isNull && (process.getBuiltinModule('node:tty') as typeof import('node:tty')).isatty(fd);
    }
  } catch {
    answer = false;
  }
  terminal[fd] = answer;
  return answer;
}

/** The terminal's width in columns, or undefined when fd is not a terminal. */
export function columnsOf(fd: Fd): number | undefined {
  if (!isTerminal(fd)) return undefined;
  const w = fd === 1 ? process.stdout.columns : process.stderr.columns;
  return typeof w === 'number' && w > 0 ? w : undefined;
}
