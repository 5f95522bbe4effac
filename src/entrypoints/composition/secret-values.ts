import type { AppConfig } from './load-config.ts';

const SECRET_SETTING = /TOKEN|SECRET|PASSWORD|API_KEY|ACCESS_KEY|CREDENTIAL|MONGODB_URI/u;

/** The values of every secret setting, the providers' included, so that logs can redact them wherever they appear. */
export function secretValues(config: AppConfig): string[] {
  const settings: Record<string, unknown>[] = [config as unknown as Record<string, unknown>, ...Object.values(config.providers)];
  return settings.flatMap((group) =>
    Object.entries(group)
      .filter(([key, value]) => SECRET_SETTING.test(key) && typeof value === 'string' && value !== '')
      .map(([, value]) => value as string),
  );
}
