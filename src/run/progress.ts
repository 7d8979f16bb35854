// Progress bar on stderr (cli-progress); silent when stderr is not a terminal.
import cliProgress from 'cli-progress';

export interface Progress {
  tick(label: string): void;
  stop(): void;
}

export function createProgress(enabled: boolean, total: number): Progress {
  if (!enabled || total === 0 || !process.stderr.isTTY) return { tick: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({
    format: 'ase {bar} {value}/{total} jobs | {eta_formatted} left | {label}',
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, { label: '' });
  return { tick: (label) => bar.increment(1, { label }), stop: () => bar.stop() };
}
