import { JsonLogger } from '../../../adapters/json-log/json-logger.adapter.ts';
import { LogSanitizer } from '../../../adapters/json-log/log-sanitizer.ts';
import { SystemClock } from '../../../adapters/in-process/system-clock.adapter.ts';
import type { AppConfig } from '../load-config.ts';
import { secretValues } from '../secret-values.ts';
import type { ServiceMap } from '../service-map.ts';
import type { ContainerModule } from '../typed-container.ts';

export interface CoreOptions {
  /** Where log lines go; standard output unless a test captures them. */
  readonly writeLog?: (line: string) => void;
}

export const coreModule =
  (config: AppConfig, options: CoreOptions = {}): ContainerModule<ServiceMap> =>
  ({ bind }) => {
    bind('config').toConstantValue(config);
    bind('clock').toConstantValue(new SystemClock());
    bind('logger').toConstantValue(
      new JsonLogger({
        level: config.LOG_LEVEL,
        sanitizer: new LogSanitizer(secretValues(config)),
        write: options.writeLog ?? ((line) => process.stdout.write(line)),
      }),
    );
  };
