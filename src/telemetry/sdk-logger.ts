/**
 * The Temporal SDK's Logger on pino: every line the SDK, the core and the workflow and activity loggers emit
 * becomes one JSON object, with the fields the SDK attaches (sdkComponent, namespace, taskQueue, workflowId,
 * workflowType, runId, activityType, activityId, attempt, …) at its top level.
 */
import type { Logger as SdkLogger, LogLevel as SdkLogLevel, LogMetadata } from '@temporalio/common';
import type { Logger as Pino } from 'pino';
import type { LogLevel } from './settings';

const PINO_LEVEL: Record<SdkLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The least severe level the SDK must hand over for pino to print what `level` asks for. */
export function sdkLevelOf(level: LogLevel): SdkLogLevel {
  switch (level) {
    case 'trace':
      return 'TRACE';
    case 'debug':
      return 'DEBUG';
    case 'info':
      return 'INFO';
    case 'warn':
      return 'WARN';
    default:
      return 'ERROR';
  }
}

/** pino prints an Error in full only under `err`; the SDK passes its errors as `error` (or `failure`). */
function fieldsOf(meta: LogMetadata | undefined): Record<string, unknown> {
  if (!meta) return {};
  const { error, ...rest } = meta as Record<string, unknown>;
  return error === undefined ? rest : { ...rest, err: error };
}

export function sdkLogger(pino: Pino): SdkLogger {
  const log = (level: SdkLogLevel, message: string, meta?: LogMetadata) =>
    pino[PINO_LEVEL[level]](fieldsOf(meta), message);
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}
