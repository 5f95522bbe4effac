/** Settings whose whole value is a secret: tokens, passwords, keys, and URLs that are credentials themselves. */
export const SECRET_SETTING = /TOKEN|SECRET|PASSWORD|API_KEY|ACCESS_KEY|CREDENTIAL|MONGODB_URI|WEBHOOK_URL/u;
/** A URL with a user (and password) before its host. */
export const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@\s]*)@/iu;

/** Whether the setting's whole value is a secret, wherever it is set. */
export function isSecretSetting(name: string): boolean {
  return SECRET_SETTING.test(name);
}

/** Whether a value is a URL carrying a user (and password): its credentials are secrets, whatever the setting. */
export function hasUrlCredentials(value: string | undefined): boolean {
  return value !== undefined && URL_WITH_CREDENTIALS.test(value);
}
