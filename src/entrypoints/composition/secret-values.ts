const SECRET_SETTING = /TOKEN|SECRET|PASSWORD|API_KEY|ACCESS_KEY|CREDENTIAL|MONGODB_URI/u;

/** The values of every secret setting, so that logs can redact them wherever they appear. */
export function secretValues(config: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(config)
    .filter(([key, value]) => SECRET_SETTING.test(key) && typeof value === 'string' && value !== '')
    .map(([, value]) => value as string);
}
