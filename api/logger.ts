/**
 * Structured logging with pino: one JSON object per line (stderr by default), at or above the
 * configured level. `child` binds fields (e.g. the request id) to every line it writes.
 * Callers log `(message, fields)`; the message lands in pino's `msg`.
 */
import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** `write` receives each line without its newline (tests collect them); default: stderr. */
export function createLogger(level: LogLevel = 'info', write?: (line: string) => void): Logger {
  const destination = write
    ? { write: (line: string) => write(line.replace(/\n$/, '')) }
    : pino.destination({ fd: 2, sync: true });
  return wrap(
    pino(
      {
        level,
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      destination,
    ),
  );
}

function wrap(logger: pino.Logger): Logger {
  return {
    debug: (message, fields = {}) => logger.debug(fields, message),
    info: (message, fields = {}) => logger.info(fields, message),
    warn: (message, fields = {}) => logger.warn(fields, message),
    error: (message, fields = {}) => logger.error(fields, message),
    child: (bindings) => wrap(logger.child(bindings)),
  };
}

/** Turns anything thrown into loggable fields, keeping the stack for the server log only. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, name: error.name, stack: error.stack };
  return { error: String(error) };
}
