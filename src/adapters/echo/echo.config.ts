import * as z from 'zod';
import { baseUrlSetting, tokenSetting } from '../provider-support/settings.ts';

/** Throwaway: a provider that only shows what the catalog derives. */
export const echoConfigSchema = z.object({
  ECHO_BASE_URL: baseUrlSetting().default('https://echo.invalid/api').describe('Echo API base URL.'),
  ECHO_API_TOKEN: tokenSetting().describe('Echo API token, sent as a Bearer token.'),
});
export type EchoConfig = z.infer<typeof echoConfigSchema>;
