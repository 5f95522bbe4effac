import * as z from 'zod';
import { baseUrlSetting, templatesSetting, tokenSetting } from '../provider-support/settings.ts';

/**
 * Cliengo's HSM notifications (docs/contracts/providers/cliengo.md). The article's own curl calls the API over
 * plain http; whether https works is not documented, so the default keeps the article's URL.
 */
const DEFAULT_CLIENGO_BASE_URL = 'http://technical-solutions-api.cliengo.com';

const EXAMPLE = '{"offline-alert": {"template": "7", "params": {"titulo": "titulo", "link": "link"}}, …} with one entry per job';

export const cliengoConfigSchema = z.object({
  CLIENGO_BASE_URL: baseUrlSetting()
    .default(DEFAULT_CLIENGO_BASE_URL)
    .describe("Cliengo's technical-solutions API; the help-centre article calls it over http."),
  CLIENGO_API_KEY: tokenSetting({ missing: 'must be set: the company API key Cliengo support gives (hola@cliengo.com)' }).describe(
    'Company API key, sent in the apikey header.',
  ),
  CLIENGO_WEBSITE_ID: z
    .string({ error: 'must be set: the id of the Cliengo channel (website) that owns the templates' })
    .regex(/^[A-Za-z0-9_-]+$/u, 'must be the id of a Cliengo website, such as 64652663e65219005dc61bd6')
    .describe('Id of the Cliengo channel (website) whose HSM templates are used.'),
  // Cliengo's params are named: each key is one of the template's variable names in HSM Manager.
  CLIENGO_TEMPLATES: templatesSetting({ positional: false, example: EXAMPLE, missing: `must be set: JSON such as ${EXAMPLE}` }).describe(
    'JSON: per job, the HSM Manager template id, its named params (template variable → message variable) and optional media {type, link, filename}.',
  ),
});
export type CliengoConfig = z.infer<typeof cliengoConfigSchema>;
