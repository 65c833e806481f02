/** A progress bar on a terminal, and a few percentage lines elsewhere (CI logs stay short). */
import cliProgress from 'cli-progress';

export interface Progress {
  advance(n: number): void;
  stop(): void;
}

export const silentProgress: Progress = { advance() {}, stop() {} };

export function consoleProgress(label: string, total: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {eta}s left`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { advance: (n) => bar.increment(n), stop: () => bar.stop() };
  }
  let done = 0;
  let lastTenth = -1;
  return {
    advance(n) {
      done += n;
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${label}: ${Math.min(100, tenth * 10)}%\n`);
      }
    },
    stop() {},
  };
}
